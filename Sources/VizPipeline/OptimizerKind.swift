/// `--optimizer`: Adam (β 0.9/0.999, ε 1e-8) or SGD with momentum 0.9 (SPEC §2).
public enum OptimizerKind: String, CaseIterable, Sendable {
    case adam
    case sgd
}
