import Analysis

/// The part of one snapshot the figures draw: every probe's input, FC1 vector and logits, FC2's
/// weights, and the feature maps of the one probe the layer animations follow. The four large
/// layers of the other probes (96 % of a snapshot) are dropped as soon as it is loaded.
struct SnapshotDigest: Sendable {
    let epoch: Int
    /// (P) the true class of each probe, in recording order (class by class).
    let labels: [Int]
    /// (P,32,32)
    let inputs: [Float]
    /// (P,64)
    let fc1: [Float]
    /// (P,9)
    let logits: [Float]
    /// (9,64) as 9 rows of 64: row k holds the weights of logit k.
    let fc2Rows: [[Float]]
    /// The probe the layer animations follow (`FigureProbes.evolution`), nil without probes.
    let evolutionProbe: Int?
    /// conv1, pool1, conv2, pool2 of `evolutionProbe`, each (C,H,W) flat.
    let evolutionMaps: [Layer: [Float]]
    /// The test accuracy the snapshot recorded, if any: epoch 0's is the only place that holds the
    /// accuracy before training (metrics.jsonl starts at epoch 1).
    let testAccuracy: Double?

    static let imagePixels = Snapshot.imageSide * Snapshot.imageSide
    static let mapLayers: [Layer] = [.conv1, .pool1, .conv2, .pool2]

    /// Checks every array against the probe count (an in-memory snapshot is not validated the way
    /// a file is), then keeps what the figures need.
    init(_ snapshot: Snapshot) throws(FigureError) {
        let p = snapshot.probeCount
        func check(_ name: String, _ count: Int, _ expected: Int) throws(FigureError) {
            guard count == expected else {
                throw .malformedSnapshot(epoch: snapshot.epoch, reason: "\(name) has \(count) values, expected \(expected)")
            }
        }
        try check("input", snapshot.input.count, p * Self.imagePixels)
        try check("fc1", snapshot.fc1.count, p * Snapshot.fc1Units)
        try check("logits", snapshot.logits.count, p * Snapshot.classCount)
        try check("fc2.weight", snapshot.fc2Weight.count, Snapshot.classCount * Snapshot.fc1Units)
        try check("fc2.bias", snapshot.fc2Bias.count, Snapshot.classCount)
        for layer in Self.mapLayers {
            try check(layer.rawValue, snapshot.allProbes(layer).count, p * layer.valuesPerProbe)
        }
        if let bad = snapshot.labels.first(where: { !(0..<Snapshot.classCount).contains($0) }) {
            throw .malformedSnapshot(epoch: snapshot.epoch, reason: "label \(bad) is not a class 0…\(Snapshot.classCount - 1)")
        }
        epoch = snapshot.epoch
        labels = snapshot.labels
        inputs = snapshot.input
        fc1 = snapshot.fc1
        logits = snapshot.logits
        fc2Rows = snapshot.fc2Rows
        testAccuracy = snapshot.testAccuracy
        let probe = FigureProbes.evolution(labels: snapshot.labels)
        evolutionProbe = probe
        var maps: [Layer: [Float]] = [:]
        if let probe {
            for layer in Self.mapLayers { maps[layer] = Array(snapshot.values(of: layer, probe: probe)) }
        }
        evolutionMaps = maps
    }

    var probeCount: Int { labels.count }

    /// The probes of class `k`, in recording order.
    func probes(ofClass k: Int) -> [Int] { labels.indices.filter { labels[$0] == k } }

    func input(probe p: Int) -> [Float] { Array(inputs[(p * Self.imagePixels)..<((p + 1) * Self.imagePixels)]) }

    func fc1(probe p: Int) -> [Float] { Array(fc1[(p * Snapshot.fc1Units)..<((p + 1) * Snapshot.fc1Units)]) }

    func logits(probe p: Int) -> [Float] { Array(logits[(p * Snapshot.classCount)..<((p + 1) * Snapshot.classCount)]) }

    /// (9,64): contribution[k][i] = fc1[i] · W2[k][i] for probe p.
    func contributions(probe p: Int) -> [[Float]] {
        // Shapes are checked in init, so the analysis cannot report a mismatch here.
        (try? Contributions.of(fc1: fc1(probe: p), weight: fc2Rows)) ?? []
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
}
