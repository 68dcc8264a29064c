/// The output of every layer of `Architecture.tinyCNN` for n samples (SPEC §3), each flat in
/// PyTorch's layout: layer i's values are (n, layers[i].outputShape), conv layers after ReLU.
public struct LayerOutputs: Sendable, Equatable {
    public let count: Int
    /// In the architecture's layer order; the head's, the logits, last.
    public let values: [[Float]]

    init(count: Int, values: [[Float]]) {
        precondition(values.count == Architecture.tinyCNN.layers.count)
        self.count = count
        self.values = values
    }

    /// The output of the layer called `name`, nil for a name the architecture does not have.
    public subscript(name: String) -> [Float]? {
        Architecture.tinyCNN.layers.firstIndex { $0.name == name }.map { values[$0] }
    }

    /// (n, classes): the head's output.
    public var logits: [Float] { values[values.count - 1] }
}
