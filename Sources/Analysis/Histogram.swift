/// Counts of values in equal bins over a fixed range: one layer's weights at one snapshot, so the
/// snapshots of a run can be drawn side by side on the same bins.
///
///     let range = Histogram.sharedRange(of: snapshots.map(\.fc1Weights))!   // one range for all
///     let h = try Histogram(snapshots[3].fc1Weights, bins: 40, range: range)
///     h.counts        // 40 counts, lowest bin first
///     h.below, h.above, h.nanCount
///
/// Bin i covers [lower + i·w, lower + (i+1)·w) with w = (upper − lower) / bins; the last bin also
/// holds `upper` itself (as numpy's `histogram`). The bin of a value is found in Double.
///
/// Values outside the range are **counted separately** (``below``, ``above``; −inf and +inf among
/// them), not piled into the edge bins: with a robust range a few outliers always fall outside,
/// and clamping them would draw a false peak at each edge. NaN values are ignored and counted in
/// ``nanCount``. So `counts.sum + below + above + nanCount` is the number of values.
public struct Histogram: Equatable, Sendable {
    public let lower: Float
    public let upper: Float
    /// One count per bin, lowest bin first.
    public let counts: [Int]
    /// Values below `lower` (including −inf).
    public let below: Int
    /// Values above `upper` (including +inf).
    public let above: Int
    /// NaN values, which belong to no bin.
    public let nanCount: Int

    /// Counts `values` in `bins` equal bins over `range`.
    ///
    /// - Throws: ``AnalysisError/outOfRange(what:value:lowest:highest:)`` when `bins` < 1 (or above
    ///   10⁷), ``AnalysisError/invalidRange(lower:upper:)`` when the range's bounds are not finite
    ///   or not increasing.
    public init(_ values: [Float], bins: Int, range: ClosedRange<Float>) throws(AnalysisError) {
        guard (1...10_000_000).contains(bins) else { throw .outOfRange(what: "number of bins", value: bins, lowest: 1, highest: 10_000_000) }
        let lower = range.lowerBound, upper = range.upperBound
        guard lower.isFinite, upper.isFinite, lower < upper else { throw .invalidRange(lower: lower, upper: upper) }
        var counts = [Int](repeating: 0, count: bins)
        var below = 0, above = 0, nans = 0
        let low = Double(lower), high = Double(upper), perUnit = Double(bins) / (high - low)
        for v in values {
            if v.isNaN { nans += 1; continue }
            let x = Double(v)
            if x < low { below += 1; continue }
            if x > high { above += 1; continue }
            counts[min(bins - 1, Int((x - low) * perUnit))] += 1
        }
        self.lower = lower
        self.upper = upper
        self.counts = counts
        self.below = below
        self.above = above
        self.nanCount = nans
    }

    /// Width of one bin.
    public var binWidth: Double { (Double(upper) - Double(lower)) / Double(counts.count) }

    /// The bins' edges, `counts.count + 1` of them, from `lower` to `upper`.
    public var edges: [Double] {
        (0...counts.count).map { $0 == counts.count ? Double(upper) : Double(lower) + Double($0) * binWidth }
    }

    /// The range for the histograms of several arrays (one layer at every snapshot), so they share
    /// bins: the union of each array's ``robustRange(of:lowerPercentile:upperPercentile:)``.
    ///
    /// Why per array and not of all values pooled: each array then has at most 0.5 % of its values
    /// beyond each end, whatever the others hold — a late, wide snapshot is not cut to the bulk of
    /// many early, narrow ones. Why percentiles and not min…max: one diverging weight would squeeze
    /// all the others into a bin or two. Pass 0 and 100 for min…max.
    ///
    /// nil when no array holds a finite value. A single value c (constant data) gives c ± |c|/2
    /// (within the finite floats), or ±0.5 around zero, so the range always has width.
    public static func sharedRange(of arrays: [[Float]], lowerPercentile: Double = 0.5, upperPercentile: Double = 99.5) -> ClosedRange<Float>? {
        var lower = Float.infinity, upper = -Float.infinity
        for array in arrays {
            guard let r = robustRange(of: array, lowerPercentile: lowerPercentile, upperPercentile: upperPercentile) else { continue }
            lower = min(lower, r.lowerBound)
            upper = max(upper, r.upperBound)
        }
        guard lower <= upper else { return nil }
        guard lower < upper else {
            let half: Float = lower == 0 ? 0.5 : max(abs(lower) / 2, 1e-30)
            return max(lower - half, -.greatestFiniteMagnitude)...min(upper + half, .greatestFiniteMagnitude)
        }
        return lower...upper
    }

    /// The `lowerPercentile` … `upperPercentile` percentiles of the finite values of `values` (NaN
    /// and ±inf ignored), interpolated linearly between order statistics as numpy's default:
    /// percentile p sits at position p/100 · (n − 1) of the sorted values. Percentiles are clamped
    /// to 0…100 and swapped if reversed. nil without finite values. Cost: one sort, O(n log n).
    public static func robustRange(of values: [Float], lowerPercentile: Double = 0.5, upperPercentile: Double = 99.5) -> ClosedRange<Float>? {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        func percentile(_ p: Double) -> Float {
            let clamped = p.isNaN ? 0 : min(max(p, 0), 100)
            let position = clamped / 100 * Double(sorted.count - 1)
            let i = Int(position.rounded(.down)), fraction = position - Double(i)
            guard i + 1 < sorted.count, fraction > 0 else { return sorted[min(i, sorted.count - 1)] }
            return Float(Double(sorted[i]) + (Double(sorted[i + 1]) - Double(sorted[i])) * fraction)
        }
        let a = percentile(lowerPercentile), b = percentile(upperPercentile)
        return min(a, b)...max(a, b)
    }
}
