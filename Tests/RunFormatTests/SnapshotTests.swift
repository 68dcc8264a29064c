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

/// RUN_FORMAT.md's optional tensors: written under their names, read back equal, refused with a
/// reason when their shapes do not fit the snapshot.
@Suite("Snapshot files: optional tensors")
struct SnapshotExtrasTests {
    static func withExtras(probes p: Int = 3, testImages n: Int = 4) -> Snapshot {
        var snapshot = SnapshotTests.sample(probes: p)
        var e = Snapshot.Extras()
        e.testLabels = (0..<n).map { ($0 * 5) % 9 }
        e.testLogits = (0..<(n * 9)).map { Float($0) / 8 }
        e.testFeatures = (0..<(n * 64)).map { Float($0) / 16 }
        e.parameters = ["conv1.weight": .init(shape: [16, 1, 3, 3], values: (0..<144).map { Float($0) }),
                        "fc2.bias": .init(shape: [9], values: (0..<9).map { -Float($0) })]
        e.gradInput = (0..<(p * 1024)).map { Float($0) * 1e-3 }
        e.gradCAM = (0..<(p * 256)).map { Float($0 % 7) }
        e.gradCAMShape = [16, 16]
        e.gradCAMLayer = "conv2"
        e.squares = (0..<p).flatMap { [$0, 2 * $0, 6, 6] }
        snapshot.extras = e
        return snapshot
    }

    @Test func roundTripUnderTheirNames() throws {
        let snapshot = Self.withExtras()
        let file = try snapshot.safeTensorsFile(model: .tinyCNN)
        let shapes = file.tensors.mapValues(\.shape)
        #expect(shapes["test.label"] == [4] && shapes["test.logits"] == [4, 9] && shapes["test.features"] == [4, 64])
        #expect(shapes["param.conv1.weight"] == [16, 1, 3, 3] && shapes["param.fc2.bias"] == [9])
        #expect(shapes["grad_input"] == [3, 1, 32, 32] && shapes["gradcam"] == [3, 16, 16] && shapes["square"] == [3, 4])
        #expect(file.tensors["test.label"]?.dtype == .i64 && file.tensors["square"]?.dtype == .i64)
        #expect(file.metadata["gradcam_layer"] == "conv2")
        let back = try Snapshot(SafeTensorsFile(decoding: file.encoded()), model: .tinyCNN)
        #expect(back == snapshot)
    }

    @Test func misfitShapesAreRefusedWithTheReason() throws {
        let good = try Self.withExtras().safeTensorsFile(model: .tinyCNN)
        var file = good
        file.tensors["gradcam"] = try Tensor(shape: [2, 16, 16], floats: [Float](repeating: 0, count: 512))
        #expect(throws: SnapshotError.badMetadata("gradcam must have shape [P, h, w] with P = 3, found [2, 16, 16]")) {
            try Snapshot(file, model: .tinyCNN)
        }
        file = good
        file.tensors["square"] = try Tensor(shape: [3, 3], int64s: [Int64](repeating: 0, count: 9))
        #expect(throws: SnapshotError.badMetadata("square must have shape [3, 4], found [3, 3]")) { try Snapshot(file, model: .tinyCNN) }
        file = good
        file.tensors["test.label"] = try Tensor(shape: [4], int64s: [0, 1, 9, 2])
        #expect(throws: SnapshotError.badMetadata("test.label 9 is not a class 0…8")) { try Snapshot(file, model: .tinyCNN) }
        file = good
        file.tensors["test.logits"] = try Tensor(shape: [4, 8], floats: [Float](repeating: 0, count: 32))
        #expect(throws: SnapshotError.format(.tensorMismatch(name: "test.logits", expectedDType: .f32, expectedShape: [4, 9],
                                                             foundDType: .f32, foundShape: [4, 8]))) {
            try Snapshot(file, model: .tinyCNN)
        }
    }

    /// N is bounded (RUN_FORMAT.md: 1…100 000), as P is.
    @Test func aTestSetBeyondTheLimitIsRefused() throws {
        var file = try Self.withExtras().safeTensorsFile(model: .tinyCNN)
        let n = Snapshot.maxTestImages + 1
        file.tensors["test.label"] = try Tensor(shape: [n], int64s: [Int64](repeating: 0, count: n))
        #expect(throws: SnapshotError.badMetadata("test.label must have shape [N] with N 1…100000, found [100001]")) {
            try Snapshot(file, model: .tinyCNN)
        }
    }
}
