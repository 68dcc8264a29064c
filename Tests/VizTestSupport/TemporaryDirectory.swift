import Foundation

/// A fresh directory under the system's temporary folder, removed by `remove()` or when the value
/// is released: the one temporary-folder helper of every test target.
package final class TemporaryDirectory: @unchecked Sendable {
    package let path: String

    package init() throws {
        path = NSTemporaryDirectory() + "viz-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { remove() }

    /// The path of `name` inside the directory.
    package func file(_ name: String) -> String { path + "/" + name }

    /// Writes `bytes` to `name` inside the directory and returns its path.
    @discardableResult
    package func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: target).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    package func write(_ text: String, to name: String) throws {
        try file(name, Array(text.utf8))
    }

    /// Every path below the directory, relative, sorted.
    package func contents() throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: path).sorted()
    }

    /// The names of the entries directly in the directory, sorted.
    package func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    package func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
