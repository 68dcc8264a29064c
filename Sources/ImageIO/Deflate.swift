/// A zlib stream (RFC 1950) of DEFLATE blocks (RFC 1951), made for PNG scanlines: one greedy pass
/// that looks for a match in three places only, then dynamic Huffman blocks.
///
/// Why not zlib: at its fastest level zlib spends about 2 ns on every byte of a chart — it copies
/// the input into its window, hashes every position and sums it for Adler-32 byte by byte — while a
/// chart's filtered scanlines are mostly runs of zeros (the `Up` filter turns every row equal to
/// the one above into zeros). Here the matches are looked for where a chart's repeats are:
/// - the byte before (a run of one value: zeros, a flat colour's first row),
/// - the pixel before (`pixelBytes` back: a flat area in a row that differs from the row above),
/// - the last place the next four bytes were seen (one probe of a 32 k-slot hash table: the same
///   glyph drawn twice, a line's edge repeated),
/// compared 8 bytes at a time, so a run costs about one comparison per 8 bytes. On the 35 PNGs of a
/// default run the image data comes out 4.6 % smaller than zlib's level 1 and 15 % larger than its
/// level 6 (BENCHMARKS.md). The matcher is greedy: the longest of the three, no lazy evaluation.
///
/// Blocks hold up to 2^16 symbols, each with its own Huffman codes, so the codes follow the
/// image's parts (text, flat areas, colour maps).
enum Deflate {
    static let window = 32768
    static let maxMatch = 258
    /// Shorter repeats cost fewer bits as literals: zeros are the commonest literal.
    static let minMatch = 4
    /// A run or pixel repeat this long is taken without looking further.
    private static let goodEnough = 16
    private static let hashBits = 15
    private static let blockSymbols = 1 << 16

    /// The zlib stream of `data`; `pixelBytes` is how far back the previous pixel's bytes are
    /// (3 for RGB, 4 for RGBA scanlines).
    static func zlibStream(_ data: UnsafeBufferPointer<UInt8>, pixelBytes: Int) -> [UInt8] {
        let n = data.count
        let capacity = 2 + 2 * n + (n / blockSymbols + 2) * 640 + 4 + BitWriter.overhang
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { output.deallocate() }
        var bits = BitWriter(into: output)
        // CMF 0x78: DEFLATE with a 32 kB window; FLG 0x01: "fastest" and the header check.
        bits.writeBytes([0x78, 0x01])
        var blocks = BlockWriter()
        defer { blocks.deallocate() }
        if let p = data.baseAddress {
            let hash = UnsafeMutablePointer<Int32>.allocate(capacity: 1 << hashBits)
            defer { hash.deallocate() }
            // Far enough back that no position ever matches a slot never written.
            hash.initialize(repeating: Int32(-window - 1), count: 1 << hashBits)
            var i = 0
            while i < n {
                let limit = min(maxMatch, n - i)
                var length = 0, distance = 0
                if i >= 1 {
                    length = matchLength(p + i, p + i - 1, limit: limit)
                    distance = 1
                }
                if length < goodEnough && i >= pixelBytes {
                    let pixelRepeat = matchLength(p + i, p + i - pixelBytes, limit: limit)
                    if pixelRepeat > length { (length, distance) = (pixelRepeat, pixelBytes) }
                }
                if length < goodEnough && i + 4 <= n {
                    let word = UInt32(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self))
                    let slot = Int((word &* 2_654_435_761) >> UInt32(32 - hashBits))
                    let candidate = Int(hash[slot])
                    hash[slot] = Int32(i)
                    if i - candidate <= window {
                        let found = matchLength(p + i, p + candidate, limit: limit)
                        if found > length { (length, distance) = (found, i - candidate) }
                    }
                }
                if length >= minMatch {
                    blocks.addMatch(length: length, distance: distance)
                    i += length
                } else {
                    blocks.addLiteral(p[i])
                    i += 1
                }
                if blocks.symbolCount == blockSymbols && i < n {
                    blocks.write(into: &bits, final: false)
                }
            }
        }
        blocks.write(into: &bits, final: true)
        bits.flush()
        let adler = Adler32.checksum(data)
        bits.writeBytes([UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)])
        return Array(UnsafeBufferPointer(start: output, count: bits.count))
    }

    /// How many bytes from `a` equal those from `b` (at most `limit`); `b` may overlap `a`.
    @inline(__always)
    private static func matchLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, limit: Int) -> Int {
        var length = 0
        while length + 8 <= limit {
            let difference = UnsafeRawPointer(a + length).loadUnaligned(as: UInt64.self)
                ^ UnsafeRawPointer(b + length).loadUnaligned(as: UInt64.self)
            if difference != 0 { return length + UInt64(littleEndian: difference).trailingZeroBitCount >> 3 }
            length += 8
        }
        while length < limit && a[length] == b[length] { length += 1 }
        return length
    }
}

/// The symbols of one DEFLATE block and their counts, then the block itself: header with its
/// Huffman codes, symbols, end of block.
private struct BlockWriter {
    /// A literal byte, or a match: 1 << 31 | length << 16 | (distance − 1).
    private let symbols = UnsafeMutablePointer<UInt32>.allocate(capacity: 1 << 16)
    private(set) var symbolCount = 0
    private var literalCounts = [Int](repeating: 0, count: 286)
    private var distanceCounts = [Int](repeating: 0, count: 30)
    // The tables, held here so the per-symbol code reads them without a global's lazy-init check.
    private let lengthSymbol = DeflateTables.lengthSymbol
    private let distanceSymbols = DeflateTables.distanceSymbols

    func deallocate() { symbols.deallocate() }

    @inline(__always)
    mutating func addLiteral(_ byte: UInt8) {
        symbols[symbolCount] = UInt32(byte)
        symbolCount += 1
        literalCounts[Int(byte)] += 1
    }

    @inline(__always)
    mutating func addMatch(length: Int, distance: Int) {
        symbols[symbolCount] = 1 << 31 | UInt32(length) << 16 | UInt32(distance - 1)
        symbolCount += 1
        literalCounts[257 + Int(lengthSymbol[length])] += 1
        distanceCounts[DeflateTables.distanceSymbol(distance, in: distanceSymbols)] += 1
    }

    /// Writes the block of the symbols added since the last one, and starts the next.
    mutating func write(into bits: inout BitWriter, final: Bool) {
        literalCounts[256] = 1  // end of block
        let literals = HuffmanCode(frequencies: literalCounts, limit: 15)
        let distances = HuffmanCode(frequencies: distanceCounts, limit: 15)
        bits.write(final ? 1 : 0, width: 1)
        bits.write(2, width: 2)  // dynamic Huffman codes
        Self.writeCodeLengths(literals: literals.lengths, distances: distances.lengths, into: &bits)
        literals.codes.withUnsafeBufferPointer { literalCode in
            literals.lengths.withUnsafeBufferPointer { literalLength in
                distances.codes.withUnsafeBufferPointer { distanceCode in
                    distances.lengths.withUnsafeBufferPointer { distanceLength in
                        for index in 0..<symbolCount {
                            let symbol = Int(symbols[index])
                            guard symbol >> 31 != 0 else {
                                bits.write(Int(literalCode[symbol]), width: Int(literalLength[symbol]))
                                continue
                            }
                            let length = symbol >> 16 & 0x1FF, distance = (symbol & 0xFFFF) + 1
                            let l = Int(lengthSymbol[length])
                            let extra = length - Int(DeflateTables.lengthBase[l])
                            bits.write(Int(literalCode[257 + l]) | extra << Int(literalLength[257 + l]),
                                       width: Int(literalLength[257 + l]) + Int(DeflateTables.lengthExtraBits[l]))
                            let d = DeflateTables.distanceSymbol(distance, in: distanceSymbols)
                            let distanceExtra = distance - Int(DeflateTables.distanceBase[d])
                            bits.write(Int(distanceCode[d]) | distanceExtra << Int(distanceLength[d]),
                                       width: Int(distanceLength[d]) + Int(DeflateTables.distanceExtraBits[d]))
                        }
                    }
                }
                bits.write(Int(literalCode[256]), width: Int(literalLength[256]))
            }
        }
        symbolCount = 0
        for k in literalCounts.indices { literalCounts[k] = 0 }
        for k in distanceCounts.indices { distanceCounts[k] = 0 }
    }

    /// HLIT, HDIST, HCLEN and the two codes' lengths, run-length coded (symbols 16–18) with the
    /// code-length code (RFC 1951, 3.2.7).
    private static func writeCodeLengths(literals: [UInt8], distances: [UInt8], into bits: inout BitWriter) {
        let literalCount = max(257, (literals.lastIndex { $0 != 0 } ?? 0) + 1)
        let distanceCount = max(1, (distances.lastIndex { $0 != 0 } ?? 0) + 1)
        let lengths = Array(literals[..<literalCount]) + Array(distances[..<distanceCount])
        // (code-length symbol, its extra bits' value)
        var runs: [(symbol: Int, extra: Int)] = []
        var i = 0
        while i < lengths.count {
            let value = Int(lengths[i])
            var run = 1
            while i + run < lengths.count && Int(lengths[i + run]) == value { run += 1 }
            i += run
            if value == 0 {
                while run >= 11 { let take = min(run, 138); runs.append((18, take - 11)); run -= take }
                if run >= 3 { runs.append((17, run - 3)); run = 0 }
            } else {
                runs.append((value, 0))
                run -= 1
                while run >= 3 { let take = min(run, 6); runs.append((16, take - 3)); run -= take }
            }
            for _ in 0..<run { runs.append((value, 0)) }
        }
        var counts = [Int](repeating: 0, count: 19)
        for run in runs { counts[run.symbol] += 1 }
        let code = HuffmanCode(frequencies: counts, limit: 7)
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengthCount = 19
        while codeLengthCount > 4 && code.lengths[order[codeLengthCount - 1]] == 0 { codeLengthCount -= 1 }
        bits.write(literalCount - 257, width: 5)
        bits.write(distanceCount - 1, width: 5)
        bits.write(codeLengthCount - 4, width: 4)
        for symbol in order[..<codeLengthCount] { bits.write(Int(code.lengths[symbol]), width: 3) }
        for run in runs {
            bits.write(Int(code.codes[run.symbol]), width: Int(code.lengths[run.symbol]))
            switch run.symbol {
            case 16: bits.write(run.extra, width: 2)
            case 17: bits.write(run.extra, width: 3)
            case 18: bits.write(run.extra, width: 7)
            default: break
            }
        }
    }
}

/// RFC 1951's length and distance codes (3.2.5): each symbol's base and extra bits.
private enum DeflateTables {
    static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
                                       115, 131, 163, 195, 227, 258]
    static let lengthExtraBits: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                         1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtraBits: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
                                             12, 12, 13, 13]
    /// The length symbol (minus 257) of every match length 0…258 (0–2 unused).
    static let lengthSymbol: [UInt8] = (0...258).map { length in
        UInt8(max(0, (lengthBase.lastIndex { Int($0) <= length } ?? 0)))
    }
    /// The distance symbol of distances 1…256 at [d − 1], and of larger ones at [256 + (d − 1) >> 7].
    static let distanceSymbols: [UInt8] = (0..<512).map { index in
        let distance = index < 256 ? index + 1 : ((index - 256) << 7) + 1
        return UInt8(distanceBase.lastIndex { Int($0) <= distance }!)
    }

    /// The symbol of `distance` (1…32768), from `distanceSymbols`.
    @inline(__always)
    static func distanceSymbol(_ distance: Int, in table: [UInt8]) -> Int {
        Int(distance <= 256 ? table[distance - 1] : table[256 + (distance - 1) >> 7])
    }
}
