import Foundation
import Testing
@testable import RunFormat
import VizTestSupport
import TinyCNN
import SafeTensors

@Suite struct OrderedFileWriterTests {
    @Test func writesEveryFileInOrderAndTheLastVersionWins() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let writer = OrderedFileWriter()
        for version in 0..<50 {
            try writer.write(Array("version \(version)".utf8), to: directory.file("metrics.jsonl"))
        }
        try writer.write(Array("other".utf8), to: directory.file("other"))
        try writer.finish()
        #expect(FileManager.default.contents(atPath: directory.file("metrics.jsonl")) == Data("version 49".utf8))
        #expect(try directory.contents() == ["metrics.jsonl", "other"])
    }

    @Test func afterAFailureNothingLaterIsWrittenAndTheFailureIsThrown() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("a regular file", to: "file")
        let writer = OrderedFileWriter()
        try writer.write(Array("snapshot".utf8), to: directory.file("file/epoch_001.safetensors"))
        // A later write may be refused at once (the failure is already known) or skipped in the queue.
        try? writer.write(Array("metrics naming epoch 1".utf8), to: directory.file("metrics.jsonl"))
        #expect(throws: RunFolderError.writeFailed(path: directory.file("file/epoch_001.safetensors"), reason: "Not a directory")) {
            try writer.finish()
        }
        #expect(try directory.contents() == ["file"])
    }
}
