/// Every activation of the network for a fixed number of samples (evaluation scratch, or the
/// outputs of `forwardAllLayers`).
package final class ForwardBuffers {
    /// Views of all the samples; `activations.samples(range)` gives a chunk's.
    package let activations: Network.Activations
    private let memory = ViewMemory()

    package init(samples n: Int) {
        activations = Network.Activations(
            inputPadded: memory.featureMaps(count: n, Network.Maps.inputPadded), conv1: memory.featureMaps(count: n, Network.Maps.conv1),
            pool1Padded: memory.featureMaps(count: n, Network.Maps.pool1Padded), conv2: memory.featureMaps(count: n, Network.Maps.conv2),
            pool2: memory.featureMaps(count: n, Network.Maps.pool2), fc1: memory.vectors(count: n, features: Network.hiddenUnits),
            logits: memory.vectors(count: n, features: Network.classes))
    }
}
