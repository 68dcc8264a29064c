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

    /// Checks every array against the probe count (an in-memory snapshot is not validated the way
    /// a file is), then keeps what the figures need; `record` is what the run's index says of it.
    init(_ snapshot: Snapshot, record: SnapshotRecord, model: ModelDescription) throws(FigureError) {
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
    }

    var probeCount: Int { labels.count }
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
