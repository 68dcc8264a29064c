/// Fixed colours that carry meaning in the figures.
public enum Palette {
    /// Nine class colours (class 0 … 8): Paul Tol's "muted" qualitative scheme, in his order —
    /// indigo, cyan, teal, green, olive, sand, rose, wine, purple. Tol designed it so all nine stay
    /// distinguishable to readers with the common colour-vision deficiencies and in print
    /// (P. Tol, "Colour Schemes", SRON technical note SRON/EPS/TN/09-002, 2021, fig. 4).
    public static let classes: [Color] = [
        0x332288, 0x88CCEE, 0x44AA99, 0x117733, 0x999933, 0xDDCC77, 0xCC6677, 0x882255, 0xAA4499,
    ].map { Color(hex: $0) }

    /// The colour of class `index`; wraps around for indices beyond 8 (and negative ones).
    public static func classColor(_ index: Int) -> Color {
        let count = classes.count
        return classes[((index % count) + count) % count]
    }

    /// Positive values (bars, contributions): Okabe & Ito's vermillion #D55E00.
    /// With `negative` it is the blue/orange-red pair that deutan, protan and tritan readers all
    /// tell apart (M. Okabe, K. Ito, "Color Universal Design", 2008), and it sits on the red side of
    /// `ColorMap.diverging`, so "red = positive" holds in every figure.
    public static let positive = Color(hex: 0xD55E00)
    /// Negative values: Okabe & Ito's blue #0072B2, on the blue side of `ColorMap.diverging`.
    public static let negative = Color(hex: 0x0072B2)

    /// `positive` for values ≥ 0, `negative` below zero (NaN counts as positive).
    public static func signed(_ value: Float) -> Color { value < 0 ? negative : positive }
}
