import Testing
import Analysis

/// Histograms counted by hand, and the range several of them share.
@Suite struct HistogramTests {
    @Test func binsAreHalfOpenExceptTheLastAndOutsidersAreCountedApart() throws {
        // Bins over 0…1: [0, .25) [.25, .5) [.5, .75) [.75, 1].
        let values: [Float] = [0, 0.1, 0.25, 0.5, 0.75, 0.99, 1, -0.1, 1.1, .nan, .infinity, -.infinity]
        let h = try Histogram(values, bins: 4, range: 0...1)
        #expect(h.counts == [2, 1, 1, 3])
        #expect(h.below == 2 && h.above == 2 && h.nanCount == 1)
        #expect(h.counts.reduce(0, +) + h.below + h.above + h.nanCount == values.count)
        #expect(h.binWidth == 0.25)
        #expect(h.edges == [0, 0.25, 0.5, 0.75, 1])
        #expect(h.lower == 0 && h.upper == 1)
    }

    @Test func emptyDataGiveEmptyBins() throws {
        let h = try Histogram([], bins: 3, range: -1...1)
        #expect(h.counts == [0, 0, 0] && h.below == 0 && h.above == 0 && h.nanCount == 0)
        let one = try Histogram([0.3, 0.3], bins: 1, range: 0...0.5)
        #expect(one.counts == [2] && one.edges == [0, 0.5])
    }

    @Test func badBinsAndRangesAreTypedErrors() {
        #expect(throws: AnalysisError.outOfRange(what: "number of bins", value: 0, lowest: 1, highest: 10_000_000)) {
            try Histogram([1], bins: 0, range: 0...1)
        }
        #expect(throws: AnalysisError.invalidRange(lower: 1, upper: 1)) { try Histogram([1], bins: 4, range: 1...1) }
        #expect(throws: AnalysisError.invalidRange(lower: -.infinity, upper: 1)) { try Histogram([1], bins: 4, range: -.infinity...1) }
    }

    @Test("percentiles by selection equal those of the sorted values, ties and all sizes included")
    func robustRangeMatchesSorting() {
        /// The definition: sort, then interpolate between neighbours.
        func bySorting(_ values: [Float], _ p: Double, _ q: Double) -> ClosedRange<Float> {
            let sorted = values.filter(\.isFinite).sorted()
            func percentile(_ p: Double) -> Float {
                let position = min(max(p, 0), 100) / 100 * Double(sorted.count - 1)
                let i = Int(position.rounded(.down)), fraction = position - Double(i)
                guard i + 1 < sorted.count, fraction > 0 else { return sorted[i] }
                return Float(Double(sorted[i]) + (Double(sorted[i + 1]) - Double(sorted[i])) * fraction)
            }
            return min(percentile(p), percentile(q))...max(percentile(p), percentile(q))
        }
        var state: UInt64 = 7
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        for size in [1, 2, 3, 5, 8, 13, 100, 1000, 4097] {
            for distinct in [1, 3, size] {
                let values = (0..<size).map { _ in Float(Int(next() % UInt64(distinct))) * 0.25 - 3 }
                for (p, q) in [(0.5, 99.5), (0, 100), (50, 50), (99.5, 0.5), (10, 10.01), (33.3, 66.7)] {
                    #expect(Histogram.robustRange(of: values, lowerPercentile: p, upperPercentile: q) == bySorting(values, p, q),
                            "\(size) values, \(distinct) distinct, \(p)…\(q)")
                }
            }
        }
    }

    @Test func robustRangeInterpolatesPercentilesLikeNumpy() throws {
        let ramp = (0...100).map(Float.init).reversed().map { $0 }   // order must not matter
        #expect(Histogram.robustRange(of: ramp) == 0.5...99.5)
        #expect(Histogram.robustRange(of: ramp, lowerPercentile: 0, upperPercentile: 100) == 0...100)
        #expect(Histogram.robustRange(of: ramp, lowerPercentile: 90, upperPercentile: 10) == 10...90, "swapped back")
        #expect(Histogram.robustRange(of: ramp, lowerPercentile: -5, upperPercentile: 250) == 0...100, "clamped")
        // numpy: np.percentile([1, 2, 3, 4], [0.5, 99.5]) = [1.015, 3.985]
        let r = try #require(Histogram.robustRange(of: [4, 1, .nan, 3, .infinity, 2]))
        #expect(abs(r.lowerBound - 1.015) < 1e-6 && abs(r.upperBound - 3.985) < 1e-6, "NaN and ±inf ignored")
        #expect(Histogram.robustRange(of: [7]) == 7...7)
        #expect(Histogram.robustRange(of: [.nan, -.infinity]) == nil)
    }

    @Test func sharedRangeCoversEveryArraysBulk() {
        // A narrow early snapshot and a wide late one with one wild value each.
        let early = (0..<1000).map { Float($0 % 100) / 1000 } + [50]   // 0 … 0.099, and 50
        let late = (0..<1000).map { Float($0 % 100) / 100 - 0.5 } + [-80]  // −0.5 … 0.49, and −80
        let range = Histogram.sharedRange(of: [early, late])
        #expect(range.map { $0.lowerBound > -0.6 && $0.lowerBound < -0.49 && $0.upperBound > 0.09 && $0.upperBound < 0.6 } == true,
                "the outliers do not stretch it: \(String(describing: range))")
        #expect(Histogram.sharedRange(of: [early, late], lowerPercentile: 0, upperPercentile: 100) == -80...50)
    }

    @Test func sharedRangeOfDegenerateArrays() {
        #expect(Histogram.sharedRange(of: []) == nil)
        #expect(Histogram.sharedRange(of: [[], [.nan]]) == nil)
        #expect(Histogram.sharedRange(of: [[2, 2, 2]]) == 1...3)
        #expect(Histogram.sharedRange(of: [[0, 0], [.nan]]) == -0.5...0.5)
        #expect(Histogram.sharedRange(of: [[-4]]) == -6 ... -2)
        let huge = Histogram.sharedRange(of: [[.greatestFiniteMagnitude]])
        #expect(huge.map { $0.lowerBound < $0.upperBound && $0.upperBound.isFinite } == true)
    }
}
