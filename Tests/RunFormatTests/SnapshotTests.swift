import SafeTensors
import Testing
@testable import RunFormat

@Suite("Snapshot files")
struct SnapshotTests {
    /// A snapshot of `probes` probes of a run of `model` whose every value is distinct, so a
    /// swapped tensor shows.
    static func sample(probes p: Int, epoch: Int = 3, model: ModelDescription = .tinyCNN) -> Snapshot {
        var next: Float = 0
        func values(_ count: Int) -> [Float] {
            (0..<count).map { _ in next += 0.25; return next }
        }
        let k = model.classCount
        var layers: [String: [Float]] = [:]
        for layer in model.layers { layers[layer.name] = values(p * layer.count) }
        return Snapshot(epoch: epoch, labels: (0..<p).map { $0 % k }, input: values(p * model.inputCount), layers: layers,
                        logits: values(p * k), headWeight: values(k * model.head.features), headBias: values(k), testAccuracy: 0.875)
    }

    /// An RGB model with ten classes and a head reading a 12-unit vector: not TinyCNN.
    static let rgb = ModelDescription(
        inputShape: [3, 8, 8], inputRange: nil, classNames: (0..<10).map { "digit \($0)" },
        layers: [.init(name: "features.0", kind: "Conv2d", shape: [4, 8, 8]), .init(name: "fc", kind: "Linear", shape: [12])],
        head: .init(name: "out", input: "fc", classes: 10, features: 12))

    @Test(arguments: [ModelDescription.tinyCNN, rgb])
    func roundTripsThroughSafeTensorsBytes(model: ModelDescription) throws {
        let snapshot = Self.sample(probes: 3, model: model)
        let bytes = try snapshot.safeTensorsFile(model: model).encoded()
        let back = try Snapshot(SafeTensorsFile(decoding: bytes), model: model)
        #expect(back == snapshot)
    }

    @Test func usesTheSpecNamesAndShapes() throws {
        let file = try Self.sample(probes: 2).safeTensorsFile(model: .tinyCNN)
        let shapes = file.tensors.mapValues(\.shape)
        #expect(shapes == [
            "input": [2, 1, 32, 32], "label": [2], "conv1": [2, 16, 32, 32], "pool1": [2, 16, 16, 16],
            "conv2": [2, 32, 16, 16], "pool2": [2, 32, 8, 8], "fc1": [2, 64], "logits": [2, 9],
            "fc2.weight": [9, 64], "fc2.bias": [9],
        ])
        #expect(file.tensors["label"]?.dtype == .i64)
        #expect(file.metadata == ["epoch": "3", "test_accuracy": "0.875"])
        let rgbShapes = try Self.sample(probes: 2, model: Self.rgb).safeTensorsFile(model: Self.rgb).tensors.mapValues(\.shape)
        #expect(rgbShapes == ["input": [2, 3, 8, 8], "label": [2], "features.0": [2, 4, 8, 8], "fc": [2, 12], "logits": [2, 10],
                              "out.weight": [10, 12], "out.bias": [10]])
    }

    @Test func aTensorWithTheWrongShapeIsRejectedByName() throws {
        var file = try Self.sample(probes: 2).safeTensorsFile(model: .tinyCNN)
        file.tensors["pool2"] = try Tensor(shape: [2, 32, 8, 7], floats: [Float](repeating: 0, count: 2 * 32 * 56))
        #expect(throws: SnapshotError.format(.tensorMismatch(name: "pool2", expectedDType: .f32, expectedShape: [2, 32, 8, 8],
                                                             foundDType: .f32, foundShape: [2, 32, 8, 7]))) {
            try Snapshot(file, model: .tinyCNN)
        }
    }

    @Test func aMissingLayerIsRejectedByName() throws {
        var file = try Self.sample(probes: 2).safeTensorsFile(model: .tinyCNN)
        file.tensors["conv2"] = nil
        #expect(throws: SnapshotError.format(.tensorNotFound("conv2"))) { try Snapshot(file, model: .tinyCNN) }
    }

    @Test func labelsOutsideTheClassesAreRejected() throws {
        var file = try Self.sample(probes: 2).safeTensorsFile(model: .tinyCNN)
        file.tensors["label"] = try Tensor(shape: [2], int64s: [0, 9])
        #expect(throws: SnapshotError.badMetadata("label 9 is not a class 0…8")) { try Snapshot(file, model: .tinyCNN) }
    }

    @Test func floatLabelsAreAccepted() throws {
        var file = try Self.sample(probes: 2).safeTensorsFile(model: .tinyCNN)
        file.tensors["label"] = try Tensor(shape: [2], floats: [4, 8])
        #expect(try Snapshot(file, model: .tinyCNN).labels == [4, 8])
    }

    @Test func aMissingEpochIsRejected() throws {
        var file = try Self.sample(probes: 2).safeTensorsFile(model: .tinyCNN)
        file.metadata = [:]
        #expect(throws: SnapshotError.badMetadata("no valid \"epoch\" entry in __metadata__")) { try Snapshot(file, model: .tinyCNN) }
    }
}
