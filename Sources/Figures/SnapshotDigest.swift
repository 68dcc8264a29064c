import Analysis
import RunFormat

/// What the figures draw from one snapshot: every probe's input, head-input vector and logits,
/// the head's weights and bias, and the feature maps of the one probe the layer animations follow.
/// The feature maps of the other probes (96 % of a TinyCNN snapshot) are dropped as soon as it is
/// loaded.
struct SnapshotDigest: Sendable {
    /// Epochs completed when it was taken, and the optimiser steps.
    let epoch: Int
    let step: Int
    /// Whether it closes its epoch (the first, before training, does too).
    let epochEnd: Bool
    let model: ModelDescription
    /// (P) the true class of each probe, in recording order.
    let labels: [Int]
    /// (P, C·H·W)
    let inputs: [Float]
    /// (P, D): the head's input, the vector the contributions are read from (TinyCNN: fc1).
    let features: [Float]
    /// Every vector layer's output for every probe, (P, D) flat, by layer name (the head's input
    /// among them).
    let vectors: [String: [Float]]
    /// (P, K)
    let logits: [Float]
    /// (K, D) as K rows of D: row k holds the weights of logit k.
    let headRows: [[Float]]
    /// (K)
    let headBias: [Float]
    /// The probe the layer animations follow (`FigureProbes.evolution`), nil without probes.
    let evolutionProbe: Int?
    /// Every map layer's output for `evolutionProbe`, (C·H·W) flat, by layer name.
    let evolutionMaps: [String: [Float]]
    /// The test accuracy at this moment, if measured (the index's, else the snapshot's own): the
    /// first snapshot's is the only place that holds the accuracy before training.
    var testAccuracy: Double?
    /// The whole test set at this moment, when the snapshot recorded it.
    let testSet: TestSetDigest?
    /// Each weight tensor's histogram on the context's bins, by parameter name.
    let weightHistograms: [String: Histogram]
    /// The probes' attributions, when recorded.
    let attributions: AttributionDigest?
    /// (P) where each probe's square is, when the producer knows it (viz's squares task).
    let squares: [AttributionFocus.Rectangle]?

    /// What the figures draw of the whole test set at one snapshot.
    struct TestSetDigest: Sendable {
        /// (N) true classes.
        let labels: [Int]
        /// (N, 2) the head-input vectors projected on the context's two principal axes.
        let embedding: [Float]?
        /// True × predicted counts.
        let confusion: ConfusionMatrix
        /// (K, D) the mean head-input vector of each true class.
        let classMeans: [Float]
    }

    /// The probes' attributions at one snapshot (RUN_FORMAT.md: `grad_input`, `gradcam`, `square`).
    struct AttributionDigest: Sendable {
        /// (P, h, w) Grad-CAM, and [h, w]; nil when not recorded.
        let gradCAM: [Float]?
        let gradCAMShape: [Int]
        let gradCAMLayer: String?
        /// (P, C, H, W) ∂ logit[true] / ∂ input; kept only for the snapshot still figures are drawn from.
        let gradInput: [Float]?
        /// Whether the snapshot holds `grad_input` (in every digest, `gradInput` or not).
        let recordsGradInput: Bool
        /// Per probe, the share of Grad-CAM's and of |gradient × input|'s mass on its square (nil
        /// where the map has no mass, or nothing was recorded).
        let gradCAMFocus: [Double?]
        let gradientTimesInputFocus: [Double?]
        /// Per probe, whether Grad-CAM's peak lies on its square.
        let gradCAMPeakOnSquare: [Bool?]
    }

    /// Checks every array against the probe count (an in-memory snapshot is not validated the way
    /// a file is), then keeps what the figures need; `record` is what the run's index says of it.
    /// The input gradients are kept only `withDetails` (the snapshot the still figures show).
    init(_ snapshot: Snapshot, record: SnapshotRecord, model: ModelDescription, context: DigestContext = DigestContext(),
         withDetails: Bool = true) throws(FigureError) {
        let p = snapshot.probeCount, k = model.classCount, d = model.head.features
        func check(_ name: String, _ count: Int?, _ expected: Int) throws(FigureError) {
            guard count == expected else {
                throw .malformedSnapshot(epoch: snapshot.epoch, reason: "\(name) has \(count ?? 0) values, expected \(expected)")
            }
        }
        try check("input", snapshot.input.count, p * model.inputCount)
        try check("logits", snapshot.logits.count, p * k)
        try check(model.head.weightName, snapshot.headWeight.count, k * d)
        try check(model.head.biasName, snapshot.headBias.count, k)
        for layer in model.layers { try check(layer.name, snapshot.layers[layer.name]?.count, p * layer.count) }
        if let bad = snapshot.labels.first(where: { !(0..<k).contains($0) }) {
            throw .malformedSnapshot(epoch: snapshot.epoch, reason: "label \(bad) is not a class 0…\(k - 1)")
        }
        epoch = snapshot.epoch
        step = snapshot.step ?? record.step
        epochEnd = record.epochEnd
        self.model = model
        labels = snapshot.labels
        inputs = snapshot.input
        features = snapshot.layers[model.head.input] ?? []
        var vectors: [String: [Float]] = [:]
        for layer in model.layers where !layer.isMap { vectors[layer.name] = snapshot.layers[layer.name] }
        self.vectors = vectors
        logits = snapshot.logits
        headRows = (0..<k).map { Array(snapshot.headWeight[($0 * d)..<(($0 + 1) * d)]) }
        headBias = snapshot.headBias
        testAccuracy = record.testAccuracy ?? snapshot.testAccuracy
        let probe = FigureProbes.evolution(labels: snapshot.labels, classCount: k)
        evolutionProbe = probe
        var maps: [String: [Float]] = [:]
        if let probe {
            for layer in model.mapLayers {
                maps[layer.name] = Array(snapshot.layers[layer.name]![(probe * layer.count)..<((probe + 1) * layer.count)])
            }
        }
        evolutionMaps = maps
        testSet = try Self.testSet(snapshot, model: model, context: context)
        var histograms: [String: Histogram] = [:]
        for (name, range) in context.histogramRanges {
            guard let tensor = snapshot.extras.parameters[name] else { continue }
            histograms[name] = try? Histogram(tensor.values, bins: DigestContext.histogramBins(count: tensor.values.count), range: range)
        }
        weightHistograms = histograms
        let probeCount = snapshot.probeCount
        squares = snapshot.extras.squares.flatMap { values -> [AttributionFocus.Rectangle]? in
            guard values.count == 4 * probeCount else { return nil }
            return (0..<probeCount).map { AttributionFocus.Rectangle(top: values[4 * $0], left: values[4 * $0 + 1],
                                                             height: values[4 * $0 + 2], width: values[4 * $0 + 3]) }
        }
        attributions = Self.attributions(snapshot, model: model, squares: squares, withDetails: withDetails)
    }

    private static func testSet(_ snapshot: Snapshot, model: ModelDescription,
                                context: DigestContext) throws(FigureError) -> TestSetDigest? {
        let e = snapshot.extras, k = model.classCount, d = model.head.features
        guard let labels = e.testLabels, let logits = e.testLogits, logits.count == labels.count * k else { return nil }
        let confusion: ConfusionMatrix
        do {
            confusion = try ConfusionMatrix(labels: labels, logits: logits, classCount: k)
        } catch {
            throw .malformedSnapshot(epoch: snapshot.epoch, reason: "test set: \(error.description)")
        }
        var means = [Float](repeating: 0, count: k * d)
        var embedding: [Float]?
        if let features = e.testFeatures, features.count == labels.count * d {
            var sums = [Double](repeating: 0, count: k * d), counts = [Int](repeating: 0, count: k)
            for (n, label) in labels.enumerated() {
                counts[label] += 1
                for i in 0..<d { sums[label * d + i] += Double(features[n * d + i]) }
            }
            for c in 0..<k where counts[c] > 0 {
                for i in 0..<d { means[c * d + i] = Float(sums[c * d + i] / Double(counts[c])) }
            }
            embedding = context.embedding.flatMap { try? $0.project(features, rows: labels.count) }
        }
        return TestSetDigest(labels: labels, embedding: embedding, confusion: confusion, classMeans: means)
    }

    private static func attributions(_ snapshot: Snapshot, model: ModelDescription, squares: [AttributionFocus.Rectangle]?,
                                     withDetails: Bool) -> AttributionDigest? {
        let e = snapshot.extras, p = snapshot.probeCount
        guard e.gradCAM != nil || e.gradInput != nil else { return nil }
        let shape = e.gradCAMShape ?? []
        let (channels, height, width) = (model.inputShape[0], model.inputShape[1], model.inputShape[2])
        var gradCAMFocus = [Double?](repeating: nil, count: p), gradientFocus = [Double?](repeating: nil, count: p)
        var peaks = [Bool?](repeating: nil, count: p)
        if let squares {
            if let cam = e.gradCAM, shape.count == 2, cam.count == p * shape[0] * shape[1] {
                let n = shape[0] * shape[1]
                for probe in 0..<p {
                    let map = Array(cam[(probe * n)..<((probe + 1) * n)])
                    gradCAMFocus[probe] = AttributionFocus.share(of: map, height: shape[0], width: shape[1],
                                                                 on: squares[probe], imageHeight: height, imageWidth: width)
                    peaks[probe] = AttributionFocus.peakIsOn(squares[probe], of: map, height: shape[0], width: shape[1],
                                                             imageHeight: height, imageWidth: width)
                }
            }
            if let gradient = e.gradInput, gradient.count == p * model.inputCount {
                let n = model.inputCount
                for probe in 0..<p {
                    let range = (probe * n)..<((probe + 1) * n)
                    let map = AttributionFocus.gradientTimesInput(gradient: Array(gradient[range]), input: Array(snapshot.input[range]),
                                                                  channels: channels, pixels: height * width)
                    gradientFocus[probe] = AttributionFocus.share(of: map, height: height, width: width, on: squares[probe],
                                                                  imageHeight: height, imageWidth: width)
                }
            }
        }
        return AttributionDigest(gradCAM: e.gradCAM, gradCAMShape: shape, gradCAMLayer: e.gradCAMLayer,
                                 gradInput: withDetails ? e.gradInput : nil, recordsGradInput: e.gradInput != nil,
                                 gradCAMFocus: gradCAMFocus, gradientTimesInputFocus: gradientFocus, gradCAMPeakOnSquare: peaks)
    }

    var probeCount: Int { labels.count }

    /// Whether probe p's square is darker than the rest of its image (viz draws half of its
    /// squares so: a dark square on bright noise). Without the squares (format 1), whether the
    /// image is mostly bright: a 6×6 square is 3.5 % of it.
    func isInverted(probe p: Int) -> Bool? {
        guard let square = squares?[p] else {
            let image = input(probe: p)
            let range = model.inputRange ?? 0...1
            return image.reduce(0, +) / Float(max(image.count, 1)) > (range.lowerBound + range.upperBound) / 2
        }
        let (channels, height, width) = (model.inputShape[0], model.inputShape[1], model.inputShape[2])
        let image = input(probe: p)
        var inside = 0.0, outside = 0.0, insideCount = 0
        for c in 0..<channels {
            for y in 0..<height {
                for x in 0..<width {
                    let value = Double(image[(c * height + y) * width + x])
                    let isInside = y >= square.top && y < square.top + square.height && x >= square.left && x < square.left + square.width
                    if isInside { inside += value; insideCount += 1 } else { outside += value }
                }
            }
        }
        let outsideCount = image.count - insideCount
        guard insideCount > 0, outsideCount > 0 else { return nil }
        return inside / Double(insideCount) < outside / Double(outsideCount)
    }
    var classCount: Int { model.classCount }

    /// The probes of class `k`, in recording order.
    func probes(ofClass k: Int) -> [Int] { labels.indices.filter { labels[$0] == k } }

    func input(probe p: Int) -> [Float] {
        let n = model.inputCount
        return Array(inputs[(p * n)..<((p + 1) * n)])
    }

    /// The head's input vector of probe p (TinyCNN: its 64 FC1 activations).
    func features(probe p: Int) -> [Float] {
        let d = model.head.features
        return Array(features[(p * d)..<((p + 1) * d)])
    }

    /// The output of vector layer `layer` for probe p.
    func vector(_ layer: ModelDescription.Layer, probe p: Int) -> [Float] {
        guard let values = vectors[layer.name] else { return [] }
        return Array(values[(p * layer.count)..<((p + 1) * layer.count)])
    }

    func logits(probe p: Int) -> [Float] { Array(logits[(p * classCount)..<((p + 1) * classCount)]) }

    /// (K, D): contribution[k][i] = x[i] · W[k][i] for probe p.
    func contributions(probe p: Int) -> [[Float]] {
        // Shapes are checked in init, so the analysis cannot report a mismatch here.
        (try? Contributions.of(fc1: features(probe: p), weight: headRows)) ?? []
    }

    /// The class the network predicts for probe p: the largest logit (the first on ties), NaN
    /// logits ignored; nil when every logit is NaN.
    func predictedClass(probe p: Int) -> Int? {
        let values = logits(probe: p)
        var best: Int?
        for k in values.indices where !values[k].isNaN {
            if best.map({ values[k] > values[$0] }) ?? true { best = k }
        }
        return best
    }

    /// Adds this snapshot's every probe and logit to `check` (`logit = Σ contributions + bias`).
    func addIdentity(to check: inout IdentityCheck) throws(AnalysisError) {
        try check.add(snapshot: epoch, fc1: (0..<probeCount).map { features(probe: $0) }, weight: headRows, bias: headBias,
                      logits: (0..<probeCount).map { logits(probe: $0) })
    }
}
