/// The two optimisers of SPEC §2, with PyTorch's semantics (see `Optimizer`).
public enum OptimizerKind: String, Sendable, CaseIterable {
    /// Adam, β 0.9/0.999, ε 1e-8, PyTorch's bias correction.
    case adam
    /// SGD with momentum 0.9, no dampening, no Nesterov.
    case sgd

    /// The names PyTorch gives the optimiser's per-parameter state, in the order the trainer keeps it.
    public var momentNames: [String] {
        switch self {
        case .adam: ["exp_avg", "exp_avg_sq"]
        case .sgd: ["momentum_buffer"]
        }
    }
}
