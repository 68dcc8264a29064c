/// The memory of one training step, as views. What the weight gradients need over the whole batch
/// is kept batch-wide (padded input, pool1 — also channels-last, for conv2's sparse weight
/// gradient —, pool2, fc1 and the gradients at each layer's output); what only the chunk's own
/// backward pass needs (conv1, conv2, the pooled gradients) is scratch per worker, so it stays in
/// that core's cache.
final class BatchBuffers {
    /// Batch-wide: (samples, …) each.
    let inputPadded, pool1Padded, pool2: MutableFeatureMaps
    /// pool1Padded again, channels-last: (samples, 16+2, 16+2, 16).
    let pool1ChannelsLast: MutableChannelsLastMaps
    let fc1, logits: MutableVectors
    let gradLogits, gradFc1: MutableVectors
    let gradConv2: RoutedMaps
    let gradConv1Padded: MutableFeatureMaps
    /// Per worker: (chunkSize, …) each.
    private let conv1, conv2, gradPool2, gradPool1: [MutableFeatureMaps]
    /// Per chunk: loss sum and correct count; per weight-gradient task: whether all were finite.
    let chunkLoss: UnsafeMutableBufferPointer<Double>
    let chunkCorrect: UnsafeMutableBufferPointer<Int>
    let taskFinite: UnsafeMutableBufferPointer<Bool>
    private let memory = ViewMemory()

    init(samples: Int, workers: Int) {
        inputPadded = memory.featureMaps(count: samples, Network.Maps.inputPadded)
        pool1Padded = memory.featureMaps(count: samples, Network.Maps.pool1Padded)
        pool1ChannelsLast = memory.channelsLastMaps(count: samples, Network.Maps.pool1Padded)
        pool2 = memory.featureMaps(count: samples, Network.Maps.pool2)
        fc1 = memory.vectors(count: samples, features: Network.hiddenUnits)
        logits = memory.vectors(count: samples, features: Network.classes)
        gradLogits = memory.vectors(count: samples, features: Network.classes)
        gradFc1 = memory.vectors(count: samples, features: Network.hiddenUnits)
        gradConv2 = memory.routedMaps(count: samples, Network.Maps.conv2)
        gradConv1Padded = memory.featureMaps(count: samples, Network.Maps.conv1Padded)
        let chunk = Network.chunkSize, memory = memory
        conv1 = (0..<workers).map { _ in memory.featureMaps(count: chunk, Network.Maps.conv1) }
        conv2 = (0..<workers).map { _ in memory.featureMaps(count: chunk, Network.Maps.conv2) }
        gradPool2 = (0..<workers).map { _ in memory.featureMaps(count: chunk, Network.Maps.pool2) }
        gradPool1 = (0..<workers).map { _ in memory.featureMaps(count: chunk, Network.Maps.pool1) }
        let chunks = Network.chunkCount(samples)
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
            pool2: gradPool2[worker].samples(scratch), conv2: gradConv2.samples(samples),
            pool1: gradPool1[worker].samples(scratch), conv1Padded: gradConv1Padded.samples(samples))
    }
}
