import SafeTensors

/// A snapshot file is safetensors with the names and shapes of RUN_FORMAT.md, so Python reads it as
/// is: `input` [P,C,H,W], `label` I64 [P], every recorded layer under its name [P, shape],
/// `logits` [P,K], `<head>.weight` [K,D], `<head>.bias` [K]; the epoch (and the test accuracy when
/// measured) go into the header's metadata.
extension Snapshot {
    static let epochKey = "epoch"
    static let stepKey = "step"
    static let runIDKey = "run_id"
    static let testAccuracyKey = "test_accuracy"
    static let gradCAMLayerKey = "gradcam_layer"
    static let parameterPrefix = "param."
    /// N of the test set's tensors (RUN_FORMAT.md): enough for any figure, small enough that a
    /// run's digests stay a few MB.
    static let maxTestImages = 100_000

    /// The file of this snapshot of a run of `model`.
    public func safeTensorsFile(model: ModelDescription) throws(SafeTensorsError) -> SafeTensorsFile {
        let p = probeCount, k = model.classCount
        var tensors: [String: Tensor] = [:]
        tensors["input"] = try Tensor(shape: [p] + model.inputShape, floats: input)
        tensors["label"] = try Tensor(shape: [p], int64s: labels.map { Int64($0) })
        for layer in model.layers {
            tensors[layer.name] = try Tensor(shape: [p] + layer.shape, floats: layers[layer.name] ?? [])
        }
        tensors["logits"] = try Tensor(shape: [p, k], floats: logits)
        tensors[model.head.weightName] = try Tensor(shape: [k, model.head.features], floats: headWeight)
        tensors[model.head.biasName] = try Tensor(shape: [k], floats: headBias)
        let e = extras, n = e.testLabels?.count ?? 0
        if let labels = e.testLabels { tensors["test.label"] = try Tensor(shape: [n], int64s: labels.map { Int64($0) }) }
        if let logits = e.testLogits { tensors["test.logits"] = try Tensor(shape: [n, k], floats: logits) }
        if let features = e.testFeatures { tensors["test.features"] = try Tensor(shape: [n, model.head.features], floats: features) }
        for (name, tensor) in e.parameters { tensors[Self.parameterPrefix + name] = try Tensor(shape: tensor.shape, floats: tensor.values) }
        if let gradInput = e.gradInput { tensors["grad_input"] = try Tensor(shape: [p] + model.inputShape, floats: gradInput) }
        if let gradCAM = e.gradCAM, let shape = e.gradCAMShape { tensors["gradcam"] = try Tensor(shape: [p] + shape, floats: gradCAM) }
        if let squares = e.squares { tensors["square"] = try Tensor(shape: [p, 4], int64s: squares.map { Int64($0) }) }
        var metadata = [Self.epochKey: String(epoch)]
        if let layer = e.gradCAMLayer { metadata[Self.gradCAMLayerKey] = layer }
        if let step { metadata[Self.stepKey] = String(step) }
        if let runID { metadata[Self.runIDKey] = runID }
        if let testAccuracy { metadata[Self.testAccuracyKey] = testAccuracy.description }
        return SafeTensorsFile(tensors: tensors, metadata: metadata)
    }

    /// Reads a snapshot of a run of `model` back, checking every name, dtype and shape; the probe
    /// count comes from `label`, and every other tensor must agree with it.
    public init(_ file: SafeTensorsFile, model: ModelDescription) throws(SnapshotError) {
        guard let epochText = file.metadata[Self.epochKey], let epoch = Int(epochText), epoch >= 0 else {
            throw .badMetadata("no valid \"\(Self.epochKey)\" entry in __metadata__")
        }
        var step: Int?
        if let text = file.metadata[Self.stepKey] {
            guard let value = Int(text), value >= 0 else { throw .badMetadata("\"\(Self.stepKey)\" = \"\(text)\" is not a step count") }
            step = value
        }
        var testAccuracy: Double?
        if let text = file.metadata[Self.testAccuracyKey] {
            guard let value = Double(text), (0...1).contains(value) else {
                throw .badMetadata("\"\(Self.testAccuracyKey)\" = \"\(text)\" is not a fraction 0…1")
            }
            testAccuracy = value
        }
        guard let labelTensor = file.tensors["label"] else { throw .format(.tensorNotFound("label")) }
        guard labelTensor.shape.count == 1, labelTensor.shape[0] > 0 else {
            throw .badMetadata("label must have shape [P] with P > 0, found \(labelTensor.shape)")
        }
        let p = labelTensor.shape[0], k = model.classCount
        let labels = try Self.wholeNumbers(labelTensor, name: "label")
        if let bad = labels.first(where: { !(0..<k).contains($0) }) {
            throw .badMetadata("label \(bad) is not a class 0…\(k - 1)")
        }
        func floats(_ name: String, _ shape: [Int]) throws(SnapshotError) -> [Float] {
            try Self.format { () throws(SafeTensorsError) in try file.tensor(name, dtype: .f32, shape: shape).floats() }
        }
        var layers: [String: [Float]] = [:]
        for layer in model.layers { layers[layer.name] = try floats(layer.name, [p] + layer.shape) }
        var extras = Extras()
        if let tensor = file.tensors["test.label"] {
            guard tensor.shape.count == 1, (1...Self.maxTestImages).contains(tensor.shape[0]) else {
                throw .badMetadata("test.label must have shape [N] with N 1…\(Self.maxTestImages), found \(tensor.shape)")
            }
            let n = tensor.shape[0]
            let labels = try Self.wholeNumbers(tensor, name: "test.label")
            if let bad = labels.first(where: { !(0..<k).contains($0) }) { throw .badMetadata("test.label \(bad) is not a class 0…\(k - 1)") }
            extras.testLabels = labels
            extras.testLogits = try floats("test.logits", [n, k])
            extras.testFeatures = try file.tensors["test.features"].map { _ throws(SnapshotError) in
                try floats("test.features", [n, model.head.features])
            }
        }
        for (name, tensor) in file.tensors where name.hasPrefix(Self.parameterPrefix) {
            let values = try Self.format { () throws(SafeTensorsError) in try tensor.floats() }
            extras.parameters[String(name.dropFirst(Self.parameterPrefix.count))] = NamedTensor(shape: tensor.shape, values: values)
        }
        if file.tensors["grad_input"] != nil { extras.gradInput = try floats("grad_input", [p] + model.inputShape) }
        if let tensor = file.tensors["gradcam"] {
            guard tensor.shape.count == 3, tensor.shape[0] == p, tensor.shape[1] > 0, tensor.shape[2] > 0 else {
                throw .badMetadata("gradcam must have shape [P, h, w] with P = \(p), found \(tensor.shape)")
            }
            extras.gradCAM = try floats("gradcam", tensor.shape)
            extras.gradCAMShape = Array(tensor.shape.dropFirst())
            extras.gradCAMLayer = file.metadata[Self.gradCAMLayerKey]
        }
        if let tensor = file.tensors["square"] {
            guard tensor.shape == [p, 4] else { throw .badMetadata("square must have shape [\(p), 4], found \(tensor.shape)") }
            extras.squares = try Self.wholeNumbers(tensor, name: "square")
        }
        self.init(
            epoch: epoch, step: step, runID: file.metadata[Self.runIDKey],
            labels: labels,
            input: try floats("input", [p] + model.inputShape),
            layers: layers,
            logits: try floats("logits", [p, k]),
            headWeight: try floats(model.head.weightName, [k, model.head.features]),
            headBias: try floats(model.head.biasName, [k]),
            testAccuracy: testAccuracy)
        self.extras = extras
    }

    /// Labels and squares are I64 as PyTorch writes them; F32 holding whole numbers is accepted too (SPEC §4).
    private static func wholeNumbers(_ tensor: Tensor, name: String) throws(SnapshotError) -> [Int] {
        switch tensor.dtype {
        case .i64:
            return try format { () throws(SafeTensorsError) in try tensor.int64s() }.map { Int(clamping: $0) }
        case .f32:
            let values = try format { () throws(SafeTensorsError) in try tensor.floats() }
            if let bad = values.first(where: { !($0.isFinite && $0 == $0.rounded() && abs($0) < 1e9) }) {
                throw .badMetadata("\(name) \(bad) is not a whole number")
            }
            return values.map { Int($0) }
        default:
            throw .badMetadata("\(name) must be I64 or F32, found \(tensor.dtype.rawValue)")
        }
    }

    private static func format<T>(_ body: () throws(SafeTensorsError) -> T) throws(SnapshotError) -> T {
        do { return try body() } catch { throw .format(error) }
    }
}

/// Why a snapshot file could not be read.
public enum SnapshotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The safetensors layer rejected it (truncated, bad header, missing tensor, wrong dtype or shape…).
    case format(SafeTensorsError)
    /// A well-formed file whose content is not a viz snapshot.
    case badMetadata(String)

    public var description: String {
        switch self {
        case let .format(error): return error.description
        case let .badMetadata(reason): return reason
        }
    }
}
