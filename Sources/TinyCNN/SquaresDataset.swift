import Parallel

/// The data of SPEC §1: 32×32 single-channel images of one 6×6 square hidden in Gaussian noise;
/// the label is the cell of the 3×3 grid (10-pixel cells, row · 3 + column) that holds the square.
///
/// Generation order, per sample i (labels balanced: i mod 9 before shuffling):
/// offset row then offset column (each uniform 0…4 inside the cell), one inversion bit (p = 0.5),
/// then 512 Box–Muller pairs of noise in pixel order; values are clipped to [0, 1]. Finally the
/// samples are shuffled (Fisher–Yates, from the last index down). Train and test sets come from the
/// same generator, train first.
public struct SquaresDataset: Sendable, Equatable {
    public static let imageSide = 32
    public static let pixelsPerImage = imageSide * imageSide
    public static let classCount = 9
    public static let cellSide = imageSide / 3
    public static let squareSide = 6
    /// Each class named after the cell that holds its square: "top left", …, "centre", …, "bottom right".
    public static let classNames: [String] = (0..<classCount).map { k in
        let row = ["top", "middle", "bottom"][k / 3], column = ["left", "centre", "right"][k % 3]
        return k == 4 ? "centre" : row + " " + column
    }

    /// Where an image's square is and whether the image is inverted: what the generator knows and
    /// no real data set does, so the figures can check where the network looks.
    public struct Placement: Sendable, Equatable {
        /// Row and column of the square's top-left pixel.
        public let top: Int
        public let left: Int
        /// Background 1 and square 0 (before noise).
        public let inverted: Bool
    }

    /// Images, one after another, row-major (count × 32 × 32), values in [0, 1].
    public let images: [Float]
    /// Labels 0…8, one per image.
    public let labels: [Int]
    /// One per image when generated here; empty for images given from outside.
    public let placements: [Placement]

    public var count: Int { labels.count }

    /// Wraps given images and labels (for probes and tests), with their placements when known;
    /// shapes and labels are validated.
    public init(images: [Float], labels: [Int], placements: [Placement] = []) throws(TrainingError) {
        guard images.count == labels.count * Self.pixelsPerImage else {
            throw .invalidDataset(reason: "\(images.count) pixel values for \(labels.count) images of \(Self.pixelsPerImage)")
        }
        if let bad = labels.first(where: { !(0..<Self.classCount).contains($0) }) {
            throw .invalidDataset(reason: "label \(bad) is outside 0…\(Self.classCount - 1)")
        }
        guard placements.isEmpty || placements.count == labels.count else {
            throw .invalidDataset(reason: "\(placements.count) placements for \(labels.count) images")
        }
        self.images = images
        self.labels = labels
        self.placements = placements
    }

    /// Generates `count` samples from `generator` with noise standard deviation `noise`.
    ///
    /// The random numbers are drawn from `generator` in one fixed order, a block of images at a
    /// time; Box–Muller's log, sine and cosine, most of the cost, then run on `threads` threads,
    /// the same operations on the same numbers, so the data is bit for bit the same for any count.
    public init(generating count: Int, noise: Float, generator: inout SeededGenerator, threads: Int = 1) {
        var images = [Float](repeating: 0, count: count * Self.pixelsPerImage)
        var labels = [Int](repeating: 0, count: count)
        var placements: [Placement] = []
        placements.reserveCapacity(count)
        let side = Self.imageSide, pixels = Self.pixelsPerImage
        let sigma = Double(noise)
        let blockSize = 256
        var uniforms = [Double](repeating: 0, count: blockSize * pixels)
        for blockStart in stride(from: 0, to: count, by: blockSize) {
            let blockEnd = min(count, blockStart + blockSize)
            for sample in blockStart..<blockEnd {
                let label = sample % Self.classCount
                labels[sample] = label
                let top = (label / 3) * Self.cellSide + generator.nextInt(below: Self.cellSide - Self.squareSide + 1)
                let left = (label % 3) * Self.cellSide + generator.nextInt(below: Self.cellSide - Self.squareSide + 1)
                let inverted = generator.next() >> 63 == 1
                placements.append(Placement(top: top, left: left, inverted: inverted))
                let base = (sample - blockStart) * pixels
                for pixel in stride(from: 0, to: pixels, by: 2) {
                    (uniforms[base + pixel], uniforms[base + pixel + 1]) = generator.nextUniformPair()
                }
            }
            let blockPlacements = placements[blockStart..<blockEnd]
            images.withUnsafeMutableBufferPointer { images in
                uniforms.withUnsafeBufferPointer { uniforms in
                    ParallelRunner(threads: threads).run(tasks: blockEnd - blockStart) { k, _ in
                        let place = blockPlacements[blockStart + k]
                        let target = images.baseAddress! + (blockStart + k) * pixels, drawn = uniforms.baseAddress! + k * pixels
                        func value(_ pixel: Int, _ gaussian: Double) -> Float {
                            let y = pixel / side, x = pixel % side
                            let inSquare = y >= place.top && y < place.top + Self.squareSide
                                && x >= place.left && x < place.left + Self.squareSide
                            let clean: Double = (inSquare != place.inverted) ? 1 : 0
                            return Float(min(max(clean + sigma * gaussian, 0), 1))
                        }
                        for pixel in stride(from: 0, to: pixels, by: 2) {
                            let (noise0, noise1) = SeededGenerator.normalPair(drawn[pixel], drawn[pixel + 1])
                            target[pixel] = value(pixel, noise0)
                            target[pixel + 1] = value(pixel + 1, noise1)
                        }
                    }
                }
            }
        }
        // Fisher–Yates on the sample order, then one gather.
        var order = Array(0..<count)
        for index in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(index, generator.nextInt(below: index + 1))
        }
        self.images = order.flatMap { images[$0 * Self.pixelsPerImage..<($0 + 1) * Self.pixelsPerImage] }
        self.labels = order.map { labels[$0] }
        self.placements = order.map { placements[$0] }
    }

    /// The image of sample `index` (32 × 32 values).
    public func image(_ index: Int) -> ArraySlice<Float> {
        images[index * Self.pixelsPerImage..<(index + 1) * Self.pixelsPerImage]
    }

    /// The probes of SPEC §3: the first `perClass` samples of each class, ordered class by class
    /// (probe p = class · perClass + j). Throws when a class has fewer than `perClass` samples.
    public func probes(perClass: Int) throws(TrainingError) -> SquaresDataset {
        var chosen: [[Int]] = Array(repeating: [], count: Self.classCount)
        for (index, label) in labels.enumerated() where chosen[label].count < perClass {
            chosen[label].append(index)
        }
        if let short = chosen.indices.first(where: { chosen[$0].count < perClass }) {
            throw .invalidDataset(reason: "\(perClass) probes per class need \(perClass) test samples of class \(short), the test set has \(chosen[short].count)")
        }
        let order = chosen.flatMap { $0 }
        return try SquaresDataset(images: order.flatMap { image($0) }, labels: order.map { labels[$0] },
                                  placements: placements.isEmpty ? [] : order.map { placements[$0] })
    }
}
