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
    /// to 0…100 and swapped if reversed. nil without finite values. Cost: O(n) — the few order
    /// statistics needed are selected, not sorted for (a sort of the largest layer's weights was
    /// most of what a rendering does before its first figure).
    public static func robustRange(of values: [Float], lowerPercentile: Double = 0.5, upperPercentile: Double = 99.5) -> ClosedRange<Float>? {
        var finite = values.filter(\.isFinite)
        guard !finite.isEmpty else { return nil }
        let last = Double(finite.count - 1)
        func position(_ p: Double) -> Double { (p.isNaN ? 0 : min(max(p, 0), 100)) / 100 * last }
        let (low, high) = (min(position(lowerPercentile), position(upperPercentile)),
                           max(position(lowerPercentile), position(upperPercentile)))
        return finite.withUnsafeMutableBufferPointer { v in
            // Ranks below `settled` are in place; the elements from it on are the larger ones.
            var settled = 0
            func percentile(at position: Double) -> Float {
                let i = Int(position.rounded(.down)), fraction = position - Double(i)
                select(rank: i, in: v, from: settled)
                settled = i
                guard i + 1 < v.count, fraction > 0 else { return v[i] }
                // The next order statistic: the least of the elements after rank i.
                var next = v[i + 1]
                for k in (i + 2)..<v.count where v[k] < next { next = v[k] }
                return Float(Double(v[i]) + (Double(next) - Double(v[i])) * fraction)
            }
            let a = percentile(at: low), b = percentile(at: high)
            return min(a, b)...max(a, b)
        }
    }

    /// Reorders `v[start...]` so that `v[rank]` holds the value a sort of `v` would put there, none
    /// greater before it and none smaller after it (Hoare's selection, median-of-three pivots),
    /// given that `v[..<start]` already holds the smallest `start` values. No NaN in `v`.
    static func select(rank: Int, in v: UnsafeMutableBufferPointer<Float>, from start: Int) {
        var low = start, high = v.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            let pivot = max(min(v[low], v[middle]), min(max(v[low], v[middle]), v[high]))
            var i = low, j = high
            while i <= j {
                while v[i] < pivot { i += 1 }
                while v[j] > pivot { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now v[low...j] ≤ pivot ≤ v[i...high], and everything strictly between equals it.
            if rank <= j {
                high = j
            } else if rank >= i {
                low = i
            } else {
                return
            }
        }
    }
}
