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
    /// `tables[k][b]`: the remainder of byte value b followed by k zero bytes, so eight bytes are
    /// folded in at once (slicing by 8) instead of one table step per byte.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ crc >> 1 : crc >> 1 }
            tables[byte] = crc
        }
        for k in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(k - 1) * 256 + byte]
                tables[k * 256 + byte] = tables[Int(previous & 0xFF)] ^ previous >> 8
            }
        }
        return tables
    }()

    /// The CRC of `bytes`, continuing from `start` (0 for a fresh one).
    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>, start: UInt32 = 0) -> UInt32 {
        tables.withUnsafeBufferPointer { t in
            var crc = ~start
            guard let p = bytes.baseAddress else { return start }
            var i = 0
            while i + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) ^ UInt64(crc)
                crc = t[7 * 256 + Int(word & 0xFF)] ^ t[6 * 256 + Int(word >> 8 & 0xFF)]
                    ^ t[5 * 256 + Int(word >> 16 & 0xFF)] ^ t[4 * 256 + Int(word >> 24 & 0xFF)]
                    ^ t[3 * 256 + Int(word >> 32 & 0xFF)] ^ t[2 * 256 + Int(word >> 40 & 0xFF)]
                    ^ t[256 + Int(word >> 48 & 0xFF)] ^ t[Int(word >> 56)]
                i += 8
            }
            while i < bytes.count {
                crc = t[Int((crc ^ UInt32(p[i])) & 0xFF)] ^ crc >> 8
                i += 1
            }
            return ~crc
        }
    }
}
