import Raster

/// Where a `BarChart`'s annotations go: each label as near to centred over its own bar as the
/// other labels allow, clear of every bar and label, with a thin leader line from the bar's end to
/// a label that does not sit right over it.
///
/// The labels on one side of the zero line keep the left-to-right order of their bars, so leaders
/// never cross. Labels that would overlap are pushed apart sideways as one group centred on its
/// bars (the least total displacement: a one-dimensional repel, as ggrepel does), and a group
/// shares one row just clear of the tallest bar under any of its labels or leaders. Neighbouring
/// bars #44 and #45 thus get `#44 #45` side by side with short slanted leaders, not two labels
/// stacked over the taller bar.
struct BarAnnotationLayout {
    /// The labels, largest bars first.
    var labels: [TextItem] = []
    /// One polyline per label that is not right over its bar, from the bar's end to the label.
    var leaders: [[Point]] = []
    /// How far the highest row sticks out above the plot (the lowest, below); 0 when all fit.
    var overflowTop: Float = 0
    var overflowBottom: Float = 0

    /// Space between two labels of a row.
    static let spacing: Float = 4
    /// Space between a label and the bar (or leader) it faces.
    static let clearance: Float = 2
    /// Height of a leader's slanted part, which is kept free of bars.
    static let slant: Float = 5
    /// A label further than this from its bar's end gets a (straight) leader even when centred on it.
    static let leaderGap: Float = 6

    /// One annotation of one side: its rank (0 = largest bar), bar and label width.
    private struct Entry {
        var rank: Int
        var annotation: BarAnnotation
        var width: Float
        /// Where the bar is, horizontally: its centre.
        var center: Float
    }

    /// `bars[i]` is value i's bar (nil where nothing is drawn) and `base` the y where bars start.
    /// With `dropOverflow` a row that leaves the plot loses its least important label until it
    /// fits; without, the overflow is reported so that the chart can make headroom. Labels too
    /// wide to stand side by side across the plot lose their least important ones either way.
    init(_ wanted: [BarAnnotation], values: [Float], bars: [Rect?], base: Float, axes: CartesianAxes,
         font: Font, color: Color, dropOverflow: Bool) {
        let plot = axes.plotArea
        let ranked = wanted.sorted {
            abs(values[$0.index]) != abs(values[$1.index]) ? abs(values[$0.index]) > abs(values[$1.index]) : $0.index < $1.index
        }
        var placed: [(rank: Int, label: TextItem)] = []
        for up in [true, false] {
            // Left to right, in bar order.
            var side = ranked.enumerated().filter { (values[$0.element.index] >= 0) == up }.map { rank, annotation in
                let band = axes.x.band(annotation.index)
                return Entry(rank: rank, annotation: annotation, width: font.measure(annotation.text).width,
                             center: bars[annotation.index]?.midX ?? (band.from + band.to) / 2)
            }.sorted { $0.annotation.index < $1.annotation.index }
            while !side.isEmpty {
                let least = side.indices.max { side[$0].rank < side[$1].rank }!
                guard side.reduce(0, { $0 + $1.width }) + Self.spacing * Float(side.count - 1) <= plot.width - 2 else {
                    side.remove(at: least)
                    continue
                }
                let rows = Self.groups(side, from: plot.minX + 1, to: plot.maxX - 1).map { group in
                    Row(group, up: up, values: values, bars: bars, base: base, plot: plot, font: font, color: color)
                }
                if dropOverflow, let worst = rows.filter({ $0.overflow > 0 }).flatMap(\.entries).max(by: { $0.rank < $1.rank }) {
                    side.removeAll { $0.rank == worst.rank }
                    continue
                }
                for row in rows {
                    if up { overflowTop = max(overflowTop, row.overflow) } else { overflowBottom = max(overflowBottom, row.overflow) }
                    placed += zip(row.entries.map(\.rank), row.labels).map { ($0, $1) }
                    leaders += row.leaders
                }
                break
            }
        }
        labels = placed.sorted { $0.rank < $1.rank }.map(\.label)
    }

    /// Splits `entries` (in bar order) into groups of labels that stand side by side, each entry with
    /// its label's left edge. Every label starts centred on its bar; a label that would overlap the
    /// group before it joins that group, which is then re-centred on the mean of its members' bars
    /// and kept within `from...to`.
    private static func groups(_ entries: [Entry], from low: Float, to high: Float) -> [[(entry: Entry, left: Float)]] {
        struct Block {
            var members: [Entry]
            var width: Float
            /// Sum over members of (wanted left edge − offset within the block): / count = wanted left.
            var wantedSum: Float
            var left: Float = 0
            mutating func settle(_ low: Float, _ high: Float) {
                left = min(max(wantedSum / Float(members.count), low), high - width)
            }
        }
        var blocks: [Block] = []
        for entry in entries {
            var block = Block(members: [entry], width: entry.width, wantedSum: entry.center - entry.width / 2)
            block.settle(low, high)
            while let previous = blocks.last, previous.left + previous.width + spacing > block.left {
                blocks.removeLast()
                let shift = previous.width + spacing
                block = Block(members: previous.members + block.members, width: shift + block.width,
                              wantedSum: previous.wantedSum + block.wantedSum - shift * Float(block.members.count))
                block.settle(low, high)
            }
            blocks.append(block)
        }
        return blocks.map { block in
            var left = block.left
            return block.members.map { entry in
                defer { left += entry.width + spacing }
                return (entry, left)
            }
        }
    }

    /// One group's labels on a shared row, and their leaders.
    private struct Row {
        var entries: [Entry] = []
        var labels: [TextItem] = []
        var leaders: [[Point]] = []
        /// How far the row sticks out of the plot (above for positive bars, below for negative).
        var overflow: Float = 0

        init(_ group: [(entry: Entry, left: Float)], up: Bool, values: [Float], bars: [Rect?], base: Float,
             plot: Rect, font: Font, color: Color) {
            let height = TextItem.lineHeight(font)
            // Where on the label's facing edge its leader ends: over the bar when the label spans it.
            func anchor(_ entry: Entry, _ left: Float) -> Float {
                entry.width <= 6 ? left + entry.width / 2 : min(max(entry.center, left + 3), left + entry.width - 3)
            }
            func barEnd(_ i: Int) -> Float { bars[i].map { up ? $0.minY : $0.maxY } ?? base }
            // The row clears every bar (of this side) under a label or its leader, by `clearance`, and
            // by `slant` more where a leader slants.
            var edge = up ? Float.infinity : -Float.infinity
            for (entry, left) in group {
                let slants = abs(anchor(entry, left) - entry.center) > 0.5
                let from = min(left, entry.center - 0.5), to = max(left + entry.width, entry.center + 0.5)
                var end = barEnd(entry.annotation.index)
                for (j, bar) in bars.enumerated() {
                    guard let bar, (values[j] >= 0) == up, bar.maxX > from, bar.minX < to else { continue }
                    end = up ? min(end, bar.minY) : max(end, bar.maxY)
                }
                let room = clearance + (slants ? slant : 0)
                edge = up ? min(edge, end - room) : max(edge, end + room)
            }
            let top = up ? (edge - height).rounded(.down) : edge.rounded(.up)
            for (entry, left) in group {
                let label = TextItem(entry.annotation.text, font: font, color: color, role: .annotation, x: left, align: .left, top: top)
                let a = anchor(entry, label.frame.minX)
                let slants = abs(a - entry.center) > 0.5
                let column = entry.center.rounded(.down) + 0.5
                let start = barEnd(entry.annotation.index) + (up ? -1 : 1)
                let finish = up ? label.frame.maxY + 1 : label.frame.minY - 1
                if slants {
                    let elbow = up ? min(finish + slant, start) : max(finish - slant, start)
                    leaders.append([Point(column, start), Point(column, elbow), Point(a, finish)])
                } else if abs(start - finish) > leaderGap {
                    leaders.append([Point(column, start), Point(column, finish)])
                }
                overflow = max(overflow, up ? plot.minY - label.frame.minY : label.frame.maxY - plot.maxY)
                entries.append(entry)
                labels.append(label)
            }
        }
    }
}
