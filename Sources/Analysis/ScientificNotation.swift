/// `%.1e`-style formatting (`3.8e-06`) in plain Swift, so that Analysis needs no Foundation.
enum ScientificNotation {
    /// `value` with one digit after the point and a signed, at least two-digit exponent, as C's
    /// `printf("%.1e")` prints it: `3.8e-06`, `1.0e-04`, `0.0e+00`, `inf`, `nan`.
    ///
    /// The mantissa is found by repeated scaling by 10, which may differ from C's exact decimal
    /// rounding only for values whose second significant digit is exactly halfway — irrelevant for
    /// an error report.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let sign = value < 0 ? "-" : ""
        var mantissa = value.magnitude
        var exponent = 0
        if mantissa != 0 {
            while mantissa >= 10 { mantissa /= 10; exponent += 1 }
            while mantissa < 1 { mantissa *= 10; exponent -= 1 }
        }
        var tenths = Int(mantissa * 10 + 0.5)  // round half up; mantissa is in [1, 10)
        if tenths >= 100 { tenths /= 10; exponent += 1 }
        let exponentDigits = String(exponent.magnitude)
        let paddedExponent = exponentDigits.count < 2 ? "0" + exponentDigits : exponentDigits
        return "\(sign)\(tenths / 10).\(tenths % 10)e\(exponent < 0 ? "-" : "+")\(paddedExponent)"
    }
}
