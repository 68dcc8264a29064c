/// Every activation of the network for a fixed number of samples (evaluation scratch, or the
/// outputs of `forwardAllLayers`).
final class ForwardBuffers {
    let inputPadded, conv1, pool1Padded, conv2, pool2, fc1, logits: Buffer

    init(samples: Int) {
        inputPadded = Buffer(count: samples * Network.inputPadded)
        conv1 = Buffer(count: samples * Network.conv1)
        pool1Padded = Buffer(count: samples * Network.pool1Padded)
        conv2 = Buffer(count: samples * Network.conv2)
        pool2 = Buffer(count: samples * Network.flatFeatures)
        fc1 = Buffer(count: samples * Network.hiddenUnits)
        logits = Buffer(count: samples * Network.classes)
    }

    var activations: Network.Activations {
        Network.Activations(inputPadded: inputPadded.pointer, conv1: conv1.pointer, pool1Padded: pool1Padded.pointer,
                            conv2: conv2.pointer, pool2: pool2.pointer, fc1: fc1.pointer, logits: logits.pointer)
    }
}
