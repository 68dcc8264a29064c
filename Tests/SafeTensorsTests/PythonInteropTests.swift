import Foundation
import Testing
@testable import SafeTensors
import VizTestSupport

/// Our files against the reference implementation, Python's `safetensors` package.
@Suite struct PythonInteropTests {
    /// Written by scripts/fixtures/make_fixture.py; the values asserted here are the ones it saves.
    static let fixture: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "python_written", withExtension: "safetensors", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url) else { return [] }
        return [UInt8](data)
    }()

    @Test func readsAFileWrittenByPython() throws {
        let file = try SafeTensorsFile(decoding: Self.fixture)
        #expect(file.metadata == ["format": "pt"])
        #expect(Set(file.tensors.keys) == ["conv.weight", "label", "scalar", "empty", "mask", "half"])
        #expect(try file.tensor("conv.weight", dtype: .f32, shape: [2, 3]).floats() == [0.5, -1.25, 3.0, -0.0, 65504.0, 1.0e-3])
        #expect(try file.tensor("label", dtype: .i64, shape: [3]).int64s() == [0, 8, -1])
        #expect(try file.tensor("scalar", dtype: .f32, shape: []).floats() == [2.5])
        #expect(try file.tensor("empty", dtype: .f32, shape: [0, 2]).floats() == [])
        #expect(try file.tensor("mask", dtype: .u8, shape: [2]).bytes == [1, 255])
        #expect(try file.tensor("half", dtype: .f16, shape: [2]).bytes == [0x00, 0x3C, 0x00, 0xC0])  // 1.0, -2.0
    }

    @Test func reencodingPythonsFileReproducesItsBytes() throws {
        #expect(try SafeTensorsFile(decoding: Self.fixture).encoded() == Self.fixture)
    }

    /// Runs wherever the tests run: scripts/setup.sh installs Python's safetensors and numpy, and a
    /// machine without them fails here rather than skipping the one check against the reference.
    @Test func pythonReadsAFileWeWrote() throws {
        let file = SafeTensorsFile(
            tensors: [
                "fc.weight": try Tensor(shape: [2, 2], floats: [1.5, -2, 0.25, 1e-7]),
                "label": try Tensor(shape: [3], int64s: [7, -3, .max]),
                "scalar": try Tensor(shape: [], floats: [4]),
                "empty": try Tensor(shape: [0, 3], floats: []),
                "mask": try Tensor(dtype: .bool, shape: [2], bytes: [1, 0]),
            ],
            metadata: ["epoch": "3", "note": "é\"\n"])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("viz-safetensors-\(UInt64.random(in: 0...UInt64.max)).safetensors").path
        try Data(file.encoded()).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }

        let result = try ExternalTool.run("python3", ["-c", """
            import json, sys
            from safetensors import safe_open
            from safetensors.numpy import load_file
            tensors = load_file(sys.argv[1])
            with safe_open(sys.argv[1], framework="numpy") as f:
                metadata = f.metadata()
            print(json.dumps({"metadata": metadata, "tensors": {name: [str(t.dtype), list(t.shape), t.ravel().tolist()]
                                                               for name, t in sorted(tensors.items())}}, sort_keys=True))
            """, path])
        #expect(result.status == 0, "python3 with safetensors and numpy failed (scripts/setup.sh installs them): \(result.output)")
        let output = result.output
        let expected = #"{"metadata": {"epoch": "3", "note": "\u00e9\"\n"}, "tensors": {"#
            + #""empty": ["float32", [0, 3], []], "fc.weight": ["float32", [2, 2], [1.5, -2.0, 0.25, 1.0000000116860974e-07]], "#
            + #""label": ["int64", [3], [7, -3, 9223372036854775807]], "mask": ["bool", [2], [true, false]], "#
            + #""scalar": ["float32", [], [4.0]]}}"#
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
    }
}
