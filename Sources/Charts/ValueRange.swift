/// A closed interval of data values an axis or a colour scale shows; `lower < upper`, both finite,
/// always — every initialiser repairs what it is given, so a scale built from it can never divide
/// by zero or produce NaN positions.
public struct ValueRange: Hashable, Sendable {
    public let lower: Float
    public let upper: Float

    /// The range used when there is nothing to show (no finite values): −1 … 1.
    public static let fallback = ValueRange(uncheckedLower: -1, upper: 1)

    /// `lower … upper`, repaired: non-finite bounds fall back to ±1, swapped bounds are swapped back,
    /// and an empty or float-noise-thin interval is widened around its centre (see `widened`).
    public init(_ lower: Float, _ upper: Float) {
        guard lower.isFinite, upper.isFinite else {
            self = lower.isFinite ? ValueRange.widened(around: lower)
                : upper.isFinite ? ValueRange.widened(around: upper) : .fallback
            return
        }
        let lo = min(lower, upper), hi = max(lower, upper)
        // Thinner than ~100 float steps, or than 1e-30 (near-subnormal, where Float has no
        // precision left): no tick could tell the ends apart.
        if hi - lo <= max(abs(lo), abs(hi)) * 1e-5 || hi - lo < 1e-30 || !(hi - lo).isFinite {
            self = (hi - lo).isFinite ? ValueRange.widened(around: lo / 2 + hi / 2) : ValueRange(uncheckedLower: lo / 2, upper: hi / 2)
        } else {
            self.init(uncheckedLower: lo, upper: hi)
        }
    }

    private init(uncheckedLower lower: Float, upper: Float) {
        self.lower = lower
        self.upper = upper
    }

    /// The smallest range holding every finite value (NaN and ±inf are ignored), optionally with
    /// zero inside (bar charts) or symmetric about zero (diverging colour maps, where white must mean
    /// zero). No finite values → `fallback`.
    public static func covering<S: Sequence>(_ values: S, includeZero: Bool = false, symmetric: Bool = false) -> ValueRange
    where S.Element == Float {
        var lo = Float.infinity, hi = -Float.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        guard lo <= hi else { return .fallback }
        if includeZero || symmetric {
            lo = min(lo, 0)
            hi = max(hi, 0)
        }
        if symmetric {
            let m = max(-lo, hi)
            return ValueRange(-m, m)
        }
        return ValueRange(lo, hi)
    }

    /// A non-empty range around a single value: ±1 around zero (and around values so tiny they
    /// are zero for display), ±10 % around anything else.
    static func widened(around c: Float) -> ValueRange {
        let pad = abs(c) < 1e-20 ? 1 : abs(c) * 0.1
        return ValueRange(uncheckedLower: c - pad, upper: c + pad)
    }

    public var span: Float { upper - lower }

    public func contains(_ v: Float) -> Bool { v >= lower && v <= upper }

    /// The range grown by `fraction` of its span on each side, except at a bound equal to zero, which
    /// stays put so bars keep their base on the frame (as matplotlib's "sticky" zero does).
    public func padded(by fraction: Float) -> ValueRange {
        let pad = span * max(0, fraction)
        return ValueRange(lower == 0 ? 0 : lower - pad, upper == 0 ? 0 : upper + pad)
    }

    /// Where `v` lies in the range: 0 at `lower`, 1 at `upper` (not clamped; NaN stays NaN).
    public func fraction(of v: Float) -> Float { (v - lower) / span }
}
