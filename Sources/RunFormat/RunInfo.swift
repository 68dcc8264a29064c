import JSON
import TinyCNN

/// The content of run.json (RUN_FORMAT.md): which run it is, who wrote it, the model it describes,
/// the snapshots written so far and how the run ended.
///
/// Written when a run starts (no snapshot, `final` null), again after every snapshot (its index
/// grows) and at the end. viz reads format 2 and format 1 (viz 0.1's runs, which it reads as
/// TinyCNN runs with one snapshot per epoch).
public struct RunInfo: Equatable, Sendable {
    public var formatVersion: Int
    /// Nil for format 1, which has none.
    public var runID: String?
    public var producer: Producer
    public var seed: UInt64?
    /// viz's training settings (every row of ``TrainingSettings/table``); nil for other producers.
    public var settings: TrainingSettings?
    public var model: ModelDescription
    /// In training order.
    public var snapshots: [SnapshotRecord]
    /// The last line of metrics.jsonl once the run finished; nil while training or interrupted.
    public var finalMetrics: MetricsRecord?

    /// Who wrote a run: `viz` with its version, or `viz_record` with PyTorch's too.
    public struct Producer: Equatable, Sendable {
        public var name: String
        public var version: String
        public var torch: String?

        public init(name: String, version: String, torch: String? = nil) {
            self.name = name
            self.version = version
            self.torch = torch
        }

        public static let viz = Producer(name: "viz", version: VizVersion.current)
        public var isViz: Bool { name == "viz" }
    }

    /// A run of viz's own: TinyCNN, its settings and seed, the id they derive.
    public init(settings: TrainingSettings, snapshots: [SnapshotRecord] = [], finalMetrics: MetricsRecord? = nil) {
        self.init(formatVersion: VizVersion.runFormat, runID: RunID.derived(from: settings), producer: .viz, seed: settings.seed,
                  settings: settings, model: .tinyCNN, snapshots: snapshots, finalMetrics: finalMetrics)
    }

    public init(formatVersion: Int, runID: String?, producer: Producer, seed: UInt64?, settings: TrainingSettings?,
                model: ModelDescription, snapshots: [SnapshotRecord], finalMetrics: MetricsRecord?) {
        self.formatVersion = formatVersion
        self.runID = runID
        self.producer = producer
        self.seed = seed
        self.settings = settings
        self.model = model
        self.snapshots = snapshots
        self.finalMetrics = finalMetrics
    }

    /// The JSON document of format 2, keys in a fixed order.
    var json: JSONValue {
        var producer: [JSONObject.Member] = [.init(key: "name", value: .string(self.producer.name)),
                                             .init(key: "version", value: .string(self.producer.version))]
        if let torch = self.producer.torch { producer.append(.init(key: "torch", value: .string(torch))) }
        var members: [JSONObject.Member] = [
            .init(key: "format_version", value: .integer(formatVersion)),
            .init(key: "run_id", value: .string(runID ?? "")),
            .init(key: "producer", value: .object(JSONObject(producer))),
        ]
        if let seed { members.append(.init(key: "seed", value: .unsigned(seed))) }
        if let settings {
            members.append(.init(key: "settings", value: .object(JSONObject(TrainingSettings.table.map {
                JSONObject.Member(key: $0.key, value: JSONValue($0.scalar(of: settings)))
            }))))
        }
        members += [
            .init(key: "model", value: model.json),
            .init(key: "snapshots", value: .array(snapshots.map(\.json))),
            .init(key: "final", value: finalMetrics?.json ?? .null),
        ]
        return .object(JSONObject(members))
    }

    /// Reads run.json of format 2 or 1; every fault names its key.
    init(json root: JSONField) throws(JSONFieldError) {
        formatVersion = try root.member("format_version").int()
        switch formatVersion {
        case 1:
            runID = nil
            producer = Producer(name: "viz", version: try root.member("viz_version").string())
            let settings = try Self.settings(root.member("settings"), seed: root.member("seed"))
            self.settings = settings
            seed = settings.seed
            model = .tinyCNN
            snapshots = []  // format 1 has no index: RunFolder derives it from metrics.jsonl
        case 2:
            runID = try Self.runID(try root.member("run_id"))
            let producerField = try root.member("producer")
            producer = Producer(name: try producerField.member("name").string(), version: try producerField.member("version").string(),
                                torch: try producerField.optionalMember("torch")?.string())
            seed = try root.optionalMember("seed").flatMap { $0.isNull ? nil : $0 }?.uint64()
            if producer.isViz, let settingsField = try root.optionalMember("settings") {
                let settings = try Self.settings(settingsField, seed: nil)
                guard seed == settings.seed else {
                    throw .invalid(path: "seed", reason: "\(seed.map(String.init) ?? "null") beside settings.seed \(settings.seed)")
                }
                self.settings = settings
            } else {
                settings = nil
            }
            model = try ModelDescription(json: root.member("model"))
            snapshots = try root.member("snapshots").elements().map { (field: JSONField) throws(JSONFieldError) in
                try SnapshotRecord(json: field)
            }
        default:
            throw .invalid(path: "format_version", reason: "\(formatVersion); this viz reads 1 and 2")
        }
        let final = try root.member("final")
        finalMetrics = final.isNull ? nil
            : try MetricsRecord(json: final, required: formatVersion == 1 ? MetricsRecord.formatOneKeys : [])
    }

    /// viz's settings, each checked against its rule; the seed inside `settings` (format 2) or
    /// beside it (format 1).
    private static func settings(_ object: JSONField, seed: JSONField?) throws(JSONFieldError) -> TrainingSettings {
        var settings = TrainingSettings()
        for setting in TrainingSettings.table {
            let field = setting.key == TrainingSettings.seed.key && seed != nil ? seed! : try object.member(setting.key)
            let scalar = try field.settingScalar()
            do {
                try setting.set(scalar, in: &settings)
            } catch {
                throw .invalid(path: field.path, reason: error.rule)
            }
        }
        do {
            try settings.validate()
        } catch {
            throw .invalid(path: object.path, reason: error.description)
        }
        return settings
    }

    private static func runID(_ field: JSONField) throws(JSONFieldError) -> String {
        let id = try field.string()
        guard RunID.isValid(id) else { throw .invalid(path: field.path, reason: "'\(id)' is not 1–64 characters of A–Z a–z 0–9 _ -") }
        return id
    }
}

/// One entry of run.json's snapshot index.
public struct SnapshotRecord: Equatable, Sendable {
    /// Relative to `run/`: `snapshots/epoch_003.safetensors`.
    public var file: String
    /// Epochs completed when it was taken.
    public var epoch: Int
    /// Optimiser steps taken when it was taken (0 before training).
    public var step: Int
    /// True for the snapshot that closes epoch `epoch` (and the one before training).
    public var epochEnd: Bool
    public var testAccuracy: Double?

    public init(file: String, epoch: Int, step: Int, epochEnd: Bool, testAccuracy: Double?) {
        self.file = file
        self.epoch = epoch
        self.step = step
        self.epochEnd = epochEnd
        self.testAccuracy = testAccuracy
    }

    var json: JSONValue {
        var members: [JSONObject.Member] = [
            .init(key: "file", value: .string(file)), .init(key: "epoch", value: .integer(epoch)),
            .init(key: "step", value: .integer(step)), .init(key: "epoch_end", value: .bool(epochEnd)),
        ]
        if let testAccuracy { members.append(.init(key: "test_accuracy", value: .double(testAccuracy))) }
        return .object(JSONObject(members))
    }

    init(json: JSONField) throws(JSONFieldError) {
        let fileField = try json.member("file")
        file = try fileField.string()
        // A file name from a run must never reach outside its snapshots folder.
        let name = file.hasPrefix("snapshots/") ? String(file.dropFirst("snapshots/".count)) : ""
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."), name.hasSuffix(".safetensors") else {
            throw .invalid(path: fileField.path, reason: "'\(file)' is not snapshots/<name>.safetensors")
        }
        epoch = try json.member("epoch").int()
        step = try json.member("step").int()
        epochEnd = try json.member("epoch_end").bool()
        let accuracy = try json.optionalMember("test_accuracy")
        testAccuracy = try accuracy.flatMap { $0.isNull ? nil : $0 }?.double()
        guard epoch >= 0, step >= 0 else { throw .invalid(path: json.path, reason: "epoch and step must be ≥ 0") }
        if let testAccuracy, !(0...1).contains(testAccuracy) {
            throw .invalid(path: "\(json.path).test_accuracy", reason: "\(testAccuracy) is not a fraction 0…1")
        }
    }
}

extension JSONValue {
    /// A setting's value as JSON: integers and reals as numbers, choices as strings.
    init(_ scalar: SettingScalar) {
        switch scalar {
        case let .integer(value): self = .integer(value)
        case let .unsigned(value): self = .unsigned(value)
        case let .number(value): self = .double(value)
        case let .text(value): self = .string(value)
        }
    }
}

extension JSONField {
    /// The value as a setting reads it: a string as text, a whole number as an integer (unsigned
    /// when it does not fit `Int`), any other number as a real.
    func settingScalar() throws(JSONFieldError) -> SettingScalar {
        if case let .string(text) = value { return .text(text) }
        guard let number else { throw .wrongType(path: path, expected: "a number or a string") }
        if let int = number.int { return .integer(int) }
        if let unsigned = number.uint64 { return .unsigned(unsigned) }
        return .number(try double())
    }
}
