import Foundation
import VizTestSupport

/// One file of a trained run (``Sandbox/smallRun``: 2 epochs, 27 probes) damaged in one way, as
/// issue 6 §1 lists them. The library-level twin is VizPipelineTests/ReliabilityCorruptSnapshotTests.
enum RunDamage: String, Sendable, CustomStringConvertible {
    case lastSnapshotMissing, middleSnapshotMissing, snapshotTruncated, snapshotHeaderLongerThanFile,
         snapshotHeaderInvalidJSON, snapshotOffsetsOutOfBounds, snapshotOffsetsOverlap, snapshotWrongDType,
         snapshotWrongShape, checkpointMissing, checkpointTruncated, checkpointWrongShape,
         /// A whole, valid file of another run (``Sandbox/smallRun`` with another seed) copied in.
         middleSnapshotOfAnotherRun, lastSnapshotOfAnotherRun, checkpointOfAnotherRun,
         /// The last snapshot's Grad-CAM renamed to a name no reader knows: a run without it.
         lastSnapshotWithoutGradCAM

    var description: String { rawValue }

    /// The damaged file, relative to `out/run`.
    var file: String {
        switch self {
        case .middleSnapshotMissing, .middleSnapshotOfAnotherRun: return "snapshots/epoch_001.safetensors"
        case .checkpointMissing, .checkpointTruncated, .checkpointWrongShape, .checkpointOfAnotherRun: return "checkpoint.safetensors"
        default: return "snapshots/epoch_002.safetensors"
        }
    }

    func apply(in runDirectory: String) throws {
        let path = runDirectory + "/" + file
        let valid = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var damaged = try DamagedSafeTensors(valid)
        switch self {
        case .middleSnapshotOfAnotherRun, .lastSnapshotOfAnotherRun, .checkpointOfAnotherRun:
            try Data(contentsOf: URL(fileURLWithPath: try Self.anotherRun.get() + "/" + file)).write(to: URL(fileURLWithPath: path))
            return
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
        case .lastSnapshotWithoutGradCAM:
            try damaged.replace("\"gradcam\":{", with: "\"gradcxm\":{")
        case .snapshotWrongShape:
            try damaged.replace("\"shape\":[27,64]", with: "\"shape\":[64,27]")
        case .checkpointWrongShape:
            try damaged.replace("\"shape\":[64,2048]", with: "\"shape\":[2048,64]")
        }
        try Data(damaged.bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The run directory of ``Sandbox/smallRun`` with seed 7 (the fixtures use 42), trained once per
    /// test process: the same model and sizes, another run id.
    static let anotherRun: Result<String, any Error> = Result {
        let sandbox = try Sandbox(.empty)
        let result = try VizBinary.run(["train", "--out", sandbox.path + "/out", "--seed", "7"] + Sandbox.smallRun, in: sandbox.path)
        guard result.status == 0 else { throw Sandbox.FixtureFailed(reason: result.standardError) }
        return sandbox.path + "/out/run"
    }
}
