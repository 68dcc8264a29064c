/// What ``IntegerRule``, ``NumberRule`` and ``ChoiceRule`` share: parsing the text the user typed,
/// refusing it with an ``OptionError`` that names what is allowed. The CLI turns any rule into an
/// argument-parser transform through this one requirement.
public protocol OptionRule: Sendable {
    associatedtype Value
    func parse(_ text: String) throws(OptionError) -> Value
}
