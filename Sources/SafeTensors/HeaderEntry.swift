/// One tensor's header entry, checked on its own: known keys, dtype, shape, offsets, and a byte
/// range that matches the shape and lies inside the data section.
struct HeaderEntry {
    let name: String
    let dtype: DType
    let shape: [Int]
    let begin: Int
    let end: Int

    init(name: String, json: JSONValue, dataLength: Int) throws(SafeTensorsError) {
        guard case .object(let members) = json else { throw .entryNotAnObject(tensor: name) }
        var dtypeJSON: JSONValue?
        var shapeJSON: JSONValue?
        var offsetsJSON: JSONValue?
        for member in members {
            switch member.key {
            case "dtype": dtypeJSON = member.value
            case "shape": shapeJSON = member.value
            case "data_offsets": offsetsJSON = member.value
            default: throw .unknownEntryKey(tensor: name, key: member.key)
            }
        }
        guard let dtypeJSON else { throw .missingEntryKey(tensor: name, key: "dtype") }
        guard let shapeJSON else { throw .missingEntryKey(tensor: name, key: "shape") }
        guard let offsetsJSON else { throw .missingEntryKey(tensor: name, key: "data_offsets") }

        guard case .string(let dtypeName) = dtypeJSON else { throw .dtypeNotAString(tensor: name) }
        guard let dtype = DType(rawValue: dtypeName) else { throw .unknownDType(tensor: name, dtype: dtypeName) }

        guard case .array(let dimensionsJSON) = shapeJSON else { throw .shapeNotAnArray(tensor: name) }
        var shape: [Int] = []
        shape.reserveCapacity(dimensionsJSON.count)
        for (index, dimensionJSON) in dimensionsJSON.enumerated() {
            guard let dimension = dimensionJSON.nonNegativeInt else { throw .invalidDimension(tensor: name, index: index) }
            shape.append(dimension)
        }

        guard case .array(let offsets) = offsetsJSON, offsets.count == 2,
              let begin = offsets[0].nonNegativeInt, let end = offsets[1].nonNegativeInt, begin <= end
        else { throw .invalidOffsets(tensor: name) }

        guard let expectedBytes = Tensor.checkedByteCount(shape: shape, dtype: dtype) else {
            throw .sizeOverflow(tensor: name, shape: shape, dtype: dtype)
        }
        guard expectedBytes == end - begin else {
            throw .sizeMismatch(tensor: name, shape: shape, dtype: dtype, expectedBytes: expectedBytes, rangeBytes: end - begin)
        }
        guard end <= dataLength else { throw .offsetsOutOfBounds(tensor: name, end: end, dataLength: dataLength) }

        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.begin = begin
        self.end = end
    }
}
