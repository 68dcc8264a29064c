import Foundation
import VizTestSupport

/// What a run folder may hold after viz stopped for any reason: whole files only.
enum RunFolderCheck {
    /// `.<name>.tmp-XXXXXX`: the temporary file of an atomic write (ImageIO.AtomicFile).
    static func isTemporary(_ name: String) -> Bool {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        guard last.hasPrefix("."), let marker = last.range(of: ".tmp-", options: .backwards) else { return false }
        return last[marker.upperBound...].count == 6
    }

    /// Why the file at `path` is not a whole file viz could have written, or nil: JSON files must
    /// parse (metrics.jsonl line by line, each line ended), safetensors files must have a header
    /// that parses and tensors that end exactly where the file does.
    static func problem(_ path: String) -> String? {
        guard [".json", ".jsonl", ".safetensors"].contains(where: path.hasSuffix) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { return "unreadable" }
        if path.hasSuffix(".json") {
            return (try? JSONSerialization.jsonObject(with: data)) == nil ? "not JSON" : nil
        }
        if path.hasSuffix(".jsonl") {
            guard data.isEmpty || data.last == UInt8(ascii: "\n") else { return "last line is not ended" }
            let lines = data.split(separator: UInt8(ascii: "\n"))
            return lines.contains { (try? JSONSerialization.jsonObject(with: Data($0))) == nil } ? "a line is not JSON" : nil
        }
        guard let file = try? DamagedSafeTensors([UInt8](data)),
              let header = try? JSONSerialization.jsonObject(with: Data(file.header.utf8)) as? [String: Any]
        else { return "header does not parse" }
        let ends = header.filter { $0.key != "__metadata__" }.compactMap {
            (($0.value as? [String: Any])?["data_offsets"] as? [Int])?.last
        }
        return ends.max() == file.data.count ? nil : "tensors end at \(ends.max() ?? -1) of \(file.data.count) data bytes"
    }

    /// Every problem below `directory`: temporary files (unless `allowingTemporary`) and partial files.
    static func problems(below directory: String, allowingTemporary: Bool = false) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: directory).sorted().compactMap { name in
            if isTemporary(name) { return allowingTemporary ? nil : "\(name): temporary file left" }
            return problem(directory + "/" + name).map { "\(name): \($0)" }
        }
    }
}
