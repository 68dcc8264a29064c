/// A glyph's outline in font units (y up from the baseline, x right from the pen): closed contours
/// of lines and quadratic Bézier curves, as TrueType stores them, in flat arrays.
struct GlyphOutline: Sendable {
    enum Verb: UInt8, Sendable {
        /// Starts a contour at the next point (2 coordinates).
        case move
        /// Line to the next point (2 coordinates).
        case line
        /// Quadratic curve through a control point to an end point (4 coordinates).
        case quadratic
        /// Closes the contour back to its start (no coordinates).
        case close
    }

    /// An empty outline (a space) until parsed into.
    init() {}

    var verbs: [Verb] = []
    /// x, y pairs in the order the verbs consume them.
    var coordinates: [Float] = []

    /// The asset's path text split into fields, e.g. `M 16 0 L 577 1493 Q 600 1500 620 1493 Z`;
    /// nil when a command lacks numbers or is unknown. An empty path (the space) is a valid outline.
    init?<Fields: Collection>(pathFields: Fields) where Fields.Element == Substring {
        var fields = pathFields.makeIterator()
        while let command = fields.next() {
            let verb: Verb, count: Int
            switch command {
            case "M": (verb, count) = (.move, 2)
            case "L": (verb, count) = (.line, 2)
            case "Q": (verb, count) = (.quadratic, 4)
            case "Z": (verb, count) = (.close, 0)
            default: return nil
            }
            for _ in 0..<count {
                guard let field = fields.next(), let value = Float(field) else { return nil }
                coordinates.append(value)
            }
            verbs.append(verb)
        }
    }
}
