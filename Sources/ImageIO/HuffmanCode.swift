/// A canonical Huffman code as DEFLATE transmits it (RFC 1951, 3.2.2): a length per symbol
/// (0: unused), and the codes those lengths imply, stored bit-reversed because DEFLATE writes a
/// code's first bit into the least significant bit of the stream.
struct HuffmanCode {
    /// Bits per symbol, 0 for a symbol that does not occur.
    private(set) var lengths: [UInt8]
    /// Each symbol's code, bit-reversed, ready for `BitWriter.write(_:width:)`.
    private(set) var codes: [UInt16]

    /// The code of `frequencies` (one count per symbol) whose lengths do not pass `limit`
    /// (15 for literals/lengths and distances, 7 for the code-length code).
    ///
    /// Lengths come from a Huffman tree; when the tree is deeper than `limit`, the counts are
    /// flattened (halved, never below 1) and the tree rebuilt, which ends at worst with every
    /// used symbol equally frequent (a balanced tree: 9 levels for 286 symbols). Ties are broken
    /// by symbol, so the same counts always give the same code. At least two symbols get a code,
    /// even when fewer occur: a one-code set is not a complete code, which decoders may refuse.
    init(frequencies: [Int], limit: Int) {
        var counts = frequencies
        var used = counts.indices.filter { counts[$0] > 0 }
        for symbol in counts.indices where used.count < 2 && counts[symbol] == 0 {
            counts[symbol] = 1
            used.append(symbol)
        }
        var lengths = Self.treeLengths(counts)
        while lengths.max()! > limit {
            counts = counts.map { $0 == 0 ? 0 : max(1, $0 >> 1) }
            lengths = Self.treeLengths(counts)
        }
        self.lengths = lengths.map { UInt8($0) }
        codes = Self.canonicalCodes(lengths)
    }

    /// The depth of each symbol in a Huffman tree of `counts` (0 for a count of 0): leaves sorted
    /// by count, and the internal nodes, made in order of non-decreasing weight, merged from the two
    /// queues (van Leeuwen), so no heap is needed.
    private static func treeLengths(_ counts: [Int]) -> [Int] {
        let leaves = counts.indices.filter { counts[$0] > 0 }.sorted { (counts[$0], $0) < (counts[$1], $1) }
        let leafCount = leaves.count
        var lengths = [Int](repeating: 0, count: counts.count)
        var nodeWeight = [Int](repeating: 0, count: leafCount - 1)
        var nodeParent = [Int](repeating: 0, count: leafCount - 1)
        var leafParent = [Int](repeating: 0, count: leafCount)
        var nextLeaf = 0, nextNode = 0
        for node in 0..<(leafCount - 1) {
            var weight = 0
            for _ in 0..<2 {
                // The lighter of the next leaf and the next unmerged node; a leaf on a tie.
                if nextLeaf < leafCount && (nextNode == node || counts[leaves[nextLeaf]] <= nodeWeight[nextNode]) {
                    weight += counts[leaves[nextLeaf]]
                    leafParent[nextLeaf] = node
                    nextLeaf += 1
                } else {
                    weight += nodeWeight[nextNode]
                    nodeParent[nextNode] = node
                    nextNode += 1
                }
            }
            nodeWeight[node] = weight
        }
        // Every node's parent was made after it: depths from the root (the last node) down.
        var depth = [Int](repeating: 0, count: leafCount - 1)
        for node in stride(from: leafCount - 3, through: 0, by: -1) {
            depth[node] = depth[nodeParent[node]] + 1
        }
        for (leaf, symbol) in leaves.enumerated() {
            lengths[symbol] = depth[leafParent[leaf]] + 1
        }
        return lengths
    }

    /// RFC 1951's canonical codes for `lengths`: shorter codes first, then by symbol.
    private static func canonicalCodes(_ lengths: [Int]) -> [UInt16] {
        let maxLength = lengths.max() ?? 0
        var lengthCount = [Int](repeating: 0, count: maxLength + 1)
        for length in lengths where length > 0 { lengthCount[length] += 1 }
        var nextCode = [Int](repeating: 0, count: maxLength + 2)
        var code = 0
        for length in stride(from: 1, through: maxLength, by: 1) {
            code = (code + lengthCount[length - 1]) << 1
            nextCode[length] = code
        }
        return lengths.map { length in
            guard length > 0 else { return 0 }
            defer { nextCode[length] += 1 }
            return UInt16(reversed(nextCode[length], bits: length))
        }
    }

    private static func reversed(_ code: Int, bits: Int) -> Int {
        var result = 0
        for bit in 0..<bits where code & (1 << bit) != 0 { result |= 1 << (bits - 1 - bit) }
        return result
    }
}
