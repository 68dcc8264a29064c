import Foundation
import Testing
import VizTestSupport
@testable import RunFormat
import TinyCNN
import SafeTensors

/// Issue 6 §1, the corrupt-file rows, at the library level: `RunFolder.readSnapshot` on a snapshot
/// damaged in each way the issue names refuses it with one line naming the file and the fault,
/// which the CLI reports with exit status 65. (The CLI rows are in VizCLITests/BadInputTests.)
@Suite("Reliability: corrupt snapshots")
struct ReliabilityCorruptSnapshotTests {
    /// One way to damage `epoch_002.safetensors` of a run whose epochs 0…2 are valid files.
    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case missing, emptyFile, truncatedToSevenBytes, truncatedHalfway, headerLongerThanFile, headerOverLimit,
             invalidHeaderJSON, offsetsOutOfBounds, overlappingOffsets, trailingBytes, wrongDType, wrongShape,
             copyOfAnotherEpoch

        var testDescription: String { rawValue }

        /// Damages `valid` (the bytes of a snapshot with 3 probes); nil deletes the file.
        func apply(to valid: [UInt8], otherEpoch: [UInt8]) throws -> [UInt8]? {
            var file = try DamagedSafeTensors(valid)
            switch self {
            case .missing: return nil
            case .emptyFile: return []
            case .truncatedToSevenBytes: return Array(valid.prefix(7))
            case .truncatedHalfway: return Array(valid.prefix(valid.count / 2))
            case .headerLongerThanFile: return DamagedSafeTensors.lengthPrefix(UInt64(valid.count - 8 + 1)) + valid.dropFirst(8)
            case .headerOverLimit: return DamagedSafeTensors.lengthPrefix(1 << 40) + valid.dropFirst(8)
            case .invalidHeaderJSON:
                file.header = "x" + file.header.dropFirst()
            case .offsetsOutOfBounds:
                let (begin, end) = try file.offsets(of: "pool2")
                try file.setOffsets(of: "pool2", begin: file.data.count, end: file.data.count + end - begin)
            case .overlappingOffsets:
                let (begin, end) = try file.offsets(of: "fc2.bias")
                try file.setOffsets(of: "fc2.bias", begin: 0, end: end - begin)
            case .trailingBytes:
                file.data += [0, 0, 0, 0]
            case .wrongDType:
                try file.replace("\"fc1\":{\"dtype\":\"F32\"", with: "\"fc1\":{\"dtype\":\"I32\"")
            case .wrongShape:
                try file.replace("\"shape\":[3,64]", with: "\"shape\":[64,3]")
            case .copyOfAnotherEpoch:
                return otherEpoch
            }
            return file.bytes
        }

        /// What the one-line message must say after "<path> is corrupt: " (or "is missing").
        var expectedReason: String {
            switch self {
            case .missing: return "is missing — the run is incomplete"
            case .emptyFile: return "file is 0 bytes long; a safetensors file needs at least the 8-byte header length"
            case .truncatedToSevenBytes: return "file is 7 bytes long"
            case .truncatedHalfway: return "of a data section of"
            case .headerLongerThanFile: return "bytes that follow it"
            case .headerOverLimit: return "header length 1099511627776 exceeds the limit of 16777216 bytes"
            case .invalidHeaderJSON: return "header is not valid JSON at byte 0: unexpected byte 0x78"
            case .offsetsOutOfBounds: return "tensor \"pool2\" ends at byte"
            case .overlappingOffsets: return "tensors \"label\" and \"fc2.bias\" overlap"
            case .trailingBytes: return "but the data section has"
            case .wrongDType: return "tensor \"fc1\" is I32 [3, 64], expected F32 [3, 64]"
            case .wrongShape: return "tensor \"fc1\" is F32 [64, 3], expected F32 [3, 64]"
            case .copyOfAnotherEpoch: return "holds the snapshot of epoch 1, not of epoch 2"
            }
        }
    }

    @Test(arguments: Damage.allCases)
    func damagedSnapshotIsRefusedNamingFileAndFault(_ damage: Damage) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = RunFolder(out: directory.path)
        try folder.createDirectories()
        var snapshots: [[UInt8]] = []
        for epoch in 0...2 {
            let bytes = try SnapshotTests.sample(probes: 3, epoch: epoch).safeTensorsFile(model: .tinyCNN).encoded()
            try RunFolder.writeAtomically(bytes, to: folder.snapshot(epoch: epoch))
            snapshots.append(bytes)
        }
        let target = folder.snapshot(epoch: 2)
        if let damaged = try damage.apply(to: snapshots[2], otherEpoch: snapshots[1]) {
            try RunFolder.writeAtomically(damaged, to: target)
        } else {
            try FileManager.default.removeItem(atPath: target)
        }

        do {
            _ = try folder.readSnapshot(epoch: 2)
            Issue.record("the damaged snapshot was accepted")
        } catch {
            let message = error.description
            #expect(message.hasPrefix(target + (damage == .missing ? " " : " is corrupt: ")), "\(message)")
            #expect(message.contains(damage.expectedReason), "\(message)")
            #expect(!message.contains("\n"))
            #expect(damage == .missing ? error == .missingFile(path: target) : { if case .corrupt = error { true } else { false } }())
        }
        // The damage is confined to its file: the other epochs still read.
        #expect(try folder.readSnapshot(epoch: 1).epoch == 1)
    }
}
