/// A small open-addressing hash map from 24-bit colours (0xRRGGBB) to a palette index. Holds at
/// most 256 colours here, so with 1024 slots probes stay short; much faster than `Dictionary`
/// in the per-pixel loop.
struct ColorTable {
    /// Marks an empty slot: no 24-bit colour has the top byte set.
    private static let empty = UInt32.max
    private var keys: [UInt32]
    private var values: [UInt8]
    private let mask: Int

    /// `capacity` must be a power of two larger than the number of colours inserted.
    init(capacity: Int) {
        keys = [UInt32](repeating: Self.empty, count: capacity)
        values = [UInt8](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    @inline(__always)
    private func slot(of color: UInt32) -> Int {
        Int(truncatingIfNeeded: (color &* 0x9E37_79B1) >> 16) & mask
    }

    mutating func insert(_ color: UInt32, value: UInt8) {
        var slot = slot(of: color)
        while keys[slot] != Self.empty && keys[slot] != color { slot = (slot + 1) & mask }
        keys[slot] = color
        values[slot] = value
    }

    func value(of color: UInt32) -> UInt8? {
        var slot = slot(of: color)
        while true {
            let key = keys[slot]
            if key == color { return values[slot] }
            if key == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }
}
