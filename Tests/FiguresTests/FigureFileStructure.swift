/// Just enough of the PNG and GIF formats to check what the renderer wrote without a decoder:
import VizTestSupport
import RunFormat
import Charts
/// a PNG's size and text chunks, a GIF's size, frames, delays and loop count.
enum FigureFileStructure {
    struct PNGInfo: Equatable {
        var width: Int
        var height: Int
        var text: [String: String]
    }

    struct GIFInfo: Equatable {
        var width: Int
        var height: Int
        /// One entry per image descriptor, from the graphic control extension before it.
        var delays: [Int]
        /// NETSCAPE2.0 loop count (0 = forever), nil without the block.
        var loopCount: Int?
        var frameCount: Int { delays.count }
    }

    static func png(_ bytes: [UInt8]) -> PNGInfo? {
        guard bytes.count > 24, Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        func u32(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        var info = PNGInfo(width: u32(16), height: u32(20), text: [:])
        var offset = 8
        while offset + 8 <= bytes.count {
            let length = u32(offset)
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { return nil }
            if type == "tEXt" {
                let data = bytes[(offset + 8)..<(offset + 8 + length)]
                if let zero = data.firstIndex(of: 0) {
                    info.text[String(decoding: data[..<zero], as: UTF8.self)] = String(decoding: data[(zero + 1)...], as: UTF8.self)
                }
            }
            if type == "IEND" { return info }
            offset += 12 + length
        }
        return nil
    }

    static func gif(_ bytes: [UInt8]) -> GIFInfo? {
        guard bytes.count > 13, Array(bytes.prefix(6)) == Array("GIF89a".utf8) else { return nil }
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        var info = GIFInfo(width: u16(6), height: u16(8), delays: [], loopCount: nil)
        var offset = 13
        if bytes[10] & 0x80 != 0 { offset += 3 << (Int(bytes[10] & 7) + 1) }
        var pendingDelay = 0
        /// Skips data sub-blocks starting at `i`; returns the index after the terminator.
        func skipSubBlocks(_ i: Int) -> Int? {
            var i = i
            while i < bytes.count {
                let size = Int(bytes[i])
                if size == 0 { return i + 1 }
                i += size + 1
            }
            return nil
        }
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x3B:
                return info
            case 0x21:
                guard offset + 2 < bytes.count else { return nil }
                let label = bytes[offset + 1]
                if label == 0xF9, offset + 6 < bytes.count { pendingDelay = u16(offset + 4) }
                if label == 0xFF, offset + 18 < bytes.count, Array(bytes[(offset + 3)..<(offset + 14)]) == Array("NETSCAPE2.0".utf8) {
                    info.loopCount = u16(offset + 16)
                }
                guard let next = skipSubBlocks(offset + 2) else { return nil }
                offset = next
            case 0x2C:
                guard offset + 10 < bytes.count else { return nil }
                let packed = bytes[offset + 9]
                offset += 10
                if packed & 0x80 != 0 { offset += 3 << (Int(packed & 7) + 1) }
                info.delays.append(pendingDelay)
                pendingDelay = 0
                guard let next = skipSubBlocks(offset + 1) else { return nil }
                offset = next
            default:
                return nil
            }
        }
        return nil
    }
}
