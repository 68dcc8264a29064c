import Testing
@testable import Charts

@Suite struct NumberFormatTests {
    @Test(arguments: [
        (13.4712, "13.5"), (-9.684, "−9.68"), (0.3, "0.3"), (Double(Float(0.3)), "0.3"),
        (0.000012, "1.2e-05"), (0.0001234, "0.000123"), (123456.0, "1.23e+05"), (12345.0, "12345"),
        (9.996, "10"), (-0.5, "−0.5"), (0.0, "0"), (-0.0, "0"), (1.0, "1"), (99999.5, "1e+05"),
    ])
    func significantDigits(value: Double, expected: String) {
        #expect(NumberFormat.significant(value, digits: 3) == expected)
    }

    @Test(arguments: [
        (-9.684, 2, "−9.68"), (13.47, 2, "13.47"), (0.3, 1, "0.3"), (Double(Float(0.3)), 2, "0.30"),
        (-0.001, 2, "0.00"), (2.5, 0, "3"), (1e20, 2, "1e+20"),
    ])
    func fixedDecimals(value: Double, decimals: Int, expected: String) {
        #expect(NumberFormat.fixed(value, decimals: decimals) == expected)
    }

    @Test func nonFiniteValuesAreNamed() {
        #expect(NumberFormat.significant(.nan) == "NaN")
        #expect(NumberFormat.significant(.infinity) == "inf")
        #expect(NumberFormat.fixed(-.infinity, decimals: 2) == "−inf")
    }

    @Test(arguments: [
        (3, -1, 1, false, "0.3"), (-5, -1, 1, false, "−0.5"), (15, -2, 2, false, "0.15"),
        (10, -2, 2, false, "0.10"), (0, -2, 2, false, "0"), (12, 3, 0, false, "12000"),
        (1, -5, 5, true, "1e-05"), (12, -6, 6, true, "1.2e-05"), (-15, 5, 0, true, "−1.5e+06"),
        (20, 4, 0, true, "2e+05"),
    ])
    func exactTickValues(units: Int, exponent: Int, decimals: Int, scientific: Bool, expected: String) {
        #expect(NumberFormat.exact(units: units, exponent: exponent, decimals: decimals, scientific: scientific) == expected)
    }

    @Test(arguments: [1e-300, 1e-45, 0.001, 0.999, 1, 9.99, 10, 1e22, 1e300])
    func decimalExponentIsFloorOfLog10(x: Double) {
        let e = NumberFormat.decimalExponent(of: x)
        #expect(NumberFormat.powerOfTen(e) <= x * (1 + 1e-12))
        #expect(NumberFormat.powerOfTen(e + 1) > x)
    }
}
