import Testing
@testable import Charts

@Suite struct TicksTests {
    /// Every tick lies in the range, steps are equal and of the form {1, 2, 5} × 10^k.
    func expectWellFormed(_ ticks: Ticks, in range: ValueRange, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(ticks.values.count == ticks.labels.count, sourceLocation: sourceLocation)
        #expect(ticks.values.count >= 2, sourceLocation: sourceLocation)
        let slack = Float(ticks.step) * 0.01
        for v in ticks.values {
            #expect(v >= range.lower - slack && v <= range.upper + slack, "tick \(v) outside \(range)", sourceLocation: sourceLocation)
        }
        let decade = NumberFormat.powerOfTen(NumberFormat.decimalExponent(of: ticks.step))
        let mantissa = (ticks.step / decade).rounded()
        #expect([1, 2, 5].contains(mantissa), "step \(ticks.step)", sourceLocation: sourceLocation)
        for (a, b) in zip(ticks.values, ticks.values.dropFirst()) {
            #expect(abs(Double(b - a) - ticks.step) <= ticks.step * 1e-4, sourceLocation: sourceLocation)
        }
        #expect(Set(ticks.labels).count == ticks.labels.count, "labels must differ: \(ticks.labels)", sourceLocation: sourceLocation)
    }

    @Test func tenthsAreWrittenCleanly() {
        let range = ValueRange(0.1, 0.3)
        let ticks = Ticks(range: range, maxCount: 6)
        expectWellFormed(ticks, in: range)
        #expect(ticks.labels == ["0.10", "0.15", "0.20", "0.25", "0.30"])
    }

    @Test func negativeToPositiveIncludesZeroAndUsesTrueMinus() {
        let range = ValueRange(-3.7, 12)
        let ticks = Ticks(range: range, maxCount: 9)
        expectWellFormed(ticks, in: range)
        #expect(ticks.labels == ["−2", "0", "2", "4", "6", "8", "10", "12"])
        #expect(ticks.values.contains(0))
    }

    @Test func fewerTicksAllowedMeansACoarserStep() {
        let ticks = Ticks(range: ValueRange(-3.7, 12), maxCount: 4)
        #expect(ticks.labels == ["0", "5", "10"])
    }

    @Test func zeroRangeIsWidenedToPlusMinusOne() {
        let range = ValueRange(0, 0)
        #expect(range == ValueRange.fallback)
        let ticks = Ticks(range: range, maxCount: 5)
        expectWellFormed(ticks, in: range)
        #expect(ticks.labels == ["−1.0", "−0.5", "0", "0.5", "1.0"])
    }

    @Test func tinySymmetricRangeUsesScientificLabels() {
        let range = ValueRange(-1e-9, 1e-9)
        let ticks = Ticks(range: range, maxCount: 5)
        expectWellFormed(ticks, in: range)
        #expect(ticks.labels == ["−1e-09", "−5e-10", "0", "5e-10", "1e-09"])
    }

    @Test func hugeRangeUsesScientificLabels() {
        let range = ValueRange(0, 1.2e7)
        let ticks = Ticks(range: range, maxCount: 7)
        expectWellFormed(ticks, in: range)
        #expect(ticks.labels == ["0", "2e+06", "4e+06", "6e+06", "8e+06", "1e+07", "1.2e+07"])
    }

    @Test func rangeAtFloatExtremesStaysFinite() {
        let range = ValueRange(-Float.greatestFiniteMagnitude, Float.greatestFiniteMagnitude)
        let ticks = Ticks(range: range, maxCount: 5)
        #expect(ticks.values.allSatisfy { $0.isFinite })
        #expect(ticks.values.count >= 2)
    }

    @Test func percentTicks() {
        let ticks = Ticks(range: ValueRange(0, 1), maxCount: 6, percent: true)
        #expect(ticks.labels == ["0%", "20%", "40%", "60%", "80%", "100%"])
    }

    @Test(arguments: [(Float(-0.013), Float(0.047)), (1000, 1003), (-250, -10), (0.5, 0.5000001), (3, 3)])
    func awkwardRangesGiveWellFormedTicks(lower: Float, upper: Float) {
        let range = ValueRange(lower, upper)
        for maxCount in 2...10 {
            let ticks = Ticks(range: range, maxCount: maxCount)
            expectWellFormed(ticks, in: range)
            #expect(ticks.values.count <= max(maxCount, 3))
        }
    }
}

@Suite struct ValueRangeTests {
    @Test func ignoresNaNAndInfinity() {
        let range = ValueRange.covering([.nan, 2, -.infinity, 5, .infinity])
        #expect(range == ValueRange(2, 5))
    }

    @Test func noFiniteValuesFallBack() {
        #expect(ValueRange.covering([Float]()) == .fallback)
        #expect(ValueRange.covering([Float.nan, .infinity]) == .fallback)
        #expect(ValueRange(.nan, .nan) == .fallback)
    }

    @Test func constantDataIsWidened() {
        #expect(ValueRange.covering([0, 0, 0]) == ValueRange(-1, 1))
        let r = ValueRange.covering([5, 5])
        #expect(r.lower < 5 && r.upper > 5)
        #expect(ValueRange.covering([5, 5], includeZero: true) == ValueRange(0, 5))
    }

    @Test func symmetricForDivergingMaps() {
        #expect(ValueRange.covering([-1, 3], symmetric: true) == ValueRange(-3, 3))
    }

    @Test func paddingKeepsZeroBase() {
        let r = ValueRange(0, 10).padded(by: 0.05)
        #expect(r.lower == 0 && r.upper == 10.5)
    }

    @Test func swappedBoundsAreOrdered() {
        #expect(ValueRange(4, -2) == ValueRange(-2, 4))
    }
}
