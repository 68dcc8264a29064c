import Foundation
import VizTestSupport

/// One file of a trained run (``Sandbox/smallRun``: 2 epochs, 27 probes) damaged in one way, as
/// issue 6 §1 lists them. The library-level twin is VizPipelineTests/ReliabilityCorruptSnapshotTests.
enum RunDamage: String, Sendable, CustomStringConvertible {
    case lastSnapshotMissing, middleSnapshotMissing, snapshotTruncated, snapshotHeaderLongerThanFile,
         snapshotHeaderInvalidJSON, snapshotOffsetsOutOfBounds, snapshotOffsetsOverlap, snapshotWrongDType,
         snapshotWrongShape, checkpointMissing, checkpointTruncated, checkpointWrongShape

    var description: String { rawValue }

    /// The damaged file, relative to `out/run`.
    var file: String {
        switch self {
        case .middleSnapshotMissing: return "snapshots/epoch_001.safetensors"
        case .checkpointMissing, .checkpointTruncated, .checkpointWrongShape: return "checkpoint.safetensors"
        default: return "snapshots/epoch_002.safetensors"
        }
    }

    func apply(in runDirectory: String) throws {
        let path = runDirectory + "/" + file
        let valid = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var damaged = try DamagedSafeTensors(valid)
        switch self {
        case .lastSnapshotMissing, .middleSnapshotMissing, .checkpointMissing:
            try FileManager.default.removeItem(atPath: path)
            return
        case .snapshotTruncated, .checkpointTruncated:
            try Data(valid.prefix(valid.count / 2)).write(to: URL(fileURLWithPath: path))
            return
        case .snapshotHeaderLongerThanFile:
            let bytes = DamagedSafeTensors.lengthPrefix(UInt64(valid.count)) + valid.dropFirst(8)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return
        case .snapshotHeaderInvalidJSON:
            damaged.header = "x" + damaged.header.dropFirst()
        case .snapshotOffsetsOutOfBounds:
            let (begin, end) = try damaged.offsets(of: "pool2")
            try damaged.setOffsets(of: "pool2", begin: damaged.data.count, end: damaged.data.count + end - begin)
        case .snapshotOffsetsOverlap:
            let (begin, end) = try damaged.offsets(of: "fc2.bias")
            try damaged.setOffsets(of: "fc2.bias", begin: 0, end: end - begin)
        case .snapshotWrongDType:
            try damaged.replace("\"fc1\":{\"dtype\":\"F32\"", with: "\"fc1\":{\"dtype\":\"I32\"")
        case .snapshotWrongShape:
            try damaged.replace("\"shape\":[27,64]", with: "\"shape\":[64,27]")
        case .checkpointWrongShape:
            try damaged.replace("\"shape\":[64,2048]", with: "\"shape\":[2048,64]")
        }
        try Data(damaged.bytes).write(to: URL(fileURLWithPath: path))
    }
}
