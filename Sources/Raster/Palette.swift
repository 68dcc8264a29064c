/// Fixed colours that carry meaning in the figures.
public enum Palette {
    /// Nine class colours (class 0 … 8): Paul Tol's "muted" qualitative scheme, in his order —
    /// indigo, cyan, teal, green, olive, sand, rose, wine, purple. Tol designed it so all nine stay
    /// distinguishable to readers with the common colour-vision deficiencies and in print
    /// (P. Tol, "Colour Schemes", SRON technical note SRON/EPS/TN/09-002, 2021, fig. 4).
    public static let classes: [Color] = Array(categorical.prefix(9))

    /// Sixteen categorical colours: `classes` (Tol's muted nine) first, then seven more for runs
    /// with more classes and for the units of a ranking animation. The seven were picked greedily,
    /// each the candidate farthest (CIEDE2000) from all colours already chosen, among the
    /// qualitative sets of P. Tol (bright, vibrant, light, medium contrast; technical note above),
    /// M. Okabe & K. Ito ("Color Universal Design", 2008) and K. Kelly's 22 colours of maximum
    /// contrast (Color Engineering 3(6), 1965), leaving out greys (they read as "no data"), near-blacks
    /// (they read as text) and anything within ΔE 20 of white:
    /// yellowish brown #654522 (Kelly), blue #0072B2 (Okabe–Ito), orange #F38400 (Kelly),
    /// red #CC3311 (Tol vibrant), pink #FFAABB (Tol light), yellowish pink #F99379 (Kelly),
    /// light blue #6699CC (Tol medium contrast).
    ///
    /// Every pair differs by ΔE₀₀ ≥ 15, no less than the closest pair of the muted nine (wine and
    /// purple, 15.0); a seventeenth colour would fall below that. Only the first nine carry Tol's
    /// colour-blind guarantee: beyond nine categories, label them as well (`#39`, class names).
    public static let categorical: [Color] = [
        0x332288, 0x88CCEE, 0x44AA99, 0x117733, 0x999933, 0xDDCC77, 0xCC6677, 0x882255, 0xAA4499,
        0x654522, 0x0072B2, 0xF38400, 0xCC3311, 0xFFAABB, 0xF99379, 0x6699CC,
    ].map { Color(hex: $0) }

    /// The colour of class `index`: `categorical[index]`, so classes 0 … 8 keep Tol's muted colours
    /// and classes 9 … 15 get distinct ones; wraps around beyond 15 (and for negative indices).
    public static func classColor(_ index: Int) -> Color {
        let count = categorical.count
        return categorical[((index % count) + count) % count]
    }

    /// A colour per key that stays the key's own in every group (every animation frame) and differs
    /// from the colours of the keys it shares a group with — for the units of a ranking animation,
    /// where a reader follows unit #39 from frame to frame by its colour.
    ///
    /// Keys are coloured in order of first appearance (group by group, in each group's order). Each
    /// takes, among the `categorical` colours that no key sharing a group with it has, the one
    /// fewest keys have so far (the earlier one on ties): up to sixteen keys all differ, and a
    /// colour is reused only by keys that never meet. When all sixteen are taken by its group-mates
    /// (a group of more than sixteen keys), it takes the colour fewest of them have (then fewest
    /// overall, then the earlier). Deterministic: the same groups give the same colours.
    ///
    ///     let colors = Palette.distinctColors(for: frames.map { $0.top10Units })
    ///     RankingChart(entries: ..., coloring: .perEntry(frame.top10Units.map { colors[$0]! }))
    public static func distinctColors<Key: Hashable>(for groups: [[Key]]) -> [Key: Color] {
        var order: [Key] = []
        var index: [Key: Int] = [:]
        var neighbours: [Set<Int>] = []
        for group in groups {
            var members: [Int] = []
            for key in group {
                let i: Int
                if let known = index[key] {
                    i = known
                } else {
                    i = order.count
                    index[key] = i
                    order.append(key)
                    neighbours.append([])
                }
                if !members.contains(i) { members.append(i) }
            }
            for a in members { for b in members where a != b { neighbours[a].insert(b) } }
        }
        let count = categorical.count
        var assigned = [Int](repeating: -1, count: order.count)
        var users = [Int](repeating: 0, count: count)
        for i in order.indices {
            var clashes = [Int](repeating: 0, count: count)
            for j in neighbours[i] where assigned[j] >= 0 { clashes[assigned[j]] += 1 }
            let best = clashes.indices.min {
                (clashes[$0], users[$0], $0) < (clashes[$1], users[$1], $1)
            } ?? 0
            assigned[i] = best
            users[best] += 1
        }
        var result: [Key: Color] = [:]
        for (i, key) in order.enumerated() { result[key] = categorical[assigned[i]] }
        return result
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
