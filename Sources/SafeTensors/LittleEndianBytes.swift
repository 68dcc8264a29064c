/// Converts arrays of numbers to and from their little-endian bytes, the safetensors layout.
///
/// On little-endian hosts (x86-64, arm64) the bytes are the values' memory, so conversion is one
/// bulk copy — a 30 MB snapshot must not go element by element. The portable versions assemble
/// each value byte by byte and serve big-endian hosts; a test checks both give the same bytes.
enum LittleEndianBytes {
    static let isLittleEndianHost = 1.littleEndian == 1

    /// `values` -> their bit patterns `bits(value)` as little-endian bytes.
    static func encode<Value, Bits: FixedWidthInteger>(_ values: [Value], _ bits: (Value) -> Bits) -> [UInt8] {
        guard isLittleEndianHost, MemoryLayout<Value>.stride == MemoryLayout<Bits>.size else {
            return encodePortably(values, bits)
        }
        return values.withUnsafeBytes { Array($0) }
    }

    /// Little-endian `bytes` -> values made by `value(bits)`; `bytes.count` is a multiple of the width.
    static func decode<Value, Bits: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>, _ value: (Bits) -> Value) -> [Value] {
        guard isLittleEndianHost, MemoryLayout<Value>.stride == MemoryLayout<Bits>.size else {
            return decodePortably(bytes, value)
        }
        let count = bytes.count / MemoryLayout<Bits>.size
        return [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: source.prefix(count * MemoryLayout<Bits>.size)))
            }
            initialized = count
        }
    }

    static func encodePortably<Value, Bits: FixedWidthInteger>(_ values: [Value], _ bits: (Value) -> Bits) -> [UInt8] {
        let width = Bits.bitWidth / 8
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * width)
        for value in values {
            let pattern = bits(value)
            for byteIndex in 0..<width {
                bytes.append(UInt8(truncatingIfNeeded: pattern >> (8 * byteIndex)))
            }
        }
        return bytes
    }

    static func decodePortably<Value, Bits: FixedWidthInteger, Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes, _ value: (Bits) -> Value
    ) -> [Value] where Bytes.Index == Int {
        let width = Bits.bitWidth / 8
        return stride(from: bytes.startIndex, to: bytes.endIndex - width + 1, by: width).map { start in
            var pattern: Bits = 0
            for byteIndex in 0..<width {
                pattern |= Bits(truncatingIfNeeded: bytes[start + byteIndex]) << (8 * byteIndex)
            }
            return value(pattern)
        }
    }
}
