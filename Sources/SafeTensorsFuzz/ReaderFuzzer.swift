// libFuzzer target for the safetensors reader (see FUZZING.md and scripts/fuzz.sh).
//
// Built with `-D SAFETENSORS_FUZZING --sanitize=fuzzer`, it exports `LLVMFuzzerTestOneInput` and
// libFuzzer supplies `main`. In an ordinary build (which `swift build` does for every target) it
// is instead a small tool that replays files — a corpus or a crash reproducer — through the same
// check: `swift run SafeTensorsFuzz fuzz/corpus/*`; with `--decode-only` first it only decodes,
// which measures the reader alone (time, peak memory) on a large or hostile file.
import SafeTensors

/// The property fuzzed: decoding any bytes either throws a typed error or yields a file that
/// re-encodes and decodes back to itself. A trap anywhere (overflow, out-of-bounds index) or a
/// broken round trip is a finding.
enum ReaderFuzzer {
    static func check(_ bytes: [UInt8]) {
        guard let file = try? SafeTensorsFile(decoding: bytes) else { return }
        let reencoded = file.encoded()
        guard let again = try? SafeTensorsFile(decoding: reencoded),
              again.tensors == file.tensors, again.metadata == file.metadata,
              again.encoded() == reencoded
        else { fatalError("round trip changed a file the reader accepted (\(bytes.count) bytes)") }
    }
}

#if SAFETENSORS_FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ReaderFuzzer.check(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
import Foundation

@main
enum ReplayFiles {
    static func main() {
        var paths = CommandLine.arguments.dropFirst()
        let decodeOnly = paths.first == "--decode-only"
        if decodeOnly { paths = paths.dropFirst() }
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                continue
            }
            if decodeOnly {
                do throws(SafeTensorsError) {
                    let file = try SafeTensorsFile(decoding: [UInt8](data))
                    print("decoded \(path): \(file.tensors.count) tensors, \(file.metadata.count) metadata entries")
                } catch {
                    print("rejected \(path): \(error)")
                }
            } else {
                ReaderFuzzer.check([UInt8](data))
                print("ok \(path)")
            }
        }
    }
}
#endif
