/// GIF's LZW compression (GIF89a, appendix F): palette indices in, the variable-width codes out,
/// packed least significant bit first, as an image's data sub-blocks carry them (the caller cuts
/// them into sub-blocks). The codes are those of the plain greedy encoder, with giflib's
/// conventions: a clear code first, codes widened as soon as the next code to assign needs another
/// bit, and a clear code instead of assigning code 4095 once the table is full.
///
/// Why not giflib's own compressor: it calls a hash-table function for every pixel
/// (`_ExistsHashTable` was a fifth of `viz render`'s time). Here the dictionary is the same kind of
/// table — 8192 slots of (string, index, code) packed into 32 bits, 32 kB, so it stays in the
/// first-level cache (a direct table of 4096 × 256 codes, tried first, is 2 MB and each lookup
/// missed the caches) — probed inline; and a run of one index — the page's white, the unchanged
/// pixels a frame marks transparent — is not walked pixel by pixel: the strings `c`, `cc`, `ccc`,
/// … a run builds are kept per index, so a run of n pixels takes about √(2n) steps.
/// `encodePlain` is the textbook loop the tests hold this one to, byte for byte.
///
/// One encoder is reused frame after frame (its tables are allocated once); it is not thread-safe.
final class LZWEncoder {
    /// GIF codes have at most 12 bits; giflib clears before assigning the last one, 4095.
    static let codeLimit = 4095
    private static let maxBits = 12

    /// Dictionary: open addressing, linear probing; a slot holds `key << 12 | code` with key =
    /// prefix code << 8 | index (20 bits), or `empty`. At most 4095 − 258 strings in 8192 slots.
    private let table: UnsafeMutableBufferPointer<UInt32>
    private static let empty = UInt32.max
    private static let slotMask = 8191
    /// Slots of `table` written since the last clear (at most 4096).
    private let written: UnsafeMutableBufferPointer<Int32>
    /// For each index c, the codes of c², c³, …: `runCodes[c << 12 | k]` is the code of c^k for
    /// 2 ≤ k ≤ `runLength[c]`.
    private let runCodes: UnsafeMutableBufferPointer<UInt16>
    /// The longest run string c^k in the dictionary for each index (1: only the root c).
    private let runLength: UnsafeMutableBufferPointer<Int>
    /// The codes of the frame being encoded, before they are appended to the caller's array:
    /// grown to `BitWriter.capacity(forPixels:)` of the largest frame.
    private var scratch = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)

    init() {
        table = .allocate(capacity: Self.slotMask + 1)
        table.initialize(repeating: Self.empty)
        written = .allocate(capacity: 4096)
        written.initialize(repeating: 0)
        runCodes = .allocate(capacity: 256 << 12)
        runCodes.initialize(repeating: 0)
        runLength = .allocate(capacity: 256)
        runLength.initialize(repeating: 1)
    }

    deinit {
        table.deallocate()
        written.deallocate()
        runCodes.deallocate()
        runLength.deallocate()
        scratch.deallocate()
    }

    /// Appends the codes of `indices` (each below 2^`minimumCodeSize`; `minimumCodeSize` 2…8, as
    /// the image data's first byte says) to `output`, ending with the end code, padded to a byte.
    func encode(_ indices: UnsafeBufferPointer<UInt8>, minimumCodeSize m: Int, into output: inout [UInt8]) {
        var runs: [IndexRun] = []
        var start = 0
        while start < indices.count {
            var end = start + 1
            while end < indices.count && indices[end] == indices[start] { end += 1 }
            runs.append(IndexRun(length: UInt32(end - start), index: indices[start]))
            start = end
        }
        runs.withUnsafeBufferPointer { encode(runs: $0, minimumCodeSize: m, into: &output) }
    }

    /// `encode(_:minimumCodeSize:into:)` of the indices given as maximal runs — no run followed by
    /// one of the same index, none empty — as the frame indexer finds them: a run is never
    /// scanned pixel by pixel.
    func encode(runs: UnsafeBufferPointer<IndexRun>, minimumCodeSize m: Int, into output: inout [UInt8]) {
        // Locals only in the loop: the tables are reached through their (constant) pointers.
        let table = self.table.baseAddress!, written = self.written.baseAddress!
        let runCodes = self.runCodes.baseAddress!, runLength = self.runLength.baseAddress!
        let clearCode = 1 << m, endCode = clearCode + 1
        var pixelCount = 0
        for run in runs { pixelCount += Int(run.length) }
        let capacity = BitWriter.capacity(forPixels: pixelCount)
        if scratch.count < capacity {
            scratch.deallocate()
            scratch = .allocate(capacity: capacity)
        }
        var bits = BitWriter(into: scratch.baseAddress!)
        defer { output.append(contentsOf: UnsafeBufferPointer(start: scratch.baseAddress!, count: bits.count)) }
        var width = m + 1
        var next = endCode + 1
        var writtenCount = 0
        func clearTables() {
            for k in 0..<writtenCount { table[Int(written[k])] = Self.empty }
            writtenCount = 0
            for c in 0..<clearCode { runLength[c] = 1 }
        }
        defer { clearTables() }
        bits.write(clearCode, width: width)
        guard let first = runs.first else {
            bits.write(endCode, width: width)
            bits.flush()
            return
        }

        // The slot of `key` (prefix << 8 | index): where it is, or the empty one it would go to.
        @inline(__always) func slot(of key: Int) -> Int {
            var slot = (key >> 12 ^ key) & Self.slotMask
            while true {
                let entry = table[slot]
                if entry == Self.empty || Int(entry >> 12) == key { return slot }
                slot = (slot + 1) & Self.slotMask
            }
        }

        // Emits `code` (the longest string found) and gives that string extended by one index,
        // `key`, the next code in `slot` — or, with the table full, clears it.
        @inline(__always) func emitAndAdd(_ code: Int, key: Int, slot: Int, runIndex: Int?) {
            bits.write(code, width: width)
            if next >= 1 << width && width < Self.maxBits { width += 1 }
            if next >= Self.codeLimit {
                bits.write(clearCode, width: width)
                width = m + 1
                next = endCode + 1
                clearTables()
            } else {
                table[slot] = UInt32(key << 12 | next)
                written[writtenCount] = Int32(slot)
                writtenCount += 1
                if let c = runIndex {
                    runLength[c] += 1
                    runCodes[c << 12 | runLength[c]] = UInt16(next)
                }
                next += 1
            }
        }

        var string = Int(first.index)  // the code of the string read so far
        var r = 0                      // the run of the next pixel…
        var remaining = Int(first.length) - 1  // …and how many of its pixels are still to read
        while true {
            if remaining == 0 {
                r += 1
                guard r < runs.count else { break }
                remaining = Int(runs[r].length)
            }
            let index = Int(runs[r].index)
            if string == index && string < clearCode {
                // The string is the root `index` and the run goes on: take the rest of it whole
                // (runs are maximal, so the pixel after it differs).
                var left = remaining + 1  // pixels of the run, the one in `string` included
                while true {
                    let known = runLength[index]
                    if left <= known {
                        string = left == 1 ? index : Int(runCodes[index << 12 | left])
                        break
                    }
                    let code = known == 1 ? index : Int(runCodes[index << 12 | known])
                    emitAndAdd(code, key: code << 8 | index, slot: slot(of: code << 8 | index), runIndex: index)
                    left -= known
                }
                remaining = 0
                continue
            }
            let key = string << 8 | index
            let at = slot(of: key)
            let entry = table[at]
            if entry != Self.empty {
                string = Int(entry & 0xFFF)
            } else {
                emitAndAdd(string, key: key, slot: at, runIndex: nil)
                string = index
            }
            remaining -= 1
        }
        bits.write(string, width: width)
        if next >= 1 << width && width < Self.maxBits { width += 1 }
        bits.write(endCode, width: width)
        bits.flush()
    }

    /// The same codes by the textbook loop (a dictionary lookup per pixel): the reference the
    /// tests compare `encode` with.
    static func encodePlain(_ indices: [UInt8], minimumCodeSize: Int) -> [UInt8] {
        let clearCode = 1 << minimumCodeSize, endCode = clearCode + 1
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: BitWriter.capacity(forPixels: indices.count))
        defer { buffer.deallocate() }
        var bits = BitWriter(into: buffer)
        var output: [UInt8] { Array(UnsafeBufferPointer(start: buffer, count: bits.count)) }
        var width = minimumCodeSize + 1, next = endCode + 1
        var dictionary: [Int: Int] = [:]
        bits.write(clearCode, width: width)
        guard let first = indices.first else {
            bits.write(endCode, width: width)
            bits.flush()
            return output
        }
        var string = Int(first)
        for index in indices.dropFirst().map(Int.init) {
            if let code = dictionary[string << 8 | index] {
                string = code
                continue
            }
            bits.write(string, width: width)
            if next >= 1 << width && width < maxBits { width += 1 }
            if next >= codeLimit {
                bits.write(clearCode, width: width)
                width = minimumCodeSize + 1
                next = endCode + 1
                dictionary.removeAll()
            } else {
                dictionary[string << 8 | index] = next
                next += 1
            }
            string = index
        }
        bits.write(string, width: width)
        if next >= 1 << width && width < maxBits { width += 1 }
        bits.write(endCode, width: width)
        bits.flush()
        return output
    }
}

/// `length` pixels of palette index `index`, one after another in the image's reading order.
struct IndexRun {
    var length: UInt32
    var index: UInt8
}

extension BitWriter {
    /// Enough bytes for the LZW codes of `pixels` indices: at most one code of 12 bits per index,
    /// plus a clear code every 3837 codes, the first clear and end codes, and the 32-bit stores'
    /// overhang.
    static func capacity(forPixels pixels: Int) -> Int {
        (pixels + pixels / 1024 + 4) * 12 / 8 + BitWriter.overhang
    }
}
