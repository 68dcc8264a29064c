/// Bits packed least significant bit first — how GIF's LZW codes and DEFLATE's Huffman codes and
/// extra bits are both stored — into memory the caller sized for the worst case: no capacity
/// check per byte, 32 bits stored at a time.
struct BitWriter {
    /// Bytes a writer may store past its last whole byte: its 32-bit stores.
    static let overhang = 16

    private let bytes: UnsafeMutablePointer<UInt8>
    /// Bytes written so far.
    private(set) var count = 0
    private var pending: UInt64 = 0
    private var pendingBits = 0

    init(into bytes: UnsafeMutablePointer<UInt8>) {
        self.bytes = bytes
    }

    /// Appends the low `width` bits of `code` (`width` ≤ 32; the bits above it must be zero).
    @inline(__always)
    mutating func write(_ code: Int, width: Int) {
        pending |= UInt64(code) << UInt64(pendingBits)
        pendingBits += width
        if pendingBits >= 32 {
            UnsafeMutableRawPointer(bytes + count).storeBytes(of: UInt32(truncatingIfNeeded: pending).littleEndian, as: UInt32.self)
            count += 4
            pending >>= 32
            pendingBits -= 32
        }
    }

    /// The bits still pending, the last byte padded with zeros: what follows starts on a byte.
    mutating func flush() {
        while pendingBits > 0 {
            bytes[count] = UInt8(truncatingIfNeeded: pending)
            count += 1
            pending >>= 8
            pendingBits -= 8
        }
        pending = 0
        pendingBits = 0
    }

    /// Appends whole bytes; only after `flush()`.
    mutating func writeBytes(_ values: [UInt8]) {
        for value in values {
            bytes[count] = value
            count += 1
        }
    }
}
