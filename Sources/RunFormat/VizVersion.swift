/// The version of viz, written into run.json and printed by `viz --version`.
public enum VizVersion {
    public static let current = "0.2.0"
    /// The layout of the run folder; bumped when a file's meaning changes.
    public static let runFormat = 2
}
