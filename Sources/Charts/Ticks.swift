/// "Nice" axis ticks: every multiple of a 1-2-5 step (1, 2, 5, 10, 20, 50, 0.1, …) inside a range,
/// with tidy labels. Zero is a multiple of every step, so it is a tick whenever the range spans it.
///
/// Each tick value is stored as the exact integer `units × 10^exponent` so its label comes out
/// clean ("0.3", "−0.5", "1e-05", "1.5e+06") however the Float data were rounded. Labels share one
/// notation and one number of decimals (0.10, 0.15, 0.20), so a column of them lines up; the
/// notation switches to scientific when the step is below 1e-4 or a tick reaches 1e5 (see
/// `NumberFormat`).
public struct Ticks: Hashable, Sendable {
    /// The tick values, ascending, all inside the requested range.
    public let values: [Float]
    /// One label per value.
    public let labels: [String]
    /// The distance between neighbouring ticks.
    public let step: Double

    /// Ticks for `range`: the smallest 1-2-5 step that gives at most `maxCount` ticks — unless
    /// that step leaves a single tick, then the next finer step (at most 3 ticks).
    /// `percent` writes values of 0…1 as 0 %…100 % ("40%").
    public init(range: ValueRange, maxCount: Int = 6, percent: Bool = false) {
        let lower = Double(range.lower), upper = Double(range.upper)
        let maxCount = max(2, maxCount)
        let span = upper - lower
        // Start one decade below the step that would give exactly maxCount intervals; walk up.
        var exponent = NumberFormat.decimalExponent(of: span / Double(maxCount)) - 1
        typealias Candidate = (mantissa: Int, exponent: Int, first: Int, last: Int)
        var chosen: Candidate?
        var finerWithTwoTicks: Candidate?
        search: while exponent < 400 {
            for mantissa in [1, 2, 5] {
                let step = Double(mantissa) * NumberFormat.powerOfTen(exponent)
                // A thousandth of a step of slack: the Float bound 0.1 is 0.100000001, still "0.1".
                let first = (lower / step - 1e-3).rounded(.up)
                let last = (upper / step + 1e-3).rounded(.down)
                guard abs(first) < 1e15, abs(last) < 1e15 else { continue }
                let candidate = (mantissa, exponent, Int(first), Int(last))
                if last - first + 1 <= Double(maxCount) {
                    // Too coarse to show two ticks: one more tick than asked beats a lone tick.
                    chosen = last > first ? candidate : (finerWithTwoTicks ?? candidate)
                    break search
                }
                finerWithTwoTicks = candidate
            }
            exponent += 1
        }
        guard let chosen, chosen.first <= chosen.last else {
            self.values = []; self.labels = []; self.step = span
            return
        }
        let step = Double(chosen.mantissa) * NumberFormat.powerOfTen(chosen.exponent)
        let shown = percent ? chosen.exponent + 2 : chosen.exponent
        let largest = max(abs(Double(chosen.first)), abs(Double(chosen.last))) * step * (percent ? 100 : 1)
        let stepShown = percent ? step * 100 : step
        let scientific = largest >= 1e5 || stepShown < 1e-4
        var values: [Float] = []
        var labels: [String] = []
        for k in chosen.first...chosen.last {
            let units = k * chosen.mantissa
            values.append(Float(Self.value(units: units, exponent: chosen.exponent)))
            let label = NumberFormat.exact(units: units, exponent: shown, decimals: max(0, -shown), scientific: scientific)
            labels.append(percent ? label + "%" : label)
        }
        self.values = values
        self.labels = labels
        self.step = step
    }

    /// Ticks at the given values with the given labels (category axes, hand-picked positions).
    public init(values: [Float], labels: [String]) {
        let n = min(values.count, labels.count)
        self.values = Array(values.prefix(n))
        self.labels = Array(labels.prefix(n))
        self.step = n > 1 ? Double(values[1] - values[0]) : 1
    }

    /// units × 10^exponent, correctly rounded.
    private static func value(units: Int, exponent: Int) -> Double {
        exponent >= 0 ? Double(units) * NumberFormat.powerOfTen(exponent)
            : Double(units) / NumberFormat.powerOfTen(-exponent)
    }
}
