import SafeTensors
import Testing
@testable import VizPipeline

@Suite("Snapshot files")
struct SnapshotTests {
    /// A snapshot of `probes` probes whose every value is distinct, so a swapped tensor shows.
    static func sample(probes p: Int, epoch: Int = 3) -> Snapshot {
        var next: Float = 0
        func values(_ count: Int) -> [Float] {
            (0..<count).map { _ in next += 0.25; return next }
        }
        return Snapshot(
            epoch: epoch, labels: (0..<p).map { $0 % 9 },
            input: values(p * 1024), conv1: values(p * 16 * 1024), pool1: values(p * 16 * 256),
            conv2: values(p * 32 * 256), pool2: values(p * 32 * 64), fc1: values(p * 64),
            logits: values(p * 9), fc2Weight: values(9 * 64), fc2Bias: values(9), testAccuracy: 0.875)
    }

    @Test func roundTripsThroughSafeTensorsBytes() throws {
        let snapshot = Self.sample(probes: 3)
        let bytes = try snapshot.safeTensorsFile().encoded()
        let back = try Snapshot(SafeTensorsFile(decoding: bytes))
        #expect(back == snapshot)
    }

    @Test func usesTheSpecNamesAndShapes() throws {
        let file = try Self.sample(probes: 2).safeTensorsFile()
        let shapes = file.tensors.mapValues(\.shape)
        #expect(shapes == [
            "input": [2, 1, 32, 32], "label": [2], "conv1": [2, 16, 32, 32], "pool1": [2, 16, 16, 16],
            "conv2": [2, 32, 16, 16], "pool2": [2, 32, 8, 8], "fc1": [2, 64], "logits": [2, 9],
            "fc2.weight": [9, 64], "fc2.bias": [9],
        ])
        #expect(file.tensors["label"]?.dtype == .i64)
        #expect(file.metadata == ["epoch": "3", "test_accuracy": "0.875"])
    }

    @Test func aTensorWithTheWrongShapeIsRejectedByName() throws {
        var file = try Self.sample(probes: 2).safeTensorsFile()
        file.tensors["pool2"] = try Tensor(shape: [2, 32, 8, 7], floats: [Float](repeating: 0, count: 2 * 32 * 56))
        #expect(throws: SnapshotError.self) { try Snapshot(file) }
        do {
            _ = try Snapshot(file)
        } catch {
            #expect(error.description.contains("pool2"))
        }
    }

    @Test func labelsOutsideTheClassesAreRejected() throws {
        var file = try Self.sample(probes: 2).safeTensorsFile()
        file.tensors["label"] = try Tensor(shape: [2], int64s: [0, 9])
        #expect(throws: SnapshotError.badMetadata("label 9 is not a class 0…8")) { try Snapshot(file) }
    }

    @Test func floatLabelsAreAccepted() throws {
        var file = try Self.sample(probes: 2).safeTensorsFile()
        file.tensors["label"] = try Tensor(shape: [2], floats: [4, 8])
        #expect(try Snapshot(file).labels == [4, 8])
    }

    @Test func aMissingEpochIsRejected() throws {
        var file = try Self.sample(probes: 2).safeTensorsFile()
        file.metadata = [:]
        #expect(throws: SnapshotError.self) { try Snapshot(file) }
    }

    /// The disk estimate `viz train` checks before it starts: the tensors exactly, plus room for the header.
    @Test(arguments: [1, 45])
    func theSizeEstimateCoversAnEncodedSnapshot(probes: Int) throws {
        let size = try Self.sample(probes: probes).safeTensorsFile().encoded().count
        let tensorBytes = probes * TrainingSettings.snapshotBytesPerProbe + (9 * 64 + 9) * 4
        #expect(size > tensorBytes)
        #expect(size <= probes * TrainingSettings.snapshotBytesPerProbe + TrainingSettings.snapshotFixedBytes)
    }

    @Test func layerSlicesBelongToTheirProbe() {
        let snapshot = Self.sample(probes: 3)
        #expect(snapshot.values(of: .pool2, probe: 1).first == snapshot.pool2[2048])
        #expect(snapshot.values(of: .fc1, probe: 2).count == 64)
        #expect(snapshot.probes(ofClass: 1) == [1])
        #expect(snapshot.fc2Rows[8].last == snapshot.fc2Weight.last)
    }
}
