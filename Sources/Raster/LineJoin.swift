/// How a polyline turns a corner.
public enum LineJoin: Sendable, Hashable {
    /// A disc around the vertex: smooth at every angle.
    case round
    /// Sharp corners; beyond a miter length of 4 × the half width (turns sharper than ≈ 29°) a bevel,
    /// as SVG's default `stroke-miterlimit` does, so spikes never shoot off.
    case miter
    /// The corner cut straight across.
    case bevel
}
