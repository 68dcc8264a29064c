import Foundation
import Testing
import TinyCNN
@testable import VizPipeline

/// The README's table of training options is the settings table's: same options, defaults and
/// allowed values, in the same order.
@Suite struct ReadmeTests {
    static let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    /// (option, default, allowed) of each row of the README's option table.
    static var rows: [(String, String, String)] {
        readme.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, cells[1].hasPrefix("`--"), cells[1].hasSuffix("`") else { return nil }
            return (String(cells[1].dropFirst(3).dropLast()), cells[2], cells[3])
        }
    }

    @Test func theOptionTableIsTheSettingsTable() {
        let settings = Self.rows.filter { !["threads", "out"].contains($0.0) }
        #expect(settings.map(\.0) == TrainingSettings.table.map { OptionRules.flag($0.key) })
        for (row, setting) in zip(settings, TrainingSettings.table) {
            #expect(row.1 == setting.defaultText, "--\(row.0)")
            #expect(row.2 == setting.allowed, "--\(row.0)")
        }
        #expect(Self.rows.first { $0.0 == "threads" }?.2 == OptionRules.threads.allowed)
    }
}
