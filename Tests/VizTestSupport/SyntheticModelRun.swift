import RunFormat
import TinyCNN

/// Runs of any model described by a `ModelDescription`, made up (no training): what a recorder
/// of someone else's network writes, for tests of every shape the format allows (grey or RGB
/// inputs, 2 or 100 classes, wide heads, many channels). Values are random but consistent where it
/// matters: the logits are what the head computes from the recorded vector, so the identity holds,
/// and the classes' own units grow over the snapshots, so the figures have something to show.
package enum SyntheticModelRun {
    /// A description of a small CNN: `channels` maps of side `side` after a convolution and half
    /// that after pooling, a `features`-unit vector and a head over `classes` classes.
    package static func model(inputChannels: Int = 1, side: Int = 8, channels: Int = 4, features: Int = 16, classes: Int,
                              classNames: [String]? = nil) -> ModelDescription {
        ModelDescription(
            inputShape: [inputChannels, side, side], inputRange: nil,
            classNames: classNames ?? (0..<classes).map(String.init),
            layers: [.init(name: "features.0", kind: "Conv2d", shape: [channels, side, side]),
                     .init(name: "features.2", kind: "MaxPool2d", shape: [channels, side / 2, side / 2]),
                     .init(name: "fc1", kind: "Linear", shape: [features])],
            head: .init(name: "fc2", input: "fc1", classes: classes, features: features))
    }

    /// `count` snapshots (epochs 0…count−1), `probesPerClass` probes of each class, class by class.
    /// With `extras`, the optional tensors a recorder may add (RUN_FORMAT.md): a test set of three
    /// images per class, the head's weight and a made-up convolution weight, and the probes' input
    /// gradients and Grad-CAM maps at half the input's side; never squares (no producer but viz
    /// knows where the object is).
    package static func snapshots(_ model: ModelDescription, probesPerClass: Int, count: Int, runID: String = "rec-test",
                                  seed: UInt64 = 11, extras: Bool = true) -> [Snapshot] {
        var random = SeededGenerator(seed: seed)
        let k = model.classCount, d = model.head.features
        let labels = (0..<(k * probesPerClass)).map { $0 / probesPerClass }
        let p = labels.count
        let input = (0..<(p * model.inputCount)).map { _ in random.nextUnitFloat() }
        let bias = (0..<k).map { _ in (random.nextUnitFloat() - 0.5) * 0.1 }
        let noise = (0..<(k * d)).map { _ in (random.nextUnitFloat() - 0.5) * 0.4 }
        return (0..<count).map { epoch in
            let t = Float(epoch) / Float(max(1, count - 1))
            var layers: [String: [Float]] = [:]
            for layer in model.layers where layer.name != model.head.input {
                layers[layer.name] = (0..<(p * layer.count)).map { _ in max(0, random.nextUnitFloat() * (0.5 + t) - 0.2) }
            }
            let vector = labels.flatMap { label in
                (0..<d).map { i in max(0, random.nextUnitFloat() * 0.5 + (i % k == label ? 2 * t : 0) - 0.1) }
            }
            layers[model.head.input] = vector
            let weight = (0..<(k * d)).map { index in noise[index] + (index % d % k == index / d ? 1.5 * t : 0) }
            let logits = (0..<p).flatMap { probe in
                (0..<k).map { row in (0..<d).reduce(bias[row]) { $0 + vector[probe * d + $1] * weight[row * d + $1] } }
            }
            var snapshot = Snapshot(epoch: epoch, step: epoch * 10, runID: runID, labels: labels, input: input, layers: layers,
                                    logits: logits, headWeight: weight, headBias: bias,
                                    testAccuracy: 1 / Double(k) + (1 - 1 / Double(k)) * Double(t))
            if extras { snapshot.extras = Self.extras(model, probes: p, t: t, weight: weight, bias: bias, random: &random) }
            return snapshot
        }
    }

    private static func extras(_ model: ModelDescription, probes p: Int, t: Float, weight: [Float], bias: [Float],
                               random: inout SeededGenerator) -> Snapshot.Extras {
        let k = model.classCount, d = model.head.features
        var extras = Snapshot.Extras()
        let labels = (0..<(3 * k)).map { $0 % k }
        let features = labels.flatMap { label in (0..<d).map { i in max(0, random.nextUnitFloat() * 0.5 + (i % k == label ? 2 * t : 0)) } }
        extras.testLabels = labels
        extras.testFeatures = features
        extras.testLogits = labels.indices.flatMap { n in
            (0..<k).map { row in (0..<d).reduce(bias[row]) { $0 + features[n * d + $1] * weight[row * d + $1] } }
        }
        let channels = model.mapLayers.first?.shape[0] ?? 1
        let convolution = [channels, model.inputShape[0], 3, 3]
        extras.parameters["features.0.weight"] = .init(shape: convolution,
                                                       values: (0..<convolution.reduce(1, *)).map { _ in (random.nextUnitFloat() - 0.5) * (1 + t) })
        extras.parameters["\(model.head.name).weight"] = .init(shape: [k, d], values: weight)
        extras.gradInput = (0..<(p * model.inputCount)).map { _ in (random.nextUnitFloat() - 0.5) * 0.1 }
        let side = max(1, model.inputShape[1] / 2)
        extras.gradCAM = (0..<(p * side * side)).map { _ in max(0, random.nextUnitFloat() - 0.3) }
        extras.gradCAMShape = [side, side]
        extras.gradCAMLayer = model.mapLayers.last?.name
        return extras
    }

    /// The run saved as a recorder saves one (format 2, producer `viz_record`, run.json with its
    /// index, metrics.jsonl with the epochs' test accuracy and train loss).
    package static func save(_ model: ModelDescription, probesPerClass: Int, count: Int, to folder: RunFolder) throws {
        try folder.createDirectories()
        let runID = "rec-test"
        var info = RunInfo(formatVersion: 2, runID: runID, producer: .init(name: "viz_record", version: "0.1.0", torch: "2.15.0"),
                           seed: nil, settings: nil, model: model, snapshots: [], finalMetrics: nil)
        var metrics: [MetricsRecord] = []
        for snapshot in snapshots(model, probesPerClass: probesPerClass, count: count, runID: runID) {
            let record = SnapshotRecord(file: RunFolder.snapshotFile(epoch: snapshot.epoch), epoch: snapshot.epoch, step: snapshot.step ?? 0,
                                        epochEnd: true, testAccuracy: snapshot.testAccuracy)
            try RunFolder.writeAtomically(try snapshot.safeTensorsFile(model: model).encoded(), to: folder.path(of: record.file))
            info.snapshots.append(record)
            if snapshot.epoch > 0 {
                metrics.append(MetricsRecord(epoch: snapshot.epoch, step: snapshot.step, trainLoss: 2 / Double(snapshot.epoch + 1),
                                             testAccuracy: snapshot.testAccuracy))
            }
        }
        info.finalMetrics = metrics.last
        try folder.write(info)
        try folder.write(metrics)
    }
}
