import Testing
@testable import TinyCNN

/// Every view and kernel refuses a shape it cannot handle: the process stops with a message that
/// names the shapes, before any pointer is touched, instead of reading or writing out of bounds.
/// A failed precondition cannot be caught, so each case runs in a child process (an exit test)
/// whose standard error is checked for the message.
@Suite struct ShapeCheckTests {
    enum Misuse: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
        case mapsLargerThanTheirMemory, samplesOutsideTheBatch, borderedMapsFlattened, convWeightOfTheWrongSize
        case convInputWithoutBorder, convChannelsDisagree, convWidthNotInTiles, convOutputChannelsNotInTiles
        case convWeightGradientOfOddChannels, flippedIntoTheWrongShape
        case denseFeaturesDisagree, denseInputsNotInBlocksOf64, denseCountsDisagree, denseOutputsOutsideTheLayer
        case poolOfOddHeight, poolIntoTheWrongSize, poolGradientWithoutBorder
        case winogradChannelsNotInBlocks, winogradKernelsOfOtherWeights, routedMapsOfOddHeight, routedIntoTheWrongMaps
        case copyBetweenDifferentMaps, labelOutsideTheClasses, optimizerRangeOutsideTheVector, parameterVectorOfTheWrongSize

        var description: String { rawValue }

        /// A part of the message the process must stop with.
        var message: String {
            switch self {
            case .mapsLargerThanTheirMemory: "2 samples of 1 × 4 × 4 need 32 floats; the memory holds 31"
            case .samplesOutsideTheBatch: "samples 6..<10 of a batch of 8"
            case .borderedMapsFlattened: "has a border, so it does not flatten"
            case .convWeightOfTheWrongSize: "a 3×3 weight of 4 × 1 channels needs 36 values, not 35"
            case .convInputWithoutBorder: "Conv2D.forward: input 1 × 1 × 4 × 16, weights 4 × 1 × 3 × 3 + bias 4 and output 1 × 4 × 4 × 16 do not fit"
            case .convChannelsDisagree: "input should be 1 × 1 × (4+2) × (16+2)"
            case .convWidthNotInTiles: "Conv2D.forward: output 1 × 4 × 4 × 8 is not made of tiles of 4 channels × 4 rows × 16 columns"
            case .convOutputChannelsNotInTiles: "Conv2D.backwardInput: output 1 × 2 × 4 × 16 is not made of tiles"
            case .convWeightGradientOfOddChannels: "Conv2D.backwardWeight: channels 1..<3 of 4 are not pairs"
            case .flippedIntoTheWrongShape: "Conv2D.flippedTransposed: 4 × 2 × 3 × 3 without bias does not flip into 4 × 2 × 3 × 3 without bias"
            case .denseFeaturesDisagree: "Dense.forward: input 1 × 64, weights 2 × 128 + bias 2 and output 1 × 2 do not fit"
            case .denseInputsNotInBlocksOf64: "Dense.backwardInput: 32 input features are not a multiple of 64"
            case .denseCountsDisagree: "Dense.backwardWeight: gradOutput 2 × 2, input 3 × 64"
            case .denseOutputsOutsideTheLayer: "Dense.backwardWeight: outputs 1..<3 of 2"
            case .poolOfOddHeight: "MaxPool2D.forward: 1 × 1 × 5 × 16 does not pool 2×2 into 1 × 1 × 2 × 8"
            case .poolIntoTheWrongSize: "MaxPool2D.forward: 1 × 1 × 4 × 16 does not pool 2×2 into 1 × 1 × (4+2) × (8+2)"
            case .poolGradientWithoutBorder: "MaxPool2D.backward: gradInput 1 × 1 × 4 × 16 is not activation 1 × 1 × 4 × 16 with a border"
            case .winogradChannelsNotInBlocks: "Conv2D.winogradForward: output 1 × 4 × 16 × 16 is not made of blocks of 8 channels × 16 tiles"
            case .winogradKernelsOfOtherWeights: "Conv2D.winogradForward: kernels 8 × 2 transformed are not those of 8 × 1 × 3 × 3 + bias 8"
            case .routedMapsOfOddHeight: "routed maps of 1 × 5 × 16: they have no border and an even height"
            case .routedIntoTheWrongMaps: "MaxPool2D.route: 1 × 2 × 4 × 16, routed at half height does not hold the gradient of activation 1 × 1 × 4 × 16"
            case .copyBetweenDifferentMaps: "copy from 2 × 1 × 4 × 4 into 2 × 1 × (4+2) × (5+2): the maps differ"
            case .labelOutsideTheClasses: "SoftmaxCrossEntropy: label 9 of sample 1 is not one of 9 classes"
            case .optimizerRangeOutsideTheVector: "Optimizer.update: range 16..<48 of 32 parameters"
            case .parameterVectorOfTheWrongSize: "136520 parameter values; TinyCNN has 136521"
            }
        }

        /// Makes the mistake (in the child process).
        func commit() {
            let memory = ViewMemory()
            defer { withExtendedLifetime(memory) {} }
            func maps(_ count: Int, _ layout: FeatureMaps.Layout) -> MutableFeatureMaps { memory.featureMaps(count: count, layout) }
            func layout(_ channels: Int, _ height: Int, _ width: Int, bordered: Bool = false) -> FeatureMaps.Layout {
                FeatureMaps.Layout(channels: channels, height: height, width: width, bordered: bordered)
            }
            func conv(_ outChannels: Int, _ inChannels: Int) -> ConvWeights {
                memory.convWeights(Array(repeating: 0, count: outChannels * inChannels * 9), bias: Array(repeating: 0, count: outChannels),
                                   outChannels: outChannels, inChannels: inChannels).readOnly
            }
            func dense(_ outFeatures: Int, _ inFeatures: Int) -> MutableDenseWeights {
                memory.denseWeights(Array(repeating: 0, count: outFeatures * inFeatures), bias: Array(repeating: 0, count: outFeatures),
                                    outFeatures: outFeatures)
            }
            switch self {
            case .mapsLargerThanTheirMemory:
                _ = MutableFeatureMaps(memory.allocate(31), count: 2, layout: layout(1, 4, 4))
            case .samplesOutsideTheBatch:
                _ = maps(8, layout(1, 4, 4)).samples(6..<10)
            case .borderedMapsFlattened:
                _ = maps(2, layout(1, 4, 4, bordered: true)).flattened
            case .convWeightOfTheWrongSize:
                _ = ConvWeights(weight: UnsafeBufferPointer(memory.allocate(35)), bias: nil, outChannels: 4, inChannels: 1)
            case .convInputWithoutBorder:
                Conv2D.forward(input: maps(1, layout(1, 4, 16)).readOnly, weights: conv(4, 1), output: maps(1, layout(4, 4, 16)), relu: true)
            case .convChannelsDisagree:
                Conv2D.forward(input: maps(1, layout(2, 4, 16, bordered: true)).readOnly, weights: conv(4, 1), output: maps(1, layout(4, 4, 16)), relu: true)
            case .convWidthNotInTiles:
                Conv2D.forward(input: maps(1, layout(1, 4, 8, bordered: true)).readOnly, weights: conv(4, 1), output: maps(1, layout(4, 4, 8)), relu: true)
            case .convOutputChannelsNotInTiles:
                Conv2D.backwardInput(gradOutput: maps(1, layout(4, 4, 16, bordered: true)).readOnly, flippedWeights: conv(2, 4),
                                     gradInput: maps(1, layout(2, 4, 16)))
            case .convWeightGradientOfOddChannels:
                let gradients = memory.convWeights(Array(repeating: 0, count: 36), bias: Array(repeating: 0, count: 4), outChannels: 4, inChannels: 1)
                Conv2D.backwardWeight(gradOutput: maps(1, layout(4, 4, 16, bordered: true)).readOnly,
                                      input: maps(1, layout(1, 4, 16, bordered: true)).readOnly, gradients: gradients, channels: 1..<3)
            case .flippedIntoTheWrongShape:
                Conv2D.flippedTransposed(memory.convWeights(outChannels: 4, inChannels: 2).readOnly, into: memory.convWeights(outChannels: 4, inChannels: 2))
            case .denseFeaturesDisagree:
                Dense.forward(input: memory.vectors(count: 1, features: 64).readOnly, weights: dense(2, 128).readOnly,
                              output: memory.vectors(count: 1, features: 2), relu: false)
            case .denseInputsNotInBlocksOf64:
                Dense.backwardInput(gradOutput: memory.vectors(count: 1, features: 2).readOnly, weights: dense(2, 32).readOnly,
                                    activation: nil, gradInput: memory.vectors(count: 1, features: 32))
            case .denseCountsDisagree:
                Dense.backwardWeight(gradOutput: memory.vectors(count: 2, features: 2).readOnly, input: memory.vectors(count: 3, features: 64).readOnly,
                                     gradients: dense(2, 64), outputs: 0..<2)
            case .denseOutputsOutsideTheLayer:
                Dense.backwardWeight(gradOutput: memory.vectors(count: 2, features: 2).readOnly, input: memory.vectors(count: 2, features: 64).readOnly,
                                     gradients: dense(2, 64), outputs: 1..<3)
            case .poolOfOddHeight:
                MaxPool2D.forward(input: maps(1, layout(1, 5, 16)).readOnly, output: maps(1, layout(1, 2, 8)))
            case .poolIntoTheWrongSize:
                MaxPool2D.forward(input: maps(1, layout(1, 4, 16)).readOnly, output: maps(1, layout(1, 4, 8, bordered: true)))
            case .poolGradientWithoutBorder:
                MaxPool2D.backward(activation: maps(1, layout(1, 4, 16)).readOnly, gradOutput: maps(1, layout(1, 2, 8)).readOnly,
                                   gradInput: maps(1, layout(1, 4, 16)))
            case .winogradChannelsNotInBlocks:
                Conv2D.winogradForward(input: maps(1, layout(1, 16, 16, bordered: true)).readOnly, weights: conv(4, 1),
                                       output: maps(1, layout(4, 16, 16)), relu: true)
            case .winogradKernelsOfOtherWeights:
                Conv2D.winogradForward(input: maps(1, layout(1, 16, 16, bordered: true)).readOnly, weights: conv(8, 1),
                                       output: maps(1, layout(8, 16, 16)), relu: true, kernels: WinogradKernels(conv(8, 2)))
            case .routedMapsOfOddHeight:
                _ = memory.routedMaps(count: 1, layout(1, 5, 16))
            case .routedIntoTheWrongMaps:
                MaxPool2D.route(activation: maps(1, layout(1, 4, 16)).readOnly, gradOutput: maps(1, layout(1, 2, 8)).readOnly,
                                into: memory.routedMaps(count: 1, layout(2, 4, 16)))
            case .copyBetweenDifferentMaps:
                maps(2, layout(1, 4, 5, bordered: true)).copy(from: maps(2, layout(1, 4, 4)).readOnly)
            case .labelOutsideTheClasses:
                let labels = [0, 9]
                _ = SoftmaxCrossEntropy.loss(logits: memory.vectors(count: 2, features: 9).readOnly, label: { labels[$0] })
            case .optimizerRangeOutsideTheVector:
                let optimizer = Optimizer(kind: .sgd, learningRate: 0.1, parameterCount: 32)
                let parameters = memory.allocate(32)
                Optimizer.update(optimizer.constants(forStep: 1), range: 16..<48, parameters: parameters, gradients: UnsafeBufferPointer(parameters),
                                 firstMoment: optimizer.firstMoment.floats, secondMoment: nil)
            case .parameterVectorOfTheWrongSize:
                _ = Network.Weights(UnsafeBufferPointer(memory.allocate(Parameters.totalCount - 1)))
            }
        }
    }

    @Test(arguments: Misuse.allCases)
    func stopsWithAMessageInsteadOfGoingOutOfBounds(misuse: Misuse) async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { [misuse] in
            misuse.commit()
        }
        let standardError = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(standardError.contains(misuse.message), "standard error: \(standardError)")
    }

    /// The views of TinyCNN's own buffers are the sizes the rest of the code allocates and copies.
    @Test func mapLayoutsHoldTheNetworksPerSampleSizes() {
        #expect(Network.Maps.image.floats == SquaresDataset.pixelsPerImage)
        #expect(Network.Maps.inputPadded.floats == Network.inputPadded)
        #expect(Network.Maps.conv1.floats == Network.conv1 && Network.Maps.conv1Padded.floats == Network.conv1Padded)
        #expect(Network.Maps.pool1.floats == Network.pool1 && Network.Maps.pool1Padded.floats == Network.pool1Padded)
        #expect(Network.Maps.conv2.floats == Network.conv2)
        // The convolutions' partial gradients per chunk are the start of the flat vector.
        #expect(ParameterName.conv1Weight.offset == 0 && ParameterName.conv2Bias.offset + ParameterName.conv2Bias.count == Network.convolutionParameters
                 && ParameterName.fc1Weight.offset == Network.convolutionParameters)
        #expect(Network.Maps.pool2.floats == Network.flatFeatures)
    }

    /// Sub-batches, flattening and copies between bordered and plain maps move the right values.
    @Test func samplesFlattenAndCopyAddressTheRightValues() {
        let memory = ViewMemory()
        defer { withExtendedLifetime(memory) {} }
        let values = (0..<3 * 2 * 4 * 16).map(Float.init)
        let plain = memory.featureMaps(values, count: 3, FeatureMaps.Layout(channels: 2, height: 4, width: 16, bordered: false))
        #expect(plain.samples(1..<3).array == Array(values[128...]))
        #expect(plain.samples(3..<3).array.isEmpty)
        #expect(plain.readOnly.flattened.samples(2..<3).array == Array(values[256...]))
        let bordered = memory.featureMaps(count: 3, FeatureMaps.Layout(channels: 2, height: 4, width: 16, bordered: true))
        bordered.samples(1..<3).copy(from: plain.readOnly.samples(0..<2))
        let expected = [Float](repeating: 0, count: 2 * 6 * 18) + padded(Array(values[..<256]), planes: 4, height: 4, width: 16)
        #expect(bordered.array == expected)
        let back = memory.featureMaps(count: 2, plain.layout)
        back.copy(from: bordered.readOnly.samples(1..<3))
        #expect(back.array == Array(values[..<256]))
    }
}
