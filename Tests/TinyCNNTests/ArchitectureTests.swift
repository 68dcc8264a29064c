import Testing
@testable import TinyCNN

@Suite struct ArchitectureTests {
    let tiny = Architecture.tinyCNN

    @Test func theTableDerivesSpecTwosShapes() {
        #expect(tiny.inputShape == [1, 32, 32])
        #expect(tiny.layers.map(\.name) == ["conv1", "pool1", "conv2", "pool2", "fc1", "fc2"])
        #expect(tiny.layers.map(\.outputShape) == [[16, 32, 32], [16, 16, 16], [32, 16, 16], [32, 8, 8], [64], [9]])
        #expect(tiny.recordedLayers.map(\.name) == ["conv1", "pool1", "conv2", "pool2", "fc1"])
        #expect(tiny.head.name == "fc2" && tiny.headInput?.name == "fc1" && tiny.classCount == 9)
    }

    @Test func parametersArePyTorchsNamesShapesAndFanIns() {
        #expect(tiny.parameters.map(\.name) == ParameterName.allCases.map(\.rawValue))
        #expect(tiny.parameters.map(\.shape) == [[16, 1, 3, 3], [16], [32, 16, 3, 3], [32], [64, 2048], [64], [9, 64], [9]])
        #expect(tiny.parameters.map(\.fanIn) == [9, 9, 144, 144, 2048, 2048, 64, 64])
        #expect(Parameters.totalCount == 136_521)
        #expect(ParameterName.fc2Weight.offset == 136_521 - 9 - 576 && ParameterName.conv1Weight.offset == 0)
    }

    @Test func summariesNameWhatEachLayerReads() {
        #expect(tiny.layers.map(\.summary) == [
            "3×3 convolution + ReLU", "2×2 max-pooling of conv1", "3×3 convolution of pool1 + ReLU", "2×2 max-pooling of conv2",
            "linear 2048 → 64 + ReLU", "linear 64 → 9",
        ])
    }

    @Test func anotherTableDerivesItsOwnShapes() {
        let rgb = Architecture(inputShape: [3, 8, 8], rows: [.convolution("c", channels: 4), .maxPool("p"),
                                                             .linear("head", features: 10, relu: false)])
        #expect(rgb.layers.map(\.outputShape) == [[4, 8, 8], [4, 4, 4], [10]])
        #expect(rgb.parameters.map(\.shape) == [[4, 3, 3, 3], [4], [10, 64], [10]])
        #expect(rgb.headInput?.name == "p" && rgb.classCount == 10)
    }
}
