/// The output of every layer for a batch of n images (SPEC §3), each flat in PyTorch's layout.
public struct LayerOutputs: Sendable, Equatable {
    public var count: Int
    /// (n, 16, 32, 32), after ReLU.
    public var conv1: [Float]
    /// (n, 16, 16, 16)
    public var pool1: [Float]
    /// (n, 32, 16, 16), after ReLU.
    public var conv2: [Float]
    /// (n, 32, 8, 8): also the flattened fc1 input (C, H, W order).
    public var pool2: [Float]
    /// (n, 64), after ReLU.
    public var fc1: [Float]
    /// (n, 9)
    public var logits: [Float]

    /// Shapes per layer name, as the snapshot files name them.
    public static func shapes(count: Int) -> [(name: String, shape: [Int])] {
        [("conv1", [count, 16, 32, 32]), ("pool1", [count, 16, 16, 16]), ("conv2", [count, 32, 16, 16]),
         ("pool2", [count, 32, 8, 8]), ("fc1", [count, 64]), ("logits", [count, 9])]
    }
}
