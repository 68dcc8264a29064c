/// The memory of one training step. What the weight gradients need over the whole batch is kept
/// batch-wide (padded input, pool1, pool2, fc1 and the gradients at each layer's output); what
/// only the chunk's own backward pass needs (conv1, conv2, the pooled gradients) is scratch per
/// worker, so it stays in that core's cache.
final class BatchBuffers {
    let inputPadded, pool1Padded, pool2, fc1, logits: Buffer
    let gradLogits, gradFc1, gradConv2Padded, gradConv1Padded: Buffer
    private let conv1, conv2, gradPool2, gradPool1: [Buffer]
    /// conv2.weight transposed and flipped (conv2's input gradient).
    let conv2Flipped = Buffer(count: ParameterName.conv2Weight.count)
    /// Per chunk: loss sum and correct count; per weight-gradient task: whether all were finite.
    let chunkLoss: UnsafeMutableBufferPointer<Double>
    let chunkCorrect: UnsafeMutableBufferPointer<Int>
    let taskFinite: UnsafeMutableBufferPointer<Bool>

    init(samples: Int, workers: Int) {
        inputPadded = Buffer(count: samples * Network.inputPadded)
        pool1Padded = Buffer(count: samples * Network.pool1Padded)
        pool2 = Buffer(count: samples * Network.flatFeatures)
        fc1 = Buffer(count: samples * Network.hiddenUnits)
        logits = Buffer(count: samples * Network.classes)
        gradLogits = Buffer(count: samples * Network.classes)
        gradFc1 = Buffer(count: samples * Network.hiddenUnits)
        gradConv2Padded = Buffer(count: samples * Network.conv2Padded)
        gradConv1Padded = Buffer(count: samples * Network.conv1Padded)
        let chunk = Network.chunkSize
        conv1 = (0..<workers).map { _ in Buffer(count: chunk * Network.conv1) }
        conv2 = (0..<workers).map { _ in Buffer(count: chunk * Network.conv2) }
        gradPool2 = (0..<workers).map { _ in Buffer(count: chunk * Network.flatFeatures) }
        gradPool1 = (0..<workers).map { _ in Buffer(count: chunk * Network.pool1) }
        let chunks = (samples + chunk - 1) / chunk
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

    /// The activations of the chunk starting at sample `first`, computed by `worker`.
    func activations(worker: Int, first: Int) -> Network.Activations {
        Network.Activations(
            inputPadded: inputPadded.pointer + first * Network.inputPadded, conv1: conv1[worker].pointer,
            pool1Padded: pool1Padded.pointer + first * Network.pool1Padded, conv2: conv2[worker].pointer,
            pool2: pool2.pointer + first * Network.flatFeatures, fc1: fc1.pointer + first * Network.hiddenUnits,
            logits: logits.pointer + first * Network.classes)
    }

    /// The gradients of the chunk starting at sample `first`, computed by `worker`.
    func gradients(worker: Int, first: Int) -> Network.Gradients {
        Network.Gradients(
            logits: gradLogits.pointer + first * Network.classes, fc1: gradFc1.pointer + first * Network.hiddenUnits,
            pool2: gradPool2[worker].pointer, conv2Padded: gradConv2Padded.pointer + first * Network.conv2Padded,
            pool1: gradPool1[worker].pointer, conv1Padded: gradConv1Padded.pointer + first * Network.conv1Padded)
    }
}
