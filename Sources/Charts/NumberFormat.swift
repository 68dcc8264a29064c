/// Tidy numbers for axis labels, bar values and titles, written without Foundation so the output is
/// identical on every platform.
///
/// Conventions (chosen to read like a good plotting library):
/// - Negative numbers use the typographic minus U+2212 (`−0.5`), which is as wide as `+` and lines
///   up in columns; zero is never signed.
/// - Scientific notation (`1e-05`, `1.5e+06`, hyphen in the exponent as C's `%g` writes it) is used
///   when a number is smaller than 1e-4 or at least 1e5 in magnitude, so no label needs more than
///   six digits.
/// - Non-finite values are written `NaN`, `inf` and `−inf`.
public enum NumberFormat {
    /// The typographic minus sign, U+2212.
    public static let minus = "\u{2212}"

    /// `v` rounded to `digits` significant digits, trailing zeros dropped:
    /// 13.4712 → "13.5", −9.684 → "−9.68", 0.000012 → "1.2e-05", 123456 → "1.23e+05".
    public static func significant(_ v: Double, digits: Int = 3) -> String {
        if let special = nonFinite(v) { return special }
        if v == 0 { return "0" }
        let digits = min(max(digits, 1), 15)
        var exponent = decimalExponent(of: abs(v))
        var mantissa = roundedInteger(abs(v), decimals: digits - 1 - exponent)
        if mantissa >= powerOfTenInt(digits) {  // rounding carried into a new digit (9.996 → 10.0)
            exponent += 1
            mantissa = roundedInteger(abs(v), decimals: digits - 1 - exponent)
        }
        let sign = v < 0 ? minus : ""
        if exponent < -4 || exponent >= 5 {
            return sign + scientific(mantissa: mantissa, exponent: exponent - (digits - 1))
        }
        let decimals = max(0, digits - 1 - exponent)
        let magnitude = decimals == digits - 1 - exponent ? mantissa : roundedInteger(abs(v), decimals: 0)
        return sign + trimmingZeros(decimal(magnitude: magnitude, decimals: decimals))
    }

    /// `v` with exactly `decimals` digits after the point: (−9.684, 2) → "−9.68", (0.3, 1) → "0.3".
    /// Magnitudes of 1e15 or more fall back to `significant`.
    public static func fixed(_ v: Double, decimals: Int) -> String {
        if let special = nonFinite(v) { return special }
        let decimals = min(max(decimals, 0), 12)
        guard abs(v) < 1e15 else { return significant(v, digits: 6) }
        let magnitude = roundedInteger(abs(v), decimals: decimals)
        let sign = (v < 0 && magnitude != 0) ? minus : ""
        return sign + decimal(magnitude: magnitude, decimals: decimals)
    }

    /// The label of the exact value `units × 10^exponent` (how `Ticks` stores its values), with
    /// `decimals` digits after the point, or in scientific notation when `scientific` is set.
    /// Working on the integer `units` avoids every float artefact: 3 × 10⁻¹ is "0.3", never
    /// "0.30000001".
    public static func exact(units: Int, exponent: Int, decimals: Int, scientific useScientific: Bool) -> String {
        if units == 0 { return "0" }
        let sign = units < 0 ? minus : ""
        let magnitude = Int(units.magnitude)
        if useScientific { return sign + scientific(mantissa: magnitude, exponent: exponent) }
        let fractionZeros = { (n: Int) in n > 0 ? "." + String(repeating: "0", count: n) : "" }
        if exponent >= 0 {
            return sign + String(magnitude) + String(repeating: "0", count: exponent) + fractionZeros(decimals)
        }
        // units × 10^exponent written with max(decimals, −exponent) digits after the point.
        let padding = max(0, decimals + exponent)
        return sign + decimal(magnitude: magnitude, decimals: -exponent) + String(repeating: "0", count: padding)
    }

    // MARK: helpers shared with Ticks

    /// ⌊log10(x)⌋ for finite x > 0, computed exactly by comparing with powers of ten.
    static func decimalExponent(of x: Double) -> Int {
        var e = Int((Double(x.exponent) * 0.30102999566398).rounded(.down))
        while powerOfTen(e) > x { e -= 1 }
        while powerOfTen(e + 1) <= x { e += 1 }
        return e
    }

    /// 10^e as the nearest Double (exact for 0 ≤ e ≤ 22, correctly rounded reciprocal below zero).
    static func powerOfTen(_ e: Int) -> Double {
        if e < 0 {
            return e < -300 ? 1 / (powerOfTen(-e - 300) * 1e300) : 1 / powerOfTen(-e)
        }
        var result = 1.0
        for _ in 0..<min(e, 400) { result *= 10 }
        return result
    }

    private static func powerOfTenInt(_ e: Int) -> Int {
        var result = 1
        for _ in 0..<min(e, 18) { result *= 10 }
        return result
    }

    private static func nonFinite(_ v: Double) -> String? {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? minus + "inf" : "inf" }
        return nil
    }

    /// round(x · 10^decimals) as an integer, for x ≥ 0 whose result stays below 9e15.
    private static func roundedInteger(_ x: Double, decimals: Int) -> Int {
        let scaled = decimals >= 0 ? x * powerOfTen(decimals) : x / powerOfTen(-decimals)
        guard scaled.isFinite, scaled < 9e15 else { return 0 }
        return Int(scaled.rounded(.toNearestOrAwayFromZero))
    }

    /// (1234, 2) → "12.34"; (5, 3) → "0.005".
    private static func decimal(magnitude: Int, decimals: Int) -> String {
        var digits = String(magnitude)
        guard decimals > 0 else { return digits }
        if digits.count <= decimals {
            digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
        }
        let split = digits.index(digits.endIndex, offsetBy: -decimals)
        return digits[..<split] + "." + digits[split...]
    }

    private static func trimmingZeros(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }

    /// mantissa × 10^exponent as "1.5e+06": one digit before the point, trailing zeros dropped.
    private static func scientific(mantissa: Int, exponent: Int) -> String {
        let digits = String(mantissa)
        let leading = exponent + digits.count - 1
        var fraction = Substring(digits.dropFirst())
        while fraction.hasSuffix("0") { fraction = fraction.dropLast() }
        let head = String(digits.prefix(1)) + (fraction.isEmpty ? "" : "." + fraction)
        let exponentDigits = String(abs(leading))
        return head + "e" + (leading < 0 ? "-" : "+") + (exponentDigits.count < 2 ? "0" : "") + exponentDigits
    }
}
