import JSON

/// run.json's `model` object (RUN_FORMAT.md), and the limits a description must keep: every size
/// is checked here, before any snapshot is read, so a hostile run.json (a layer of 10⁹ values,
/// 10⁶ classes) is refused before anything is allocated for it.
extension ModelDescription {
    /// The limits of RUN_FORMAT.md.
    public enum Limits {
        public static let inputSide = 1...1024
        public static let inputChannels: Set<Int> = [1, 3]
        public static let classes = 2...1000
        public static let layers = 1...256
        public static let valuesPerLayer = 1...16_777_216
        public static let headFeatures = 1...65536
        public static let nameLength = 1...128
        public static let classNameLength = 1...64
        public static let kindLength = 0...64
        /// Tensor names a layer may not take: the snapshot's own.
        public static let reservedNames: Set<String> = ["input", "label", "logits"]
    }

    var json: JSONValue {
        var input: [JSONObject.Member] = [.init(key: "shape", value: .array(inputShape.map(JSONValue.integer)))]
        if let inputRange {
            input.append(.init(key: "range", value: .array([.double(Double(inputRange.lowerBound)), .double(Double(inputRange.upperBound))])))
        }
        return .object([
            "input": .object(JSONObject(input)),
            "classes": .array(classNames.map(JSONValue.string)),
            "layers": .array(layers.map { layer in
                .object(["name": .string(layer.name), "kind": .string(layer.kind), "shape": .array(layer.shape.map(JSONValue.integer))])
            }),
            "head": .object(["name": .string(head.name), "input": .string(head.input),
                             "shape": .array([.integer(head.classes), .integer(head.features)])]),
        ])
    }

    /// Reads and validates `model`; every fault names its key.
    init(json: JSONField) throws(JSONFieldError) {
        let input = try json.member("input")
        let inputShape = try Self.shape(input.member("shape"), ranks: [3])
        guard Limits.inputChannels.contains(inputShape[0]), inputShape.dropFirst().allSatisfy(Limits.inputSide.contains) else {
            throw .invalid(path: "\(input.path).shape", reason: "must be [C, H, W] with C 1 or 3 and H, W 1…1024, not \(inputShape)")
        }
        var inputRange: ClosedRange<Float>?
        if let range = try input.optionalMember("range") {
            let bounds = try range.elements().map { (field: JSONField) throws(JSONFieldError) in try field.double() }
            guard bounds.count == 2, bounds.allSatisfy(\.isFinite), bounds[0] < bounds[1] else {
                throw .invalid(path: range.path, reason: "must be [lo, hi] with lo < hi, finite")
            }
            inputRange = Float(bounds[0])...Float(bounds[1])
        }

        let classesField = try json.member("classes")
        let classNames = try classesField.elements().map { (field: JSONField) throws(JSONFieldError) in try field.string() }
        guard Limits.classes.contains(classNames.count) else {
            throw .invalid(path: classesField.path, reason: "\(classNames.count) classes; a run has 2…1000")
        }
        if let long = classNames.firstIndex(where: { !Limits.classNameLength.contains($0.count) }) {
            throw .invalid(path: "\(classesField.path)[\(long)]", reason: "a class name has 1–64 characters")
        }

        let layersField = try json.member("layers")
        let layerFields = try layersField.elements()
        guard Limits.layers.contains(layerFields.count) else {
            throw .invalid(path: layersField.path, reason: "\(layerFields.count) layers; a run records 1…256")
        }
        var layers: [Layer] = []
        var names: Set<String> = []
        for field in layerFields {
            let name = try field.member("name").string()
            guard Limits.nameLength.contains(name.count), !Limits.reservedNames.contains(name), names.insert(name).inserted else {
                throw .invalid(path: "\(field.path).name", reason: "'\(name)' is not a new name of 1–128 characters other than input, label, logits")
            }
            let kind = try field.optionalMember("kind")?.string() ?? ""
            guard Limits.kindLength.contains(kind.count) else { throw .invalid(path: "\(field.path).kind", reason: "at most 64 characters") }
            layers.append(Layer(name: name, kind: kind, shape: try Self.shape(field.member("shape"), ranks: [1, 3])))
        }

        let headField = try json.member("head")
        let headName = try headField.member("name").string()
        let headInput = try headField.member("input").string()
        let headShape = try Self.shape(headField.member("shape"), ranks: [2])
        guard Limits.nameLength.contains(headName.count), !names.contains(headName + ".weight"), !names.contains(headName + ".bias") else {
            throw .invalid(path: "\(headField.path).name", reason: "'\(headName)' must have 1–128 characters, its tensors no layer's name")
        }
        guard let inputLayer = layers.first(where: { $0.name == headInput }), inputLayer.shape.count == 1 else {
            throw .invalid(path: "\(headField.path).input", reason: "'\(headInput)' is not a recorded vector layer")
        }
        guard headShape[0] == classNames.count, headShape[1] == inputLayer.shape[0], Limits.headFeatures.contains(headShape[1]) else {
            throw .invalid(path: "\(headField.path).shape", reason: "\(headShape) must be [K, D] with K = \(classNames.count) classes "
                           + "and D = \(inputLayer.shape[0]), the size of '\(headInput)' (at most 65536)")
        }
        self.init(inputShape: inputShape, inputRange: inputRange, classNames: classNames, layers: layers,
                  head: Head(name: headName, input: headInput, classes: headShape[0], features: headShape[1]))
    }

    /// A shape of one of `ranks`, every dimension ≥ 1, at most ``Limits/valuesPerLayer`` values.
    private static func shape(_ field: JSONField, ranks: Set<Int>) throws(JSONFieldError) -> [Int] {
        let dimensions = try field.elements().map { (element: JSONField) throws(JSONFieldError) in try element.int() }
        var count = 1
        for dimension in dimensions {
            guard dimension >= 1 else { throw .invalid(path: field.path, reason: "dimensions must be ≥ 1, not \(dimensions)") }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= Limits.valuesPerLayer.upperBound else {
                throw .invalid(path: field.path, reason: "\(dimensions) holds more than 16777216 values")
            }
            count = product
        }
        guard ranks.contains(dimensions.count) else {
            throw .invalid(path: field.path, reason: "\(dimensions) must have \(ranks.sorted().map(String.init).joined(separator: " or ")) dimensions")
        }
        return dimensions
    }
}
