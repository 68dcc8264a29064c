/// Turns an open polyline into polygons that tile its stroke, for one exact coverage mask.
///
/// Why tiles: signed-area accumulation is exact for shapes that do not overlap, but sums overlaps
/// (a translucent stroke would darken at its joints) — and merging overlapping pieces by per-pixel
/// maximum leaves faint seams where pieces merely touch. So every segment becomes one polygon cut at
/// the bisector of each joint, and the outer corner (miter tip, bevel, round arc) is split between
/// the two neighbours along that bisector. Neighbouring tiles share the cut edge exactly and never
/// overlap, so accumulating them all in one mask gives each pixel its exact covered area.
///
/// A joint whose inner corner would reach past the far end of a short segment (hairpin turns, or
/// segments shorter than the stroke is wide) cannot be tiled; the polyline is split there into
/// separately tiled groups plus a corner piece, and the caller merges the groups by maximum.
///
/// All geometry is in Double canvas coordinates; vectors are `SIMD2<Double>`.
enum StrokeOutline {
    typealias Vector = SIMD2<Double>

    /// Groups of non-overlapping contours: contours within a group tile the stroke (sum them in one
    /// mask); different groups may overlap (merge their masks by maximum).
    /// `points` are finite and distinct from their neighbours; `half` is half the stroke width.
    static func groups(_ points: [Vector], half: Double, join: LineJoin,
                       startCap: LineCap, endCap: LineCap) -> [[[Vector]]] {
        guard points.count > 1 else {
            guard let dot = dot(at: points[0], half: half, cap: startCap) else { return [] }
            return [[dot]]
        }
        let segmentCount = points.count - 1
        let directions = (0..<segmentCount).map { unit(points[$0 + 1] - points[$0]) }
        let lengths = (0..<segmentCount).map { length(points[$0 + 1] - points[$0]) }
        // Joint j sits at points[j], between segment j − 1 and segment j (1 ≤ j < count − 1).
        var joints = [Joint?](repeating: nil, count: points.count)
        for j in 1..<max(1, segmentCount) {
            joints[j] = Joint(vertex: points[j], incoming: directions[j - 1], outgoing: directions[j], half: half, join: join)
        }
        // A joint can be tiled only if its inner cut, plus the cut at the segment's other end, fits.
        func cut(_ j: Int) -> Double { joints[j]?.innerCut ?? 0 }
        var tiled = [Bool](repeating: false, count: points.count)
        for j in 1..<max(1, segmentCount) where joints[j] != nil {
            tiled[j] = cut(j) + cut(j - 1) <= lengths[j - 1] && cut(j) + cut(j + 1) <= lengths[j]
        }

        var groups: [[[Vector]]] = []
        var group: [[Vector]] = []
        for i in 0..<segmentCount {
            let p = points[i], q = points[i + 1], d = directions[i]
            let normal = Vector(-d.y, d.x) * half
            let start: [Vector] = tiled[i] ? joints[i]!.startProfile
                : capProfile(at: p, normal: -normal, outward: -d, half: half, cap: i == 0 ? startCap : .butt)
            let end: [Vector] = tiled[i + 1] ? joints[i + 1]!.endProfile
                : capProfile(at: q, normal: normal, outward: d, half: half, cap: i == segmentCount - 1 ? endCap : .butt)
            group.append(end + start)
            if i + 1 < segmentCount, !tiled[i + 1] {
                // Untileable joint: close this group, add the corner as its own piece.
                groups.append(group)
                group = []
                if let corner = corner(at: q, incoming: d, outgoing: directions[i + 1], half: half, join: join) {
                    groups.append([corner])
                }
            }
        }
        groups.append(group)
        return groups
    }

    /// The geometry of one joint: where the offset lines of its two segments meet, and the profiles
    /// (points across the stroke) that end the incoming tile and start the outgoing one.
    struct Joint {
        /// Distance along either segment from the vertex to the inner corner.
        let innerCut: Double
        /// Across the end of the incoming tile, from its left side to its right side.
        let endProfile: [Vector]
        /// Across the start of the outgoing tile, from its right side to its left side.
        let startProfile: [Vector]

        /// Nil for a full reversal (the bisector is undefined).
        init?(vertex v: Vector, incoming: Vector, outgoing: Vector, half: Double, join: LineJoin) {
            let leftIn = Vector(-incoming.y, incoming.x), leftOut = Vector(-outgoing.y, outgoing.x)
            let sum = leftIn + leftOut
            guard length(sum) > 1e-9 else { return nil }
            let bisector = sum / length(sum)
            let cosine = (leftIn * bisector).sum()          // cos of half the turning angle, > 0
            let reach = half / cosine                        // vertex → where the offset lines meet
            innerCut = reach * abs((bisector * incoming).sum())
            let left = v + bisector * reach, right = v - bisector * reach
            if join == .miter, 1 / cosine <= 4 {
                endProfile = [left, right]
                startProfile = [right, left]
                return
            }
            // The outer side is the one the outgoing segment turns away from.
            let leftIsOuter = (leftIn * outgoing).sum() < 0
            let side: Double = leftIsOuter ? 1 : -1
            let fromIn = leftIn * (half * side), fromOut = leftOut * (half * side)   // vertex → outer edges
            let middle = bisector * (half * side * (join == .round ? 1 : cosine))   // arc apex or bevel midpoint
            var inHalf = [v + fromIn], outHalf = [v + middle]
            if join == .round {
                inHalf += arc(center: v, from: fromIn, to: middle, radius: half)
                outHalf += arc(center: v, from: middle, to: fromOut, radius: half)
            }
            inHalf.append(v + middle)
            outHalf.append(v + fromOut)
            // inHalf runs from the incoming outer edge to the bisector, outHalf onwards to the outgoing one.
            if leftIsOuter {
                endProfile = inHalf + [right]
                startProfile = [right] + outHalf
            } else {
                endProfile = [left] + inHalf.reversed()
                startProfile = outHalf.reversed() + [left]
            }
        }
    }

    /// Across one end of a stroke at `point`: from `point + normal` round to `point − normal`,
    /// bulging towards `outward` (a unit vector) as the cap demands. `normal` has length `half`.
    static func capProfile(at point: Vector, normal: Vector, outward: Vector, half: Double, cap: LineCap) -> [Vector] {
        switch cap {
        case .butt:
            return [point + normal, point - normal]
        case .square:
            let shifted = point + outward * half
            return [shifted + normal, shifted - normal]
        case .round:
            let apex = outward * half
            return [point + normal] + arc(center: point, from: normal, to: apex, radius: half) + [point + apex]
                + arc(center: point, from: apex, to: -normal, radius: half) + [point - normal]
        }
    }

    /// The shape of a lone point: a disc for round caps, a square for square caps, nothing for butt.
    static func dot(at point: Vector, half: Double, cap: LineCap) -> [Vector]? {
        switch cap {
        case .butt: return nil
        case .round: return circle(center: point, radius: half)
        case .square:
            return [point + Vector(-half, -half), point + Vector(half, -half), point + Vector(half, half), point + Vector(-half, half)]
        }
    }

    /// The corner piece for an untileable joint: a disc, or the bevel/miter wedge on the outer side.
    static func corner(at v: Vector, incoming: Vector, outgoing: Vector, half: Double, join: LineJoin) -> [Vector]? {
        if join == .round { return circle(center: v, radius: half) }
        var leftIn = Vector(-incoming.y, incoming.x), leftOut = Vector(-outgoing.y, outgoing.x)
        if (leftIn * outgoing).sum() > 0 { leftIn = -leftIn; leftOut = -leftOut }
        let sum = leftIn + leftOut
        guard length(sum) > 1e-9 else { return nil }   // full reversal: the butt ends already meet
        let cosine = length(sum) / 2
        let a = v + leftIn * half, b = v + leftOut * half
        if join == .miter, 1 / cosine <= 4 { return [v, a, v + sum / length(sum) * (half / cosine), b] }
        return [v, a, b]
    }

    /// Points strictly between `center + from` and `center + to` on the shorter arc of `radius`
    /// (the two less than 180° apart), by repeated bisection until each chord strays at most
    /// ≈ 0.02 px from the circle (sagitta ≈ chord² / 8r). No trigonometry needed.
    static func arc(center: Vector, from: Vector, to: Vector, radius: Double, depth: Int = 0) -> [Vector] {
        let chord = length(to - from)
        guard chord * chord > 0.16 * radius, depth < 10 else { return [] }
        let middle = unit(from + to) * radius
        return arc(center: center, from: from, to: middle, radius: radius, depth: depth + 1) + [center + middle]
            + arc(center: center, from: middle, to: to, radius: radius, depth: depth + 1)
    }

    /// A polygonal circle with the true circle's area (its vertices slightly outside `radius`).
    static func circle(center: Vector, radius: Double) -> [Vector] {
        let axes = [Vector(radius, 0), Vector(0, radius), Vector(-radius, 0), Vector(0, -radius)]
        var offsets: [Vector] = []
        for i in 0..<4 {
            offsets.append(axes[i])
            offsets += arc(center: .zero, from: axes[i], to: axes[(i + 1) % 4], radius: radius)
        }
        if offsets.count < 8 {  // tiny circles: still an octagon
            offsets = (0..<8).map { i in i % 2 == 0 ? axes[i / 2] : unit(axes[i / 2] + axes[(i / 2 + 1) % 4]) * radius }
        }
        // Shoelace area of the polygon, then scale so that it matches π r².
        var area = 0.0
        for i in offsets.indices {
            let a = offsets[i], b = offsets[(i + 1) % offsets.count]
            area += (a.x * b.y - a.y * b.x) / 2
        }
        let scale = area > 0 ? (Double.pi * radius * radius / area).squareRoot() : 1
        return offsets.map { center + $0 * scale }
    }

    static func length(_ v: Vector) -> Double { (v * v).sum().squareRoot() }

    static func unit(_ v: Vector) -> Vector {
        let l = length(v)
        return l > 0 ? v / l : .zero
    }
}
