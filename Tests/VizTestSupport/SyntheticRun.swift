import Foundation
import RunFormat
import TinyCNN

/// Snapshots and metrics shaped like a real run's, for the figure tests and `viz-bench render`
/// (no training needed): inputs with a 6×6 square in the class's cell under noise, feature maps
/// that respond to it more strongly epoch by epoch, and FC1 units that come to dominate (#39, #20
/// and two per class) with FC2 weights that favour each class's own units. Logits are computed from
/// fc1 and fc2 exactly, so the contribution identity holds. Besides (RUN_FORMAT.md's optional
/// tensors): a test set of `testSamples` images whose FC1 vectors gather by class as epochs pass,
/// the weights of every layer spreading from their start, input gradients and Grad-CAM maps that
/// gather on each probe's square, and the squares. Deterministic for a seed.
package enum SyntheticRun {
    /// Snapshots of epochs 0…`epochs`, `probesPerClass` probes of each of the nine classes.
    package static func snapshots(epochs: Int, probesPerClass: Int, testSamples: Int = 900, seed: UInt64 = 7) -> [Snapshot] {
        let classCount = 9, fc1Units = 64
        let labels = (0..<(classCount * probesPerClass)).map { $0 / probesPerClass }
        var random = SeededGenerator(seed: seed)
        let images = labels.map { image(ofClass: $0, &random) }
        let inputs = images.flatMap(\.pixels)
        let dominant = [39, 20]
        let classUnits = (0..<classCount).map { [($0 * 7 + 3) % 64, ($0 * 11 + 50) % 64] }
        let jitter = labels.indices.map { _ in (0..<fc1Units).map { _ in random.nextUnitFloat() } }
        let baseWeights = (0..<(classCount * fc1Units)).map { _ in (random.nextUnitFloat() - 0.5) * 0.5 }
        let bias = (0..<classCount).map { _ in (random.nextUnitFloat() - 0.5) * 0.2 }

        return (0...max(0, epochs)).map { epoch in
            let t = Float(epoch) / Float(max(1, epochs))
            var weight = baseWeights
            for k in 0..<classCount {
                for u in classUnits[k] { weight[k * 64 + u] += 1.2 * t }
                weight[k * 64 + 39] += (k % 2 == 0 ? 0.6 : -0.4) * t
            }
            var conv1: [Float] = [], pool1: [Float] = [], conv2: [Float] = [], pool2: [Float] = []
            var fc1: [Float] = [], logits: [Float] = []
            for (p, k) in labels.enumerated() {
                let image = Array(inputs[(p * 1024)..<((p + 1) * 1024)])
                let c1 = firstConvolution(image, t: t)
                let p1 = maxPool(c1, channels: 16, side: 32)
                let c2 = secondConvolution(p1, t: t)
                conv1 += c1; pool1 += p1; conv2 += c2; pool2 += maxPool(c2, channels: 32, side: 16)
                let units = (0..<fc1Units).map { i -> Float in
                    var v = max(0, jitter[p][i] * 1.2 - 0.6) * (1 - 0.5 * t)
                    if dominant.contains(i) { v += (i == 39 ? 5 : 3.5) * t * (0.8 + 0.4 * jitter[p][i]) }
                    if classUnits[k].contains(i) { v += (0.2 + 4 * t) * (0.6 + 0.8 * jitter[p][i]) }
                    return v
                }
                fc1 += units
                logits += (0..<classCount).map { k in
                    (0..<fc1Units).reduce(bias[k]) { $0 + units[$1] * weight[k * 64 + $1] }
                }
            }
            var snapshot = Snapshot(epoch: epoch, labels: labels, input: inputs,
                                    layers: ["conv1": conv1, "pool1": pool1, "conv2": conv2, "pool2": pool2, "fc1": fc1],
                                    logits: logits, headWeight: weight, headBias: bias)
            snapshot.extras = extras(t: t, images: images, weight: weight, bias: bias, testSamples: testSamples, seed: seed)
            return snapshot
        }
    }

    /// The optional tensors at training time t (0…1), drawn from their own generator so that the
    /// tensors above stay as they were.
    private static func extras(t: Float, images: [(pixels: [Float], top: Int, left: Int)], weight: [Float], bias: [Float],
                               testSamples: Int, seed: UInt64) -> Snapshot.Extras {
        var random = SeededGenerator(seed: seed &+ 1)
        var extras = Snapshot.Extras()
        // The test set: class k's vectors gather around a centre of their own as t grows.
        let centres = (0..<9).map { _ in (0..<64).map { _ in max(0, random.nextUnitFloat() * 6 - 3) } }
        let labels = (0..<testSamples).map { $0 % 9 }
        var features: [Float] = [], logits: [Float] = []
        for k in labels {
            let vector = (0..<64).map { i in max(0, random.nextUnitFloat() * 1.5 * (1 - 0.6 * t) + centres[k][i] * t) }
            features += vector
            logits += (0..<9).map { c in (0..<64).reduce(bias[c]) { $0 + vector[$1] * weight[c * 64 + $1] } }
        }
        extras.testLabels = labels
        extras.testFeatures = features
        extras.testLogits = logits
        // Weights: their start, spread by a growing factor (fc2 is the head's weight itself).
        for (name, shape) in [("conv1.weight", [16, 1, 3, 3]), ("conv1.bias", [16]), ("conv2.weight", [32, 16, 3, 3]), ("conv2.bias", [32]),
                              ("fc1.weight", [64, 2048]), ("fc1.bias", [64])] {
            let values = (0..<shape.reduce(1, *)).map { _ in (random.nextUnitFloat() - 0.5) * 0.4 * (1 + 1.5 * t * random.nextUnitFloat()) }
            extras.parameters[name] = Snapshot.NamedTensor(shape: shape, values: values)
        }
        extras.parameters["fc2.weight"] = Snapshot.NamedTensor(shape: [9, 64], values: weight)
        extras.parameters["fc2.bias"] = Snapshot.NamedTensor(shape: [9], values: bias)
        // Attributions: a bump on the square that sharpens with t over a background that fades.
        func bump(side: Int, top: Int, left: Int, scale: Float) -> [Float] {
            let cy = (Float(top) + 3) / scale, cx = (Float(left) + 3) / scale
            return (0..<(side * side)).map { i in
                let dy = Float(i / side) + 0.5 - cy, dx = Float(i % side) + 0.5 - cx
                let peak = exp(-(dy * dy + dx * dx) / (2 * (4 / scale) * (4 / scale)))
                return max(0, t * peak + (1 - t) * 0.4 * random.nextUnitFloat() - 0.05)
            }
        }
        extras.gradInput = images.flatMap { bump(side: 32, top: $0.top, left: $0.left, scale: 1).map { $0 * 0.02 } }
        extras.gradCAM = images.flatMap { bump(side: 16, top: $0.top, left: $0.left, scale: 2) }
        extras.gradCAMShape = [16, 16]
        extras.gradCAMLayer = "conv2"
        extras.squares = images.flatMap { [$0.top, $0.left, 6, 6] }
        return extras
    }

    /// The synthetic run saved as the pipeline saves a real one (run.json with its index,
    /// metrics.jsonl, snapshots carrying the run's id).
    package static func save(epochs: Int, probesPerClass: Int, to folder: RunFolder) throws {
        try folder.createDirectories()
        var settings = TrainingSettings()
        settings.epochs = epochs
        settings.probesPerClass = probesPerClass
        let metrics = Self.metrics(epochs: epochs)
        var info = RunInfo(settings: settings, finalMetrics: metrics.last)
        for var snapshot in snapshots(epochs: epochs, probesPerClass: probesPerClass) {
            snapshot.step = snapshot.epoch * settings.batchesPerEpoch
            snapshot.runID = info.runID
            let record = SnapshotRecord(file: RunFolder.snapshotFile(epoch: snapshot.epoch), epoch: snapshot.epoch, step: snapshot.step ?? 0,
                                        epochEnd: true, testAccuracy: snapshot.epoch == 0 ? 0.111 : metrics[snapshot.epoch - 1].testAccuracy)
            try RunFolder.writeAtomically(try snapshot.safeTensorsFile(model: .tinyCNN).encoded(), to: folder.path(of: record.file))
            info.snapshots.append(record)
        }
        try folder.write(info)
        try folder.write(metrics)
    }

    /// Metrics of epochs 1…`epochs`: losses falling, accuracies rising towards 1.
    package static func metrics(epochs: Int) -> [MetricsRecord] {
        guard epochs > 0 else { return [] }
        return (1...epochs).map { e in
            let x = Double(e)
            return MetricsRecord(epoch: e, step: e * 47, trainLoss: 2.2 / (1 + 0.9 * x) + 0.02, trainAccuracy: 1 - 0.89 / (1 + 0.5 * x * x),
                                 testLoss: 2.2 / (1 + 0.7 * x) + 0.08, testAccuracy: 0.97 - 0.86 / (1 + 0.4 * x * x),
                                 trainSeconds: 1, samplesPerSecond: 3000)
        }
    }

    /// A 32×32 input of class k (SPEC §1): a 6×6 square in the class's cell, maybe inverted, noise
    /// σ 0.3; and where the square is.
    private static func image(ofClass k: Int, _ random: inout SeededGenerator) -> (pixels: [Float], top: Int, left: Int) {
        let top = (k / 3) * 10 + Int(random.nextUnitFloat() * 5), left = (k % 3) * 10 + Int(random.nextUnitFloat() * 5)
        let inverted = random.nextUnitFloat() < 0.5
        let pixels = (0..<1024).map { i -> Float in
            let y = i / 32, x = i % 32
            var v: Float = (top..<top + 6).contains(y) && (left..<left + 6).contains(x) ? 1 : 0
            if inverted { v = 1 - v }
            return min(1, max(0, v + Float(random.nextNormalPair().0) * 0.3))
        }
        return (pixels, top, left)
    }

    /// image (32,32) -> (16,32,32): a 3×3 mean, scaled by a signed per-channel gain growing with t, ReLU.
    private static func firstConvolution(_ image: [Float], t: Float) -> [Float] {
        var smooth = [Float](repeating: 0, count: 1024)
        for y in 0..<32 {
            for x in 0..<32 {
                var sum: Float = 0
                for dy in -1...1 { for dx in -1...1 where (0..<32).contains(y + dy) && (0..<32).contains(x + dx) {
                    sum += image[(y + dy) * 32 + x + dx]
                } }
                smooth[y * 32 + x] = sum / 9
            }
        }
        return (0..<16).flatMap { c -> [Float] in
            let gain = (c % 2 == 0 ? 1 : -1) * (0.5 + 0.1 * Float(c)) * (0.4 + 1.6 * t)
            let shift = 0.1 * Float(c % 3) - 0.1
            return smooth.map { max(0, gain * ($0 - 0.5) + shift) }
        }
    }

    /// pool1 (16,16,16) -> (32,16,16): differences of two channels, ReLU, growing with t.
    private static func secondConvolution(_ pool1: [Float], t: Float) -> [Float] {
        (0..<32).flatMap { d -> [Float] in
            let a = d % 16, b = (d * 5 + 3) % 16
            return (0..<256).map { i in max(0, (pool1[a * 256 + i] - 0.5 * pool1[b * 256 + i] + 0.05) * (0.5 + t)) }
        }
    }

    /// (C,S,S) -> (C,S/2,S/2), 2×2 max.
    private static func maxPool(_ maps: [Float], channels: Int, side: Int) -> [Float] {
        let half = side / 2
        return (0..<(channels * half * half)).map { i in
            let c = i / (half * half), y = (i / half) % half, x = i % half
            let base = c * side * side + 2 * y * side + 2 * x
            return max(max(maps[base], maps[base + 1]), max(maps[base + side], maps[base + side + 1]))
        }
    }
}
