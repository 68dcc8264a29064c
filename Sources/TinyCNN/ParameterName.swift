/// The eight parameter tensors of TinyCNN, named and shaped as PyTorch's (SPEC §4), so that a
/// PyTorch `nn.Module` with these names loads our weights as they are.
public enum ParameterName: String, CaseIterable, Sendable {
    case conv1Weight = "conv1.weight"
    case conv1Bias = "conv1.bias"
    case conv2Weight = "conv2.weight"
    case conv2Bias = "conv2.bias"
    case fc1Weight = "fc1.weight"
    case fc1Bias = "fc1.bias"
    case fc2Weight = "fc2.weight"
    case fc2Bias = "fc2.bias"

    /// PyTorch's shape: weights (out, in, kh, kw) or (out, in); biases (out).
    public var shape: [Int] {
        switch self {
        case .conv1Weight: [16, 1, 3, 3]
        case .conv1Bias: [16]
        case .conv2Weight: [32, 16, 3, 3]
        case .conv2Bias: [32]
        case .fc1Weight: [64, 2048]
        case .fc1Bias: [64]
        case .fc2Weight: [9, 64]
        case .fc2Bias: [9]
        }
    }

    public var count: Int { shape.reduce(1, *) }

    /// The layer's fan-in, which sets PyTorch's default init bound 1/√fan_in for weight and bias.
    var fanIn: Int {
        switch self {
        case .conv1Weight, .conv1Bias: 1 * 3 * 3
        case .conv2Weight, .conv2Bias: 16 * 3 * 3
        case .fc1Weight, .fc1Bias: 2048
        case .fc2Weight, .fc2Bias: 64
        }
    }

    /// Where this tensor starts in the flat parameter vector (tensors in declaration order).
    var offset: Int {
        Self.allCases.prefix(while: { $0 != self }).reduce(0) { $0 + $1.count }
    }
}
