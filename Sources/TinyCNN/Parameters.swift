/// All of TinyCNN's weights and biases in one flat vector, tensors in `ParameterName` order, each in
/// PyTorch's layout. One vector because the optimiser, gradient and checkpoint code then work on
/// ranges instead of eight special cases.
public struct Parameters: Sendable, Equatable {
    /// 136,521 values: conv1 (144 + 16), conv2 (4608 + 32), fc1 (131072 + 64), fc2 (576 + 9).
    public static let totalCount = ParameterName.allCases.reduce(0) { $0 + $1.count }

    /// The flat vector.
    public internal(set) var values: [Float]

    /// PyTorch's default initialisation: every weight and bias uniform in ±1/√fan_in, drawn in
    /// `ParameterName` order (conv1.weight, conv1.bias, conv2.weight, …).
    public init(generator: inout SeededGenerator) {
        var values: [Float] = []
        values.reserveCapacity(Self.totalCount)
        for name in ParameterName.allCases {
            let bound = 1 / Float(name.fanIn).squareRoot()
            for _ in 0..<name.count {
                values.append((2 * generator.nextUnitFloat() - 1) * bound)
            }
        }
        self.values = values
    }

    /// Wraps a vector known to hold `totalCount` values.
    init(unchecked values: [Float]) { self.values = values }

    /// One tensor's values, in PyTorch's layout.
    public subscript(name: ParameterName) -> [Float] {
        Array(values[name.offset..<name.offset + name.count])
    }
}
