/// TinyCNN's eight parameter tensors by name, for the kernels that address them in the flat
/// parameter vector. Shapes, fan-ins and the order come from `Architecture.tinyCNN`; the cases
/// only name them (a test holds the two to each other).
public enum ParameterName: String, CaseIterable, Sendable {
    case conv1Weight = "conv1.weight"
    case conv1Bias = "conv1.bias"
    case conv2Weight = "conv2.weight"
    case conv2Bias = "conv2.bias"
    case fc1Weight = "fc1.weight"
    case fc1Bias = "fc1.bias"
    case fc2Weight = "fc2.weight"
    case fc2Bias = "fc2.bias"

    /// The table's entry for this tensor.
    var parameter: Architecture.Parameter { Self.table[self]! }

    /// PyTorch's shape: weights (out, in, kh, kw) or (out, in); biases (out).
    public var shape: [Int] { parameter.shape }

    public var count: Int { parameter.count }

    /// The layer's fan-in, which sets PyTorch's default init bound 1/√fan_in for weight and bias.
    var fanIn: Int { parameter.fanIn }

    /// Where this tensor starts in the flat parameter vector (tensors in the table's order).
    var offset: Int { Self.offsets[self]! }

    private static let table = Dictionary(uniqueKeysWithValues: allCases.map { name in
        (name, Architecture.tinyCNN.parameters.first { $0.name == name.rawValue }!)
    })

    private static let offsets: [ParameterName: Int] = {
        var offsets: [ParameterName: Int] = [:], offset = 0
        for parameter in Architecture.tinyCNN.parameters {
            offsets[ParameterName(rawValue: parameter.name)!] = offset
            offset += parameter.count
        }
        return offsets
    }()
}
