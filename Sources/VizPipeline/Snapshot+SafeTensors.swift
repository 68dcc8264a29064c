import SafeTensors

/// A snapshot file is safetensors with the names and shapes of SPEC §4, so Python reads it as is:
/// `input` [P,1,32,32], `label` I64 [P], `conv1` [P,16,32,32], `pool1` [P,16,16,16], `conv2`
/// [P,32,16,16], `pool2` [P,32,8,8], `fc1` [P,64], `logits` [P,9], `fc2.weight` [9,64], `fc2.bias` [9];
/// the epoch goes into the header's metadata.
extension Snapshot {
    static let epochKey = "epoch"
    static let testAccuracyKey = "test_accuracy"

    public func safeTensorsFile() throws(SafeTensorsError) -> SafeTensorsFile {
        let p = probeCount
        let side = Self.imageSide
        var tensors: [String: Tensor] = [:]
        tensors["input"] = try Tensor(shape: [p, 1, side, side], floats: input)
        tensors["label"] = try Tensor(shape: [p], int64s: labels.map { Int64($0) })
        for layer in Layer.allCases {
            tensors[layer.rawValue] = try Tensor(shape: Self.tensorShape(layer, probes: p), floats: allProbes(layer))
        }
        tensors["logits"] = try Tensor(shape: [p, Self.classCount], floats: logits)
        tensors["fc2.weight"] = try Tensor(shape: [Self.classCount, Self.fc1Units], floats: fc2Weight)
        tensors["fc2.bias"] = try Tensor(shape: [Self.classCount], floats: fc2Bias)
        var metadata = [Self.epochKey: String(epoch)]
        if let testAccuracy { metadata[Self.testAccuracyKey] = testAccuracy.description }
        return SafeTensorsFile(tensors: tensors, metadata: metadata)
    }

    /// Reads a snapshot back, checking every name, dtype and shape; the probe count comes from
    /// `label`, and every other tensor must agree with it.
    public init(_ file: SafeTensorsFile) throws(SnapshotError) {
        guard let epochText = file.metadata[Self.epochKey], let epoch = Int(epochText), epoch >= 0 else {
            throw .badMetadata("no valid \"\(Self.epochKey)\" entry in __metadata__")
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
        let p = labelTensor.shape[0]
        let side = Self.imageSide
        let labels = try Self.labels(labelTensor)
        if let bad = labels.first(where: { !(0..<Self.classCount).contains($0) }) {
            throw .badMetadata("label \(bad) is not a class 0…\(Self.classCount - 1)")
        }
        func floats(_ name: String, _ shape: [Int]) throws(SnapshotError) -> [Float] {
            try Self.format { () throws(SafeTensorsError) in try file.tensor(name, dtype: .f32, shape: shape).floats() }
        }
        self.init(
            epoch: epoch,
            labels: labels,
            input: try floats("input", [p, 1, side, side]),
            conv1: try floats("conv1", Self.tensorShape(.conv1, probes: p)),
            pool1: try floats("pool1", Self.tensorShape(.pool1, probes: p)),
            conv2: try floats("conv2", Self.tensorShape(.conv2, probes: p)),
            pool2: try floats("pool2", Self.tensorShape(.pool2, probes: p)),
            fc1: try floats("fc1", Self.tensorShape(.fc1, probes: p)),
            logits: try floats("logits", [p, Self.classCount]),
            fc2Weight: try floats("fc2.weight", [Self.classCount, Self.fc1Units]),
            fc2Bias: try floats("fc2.bias", [Self.classCount]),
            testAccuracy: testAccuracy)
    }

    /// Labels are I64 as PyTorch writes them; F32 holding whole numbers is accepted too (SPEC §4).
    private static func labels(_ tensor: Tensor) throws(SnapshotError) -> [Int] {
        switch tensor.dtype {
        case .i64:
            return try format { () throws(SafeTensorsError) in try tensor.int64s() }.map { Int(clamping: $0) }
        case .f32:
            let values = try format { () throws(SafeTensorsError) in try tensor.floats() }
            if let bad = values.first(where: { !($0.isFinite && $0 == $0.rounded() && abs($0) < 1e9) }) {
                throw .badMetadata("label \(bad) is not a whole number")
            }
            return values.map { Int($0) }
        default:
            throw .badMetadata("label must be I64 or F32, found \(tensor.dtype.rawValue)")
        }
    }

    private static func format<T>(_ body: () throws(SafeTensorsError) -> T) throws(SnapshotError) -> T {
        do { return try body() } catch { throw .format(error) }
    }

    static func tensorShape(_ layer: Layer, probes p: Int) -> [Int] {
        let s = layer.shape
        return layer == .fc1 ? [p, s.channels] : [p, s.channels, s.height, s.width]
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
