/// Adler-32 (RFC 1950), the checksum ending a zlib stream: over the uncompressed bytes, so over
/// every byte of a PNG's filtered scanlines — it has to be fast.
enum Adler32 {
    private static let modulus: UInt64 = 65521

    /// The checksum of `bytes`, continuing from `start` (1 for a fresh stream).
    ///
    /// Sixteen byte positions are summed in sixteen 32-bit lanes: per 16-byte chunk k,
    /// `lanes += x_k` then `weighted += lanes`, so after m chunks `weighted[j] = Σ_k (m − k)·x_kj`
    /// and the block's b grows by 16·Σ weighted − Σ j·lanes[j] (each byte's distance from the
    /// block's end), a by Σ lanes. Blocks of 256 chunks keep every lane below 2^32.
    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>, start: UInt32 = 1) -> UInt32 {
        var a = UInt64(start & 0xFFFF), b = UInt64(start >> 16)
        guard var p = bytes.baseAddress else { return start }
        var left = bytes.count
        let positions = SIMD16<UInt32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        while left >= 16 {
            let chunks = min(left / 16, 256)
            var lanes = SIMD16<UInt32>(repeating: 0), weighted = SIMD16<UInt32>(repeating: 0)
            for k in 0..<chunks {
                lanes &+= SIMD16<UInt32>(truncatingIfNeeded: UnsafeRawPointer(p + 16 * k).loadUnaligned(as: SIMD16<UInt8>.self))
                weighted &+= lanes
            }
            let length = UInt64(16 * chunks)
            b += length * a + 16 * UInt64(weighted.wrappedSum()) - UInt64((lanes &* positions).wrappedSum())
            a += UInt64(lanes.wrappedSum())
            a %= modulus
            b %= modulus
            p += 16 * chunks
            left -= 16 * chunks
        }
        for i in 0..<left {
            a += UInt64(p[i])
            b += a
        }
        return UInt32((b % modulus) << 16 | (a % modulus))
    }
}

/// CRC-32 (ISO 3309, as PNG and zlib define it), over each PNG chunk's type and data.
enum CRC32 {
    /// The remainder of every byte value, for the byte-at-a-time loop.
    private static let table: [UInt32] = (0..<256).map { byte in
        var crc = UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ crc >> 1 : crc >> 1 }
        return crc
    }

    /// The CRC of `bytes`, continuing from `start` (0 for a fresh one).
    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>, start: UInt32 = 0) -> UInt32 {
        table.withUnsafeBufferPointer { table in
            var crc = ~start
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ crc >> 8 }
            return ~crc
        }
    }
}
