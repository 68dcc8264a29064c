/// The layers whose feature maps `viz chart evolution --layer` animates (SPEC §5).
public enum Layer: String, CaseIterable, Sendable {
    case conv1, pool1, conv2, pool2, fc1
}
