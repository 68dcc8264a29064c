/// The memory of one training step, as views. What the linear layers' weight gradients need over
/// the whole batch is kept batch-wide (pool2, fc1 and the gradients at their outputs; the padded
/// input and pool1 too, which the chunks write); what only a chunk's own passes need (conv1, conv2,
/// pool1 channels-last, the gradients at the convolutions' outputs) is scratch per worker, so it
/// stays in that core's cache: the convolutions' weight gradients are summed per chunk, right after
/// its backward pass, into a partial gradient per chunk (`convolutionGradients`), which the
/// weight-gradient phase adds up in chunk order.
final class BatchBuffers {
    /// Batch-wide: (samples, …) each.
    let inputPadded, pool1Padded, pool2: MutableFeatureMaps
    let fc1, logits: MutableVectors
    let gradLogits, gradFc1: MutableVectors
    /// Per chunk: conv1's and conv2's weight and bias gradients over the chunk's samples, in the
    /// order of the flat parameter vector (`convolutionParameters` floats each).
    let chunkConvolutionGradients: UnsafeMutableBufferPointer<Float>
    /// Per worker: (chunkSize, …) each.
    private let conv1, conv2, gradPool2, gradPool1, gradConv1Padded: [MutableFeatureMaps]
    private let pool1ChannelsLast: [MutableChannelsLastMaps]
    private let gradConv2: [RoutedMaps]
    /// Per chunk: loss sum and correct count; per weight-gradient task: whether all were finite.
    let chunkLoss: UnsafeMutableBufferPointer<Double>
    let chunkCorrect: UnsafeMutableBufferPointer<Int>
    let taskFinite: UnsafeMutableBufferPointer<Bool>
    private let memory = ViewMemory()

    init(samples: Int, workers: Int) {
        inputPadded = memory.featureMaps(count: samples, Network.Maps.inputPadded)
        pool1Padded = memory.featureMaps(count: samples, Network.Maps.pool1Padded)
        pool2 = memory.featureMaps(count: samples, Network.Maps.pool2)
        fc1 = memory.vectors(count: samples, features: Network.hiddenUnits)
        logits = memory.vectors(count: samples, features: Network.classes)
        gradLogits = memory.vectors(count: samples, features: Network.classes)
        gradFc1 = memory.vectors(count: samples, features: Network.hiddenUnits)
        let chunk = Network.chunkSize, memory = memory
        conv1 = (0..<workers).map { _ in memory.featureMaps(count: chunk, Network.Maps.conv1) }
        conv2 = (0..<workers).map { _ in memory.featureMaps(count: chunk, Network.Maps.conv2) }
        gradPool2 = (0..<workers).map { _ in memory.featureMaps(count: chunk, Network.Maps.pool2) }
        gradPool1 = (0..<workers).map { _ in memory.featureMaps(count: chunk, Network.Maps.pool1) }
        gradConv1Padded = (0..<workers).map { _ in memory.featureMaps(count: chunk, Network.Maps.conv1Padded) }
        pool1ChannelsLast = (0..<workers).map { _ in memory.channelsLastMaps(count: chunk, Network.Maps.pool1Padded) }
        gradConv2 = (0..<workers).map { _ in memory.routedMaps(count: chunk, Network.Maps.conv2) }
        let chunks = Network.chunkCount(samples)
        chunkConvolutionGradients = memory.allocate(chunks * Network.convolutionParameters)
        chunkLoss = .allocate(capacity: chunks)
        chunkLoss.initialize(repeating: 0)
        chunkCorrect = .allocate(capacity: chunks)
        chunkCorrect.initialize(repeating: 0)
        taskFinite = .allocate(capacity: WeightGradientTask.all.count)
        taskFinite.initialize(repeating: true)
    }

    deinit {
        chunkLoss.deallocate()
        chunkCorrect.deallocate()
        taskFinite.deallocate()
    }

    /// The activations of the batch's samples `samples` (one chunk), computed by `worker`.
    func activations(worker: Int, samples: Range<Int>) -> Network.Activations {
        let scratch = 0..<samples.count
        return Network.Activations(
            inputPadded: inputPadded.samples(samples), conv1: conv1[worker].samples(scratch),
            pool1Padded: pool1Padded.samples(samples), conv2: conv2[worker].samples(scratch),
            pool2: pool2.samples(samples), fc1: fc1.samples(samples), logits: logits.samples(samples))
    }

    /// The gradients of the batch's samples `samples` (one chunk), computed by `worker`.
    func gradients(worker: Int, samples: Range<Int>) -> Network.Gradients {
        let scratch = 0..<samples.count
        return Network.Gradients(
            logits: gradLogits.samples(samples), fc1: gradFc1.samples(samples),
            pool2: gradPool2[worker].samples(scratch), conv2: gradConv2[worker].samples(scratch),
            pool1: gradPool1[worker].samples(scratch), conv1Padded: gradConv1Padded[worker].samples(scratch))
    }

    /// pool1 of a chunk's `count` samples, channels-last, for conv2's sparse weight gradient: `worker`'s.
    func pool1ChannelsLast(worker: Int, count: Int) -> MutableChannelsLastMaps { pool1ChannelsLast[worker].samples(0..<count) }

    /// Chunk `chunk`'s partial gradients of conv1 and conv2.
    func convolutionGradients(chunk: Int) -> (conv1: MutableConvWeights, conv2: MutableConvWeights) {
        let size = Network.convolutionParameters, base = chunk * size
        func tensor(_ name: ParameterName) -> UnsafeMutableBufferPointer<Float> {
            UnsafeMutableBufferPointer(rebasing: chunkConvolutionGradients[base + name.offset..<base + name.offset + name.count])
        }
        return (MutableConvWeights(weight: tensor(.conv1Weight), bias: tensor(.conv1Bias), outChannels: Network.conv1Channels, inChannels: 1),
                MutableConvWeights(weight: tensor(.conv2Weight), bias: tensor(.conv2Bias),
                                   outChannels: Network.conv2Channels, inChannels: Network.conv1Channels))
    }
}
