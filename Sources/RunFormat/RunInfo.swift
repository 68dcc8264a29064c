import JSON
import TinyCNN

/// The content of run.json: what was run, with which versions, and how it ended.
///
///     {
///       "format_version": 1,
///       "viz_version": "0.1.0",
///       "seed": 42,
///       "settings": { "epochs": 10, "batch_size": 64, "learning_rate": 0.001, "optimizer": "adam",
///                     "noise": 0.3, "train_samples": 3000, "test_samples": 900, "probes_per_class": 5 },
///       "final": { …the last line of metrics.jsonl… } or null while training
///     }
///
/// The settings are those of ``TrainingSettings/table`` (the seed at the top level), written and
/// read by walking the table. run.json is written when training starts (`final` null) and again
/// when it ends.
public struct RunInfo: Equatable, Sendable {
    public var settings: TrainingSettings
    public var vizVersion: String
    public var formatVersion: Int
    /// The last epoch's metrics once training finished; nil for a run in progress or interrupted.
    public var finalMetrics: EpochMetrics?

    public init(
        settings: TrainingSettings, finalMetrics: EpochMetrics? = nil,
        vizVersion: String = VizVersion.current, formatVersion: Int = VizVersion.runFormat
    ) {
        self.settings = settings
        self.finalMetrics = finalMetrics
        self.vizVersion = vizVersion
        self.formatVersion = formatVersion
    }

    /// The seed is written at the top level, beside the settings object, as format 1 has it.
    private static let seedKey = TrainingSettings.seed.key

    /// The JSON object, keys in a fixed order.
    var json: JSONValue {
        let settingsObject = JSONObject(TrainingSettings.table.filter { $0.key != Self.seedKey }.map {
            JSONObject.Member(key: $0.key, value: JSONValue($0.scalar(of: settings)))
        })
        return .object([
            "format_version": .integer(formatVersion),
            "viz_version": .string(vizVersion),
            Self.seedKey: JSONValue(TrainingSettings.seed.scalar(of: settings)),
            "settings": .object(settingsObject),
            "final": finalMetrics?.json ?? .null,
        ])
    }

    /// Reads run.json's document; every setting is checked against its rule.
    init(json root: JSONField) throws(JSONFieldError) {
        formatVersion = try root.member("format_version").int()
        vizVersion = try root.member("viz_version").string()
        let settingsObject = try root.member("settings")
        var settings = TrainingSettings()
        for setting in TrainingSettings.table {
            let field = setting.key == Self.seedKey ? try root.member(setting.key) : try settingsObject.member(setting.key)
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
            throw .invalid(path: "settings", reason: error.description)
        }
        self.settings = settings
        let final = try root.member("final")
        finalMetrics = final.isNull ? nil : try EpochMetrics(json: final)
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
