/// Which snapshots a figure over time shows (every animation's frames, the columns of the units
/// and the weight histograms, the points of the attribution focus) when a run has more of them
/// than a reader can use: at most `maxFrames` (`--max-frames`), spread evenly over the snapshots,
/// and always the first (before training), the last, and the first at which the test accuracy
/// reaches 50 %, 90 % and 95 % — the moments the learning is about.
///
/// Evenly over the snapshots, not over the steps: viz takes its snapshots densely where the
/// learning happens (√2 apart in the first two epochs), and sampling by index keeps that density.
enum FrameSampling {
    /// The default cap: 60 frames of 0.7 s are 42 s of animation, about as long as anyone watches
    /// one, and still one frame per epoch up to 60 epochs; the default run's 23 snapshots stay
    /// whole. A 1000-epoch run's animations keep 60 frames and a few MB each instead of 1012 frames.
    static let defaultMaxFrames = 60

    /// The test accuracies whose first crossing is always shown.
    static let milestones = [0.5, 0.9, 0.95]

    /// The snapshots kept of `accuracies.count` (their test accuracy, nil where not measured), in
    /// order; all of them when there are at most `maxFrames`. `maxFrames` must be at least 5 (the
    /// first, the last and the three crossings always fit) — `OptionRules.maxFrames` sees to it.
    static func indices(accuracies: [Double?], maxFrames: Int) -> [Int] {
        let count = accuracies.count
        guard count > maxFrames else { return Array(0..<count) }
        var kept = Set([0, count - 1])
        for milestone in milestones {
            if let first = accuracies.firstIndex(where: { ($0 ?? -1) >= milestone }) { kept.insert(first) }
        }
        let anchors = kept.sorted()
        // The frames left go to the gaps between the anchors in proportion to their length
        // (largest remainders first, ties to the earlier gap), each gap's evenly inside it.
        let free = max(0, maxFrames - anchors.count)
        let gaps = zip(anchors, anchors.dropFirst()).map { (start: $0, end: $1, inside: $1 - $0 - 1) }
        let inside = gaps.reduce(0) { $0 + $1.inside }
        guard inside > 0, free > 0 else { return anchors }
        var shares = gaps.map { $0.inside * free / inside }
        let byRemainder = gaps.indices.sorted { a, b in
            let (ra, rb) = (gaps[a].inside * free % inside, gaps[b].inside * free % inside)
            return ra != rb ? ra > rb : a < b
        }
        for gap in byRemainder.prefix(free - shares.reduce(0, +)) { shares[gap] += 1 }
        var result = anchors
        for (gap, share) in zip(gaps, shares) where share > 0 {
            // `share` of the gap's `inside` snapshots, at the centres of equal parts of it.
            for k in 0..<share {
                result.append(gap.start + 1 + (2 * k + 1) * gap.inside / (2 * share))
            }
        }
        return result.sorted()
    }
}
