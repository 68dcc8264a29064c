/// One line of a fact group: `epochs` — `10`.
public struct GalleryFact: Equatable, Sendable {
    public var label: String
    public var value: String

    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// Facts under one `h3` heading, shown as a definition list: "Settings", "Final metrics".
public struct GalleryFactGroup: Equatable, Sendable {
    public var title: String
    public var facts: [GalleryFact]

    public init(title: String, facts: [GalleryFact]) {
        self.title = title
        self.facts = facts
    }
}
