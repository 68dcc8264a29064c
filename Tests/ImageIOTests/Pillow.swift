import Foundation
import VizTestSupport

/// Python Pillow as an independent decoder: it verifies the file, then loads every frame
/// (composited, as a viewer shows it) and reports the metadata a viewer uses.
enum Pillow {
    struct Decoded: Decodable {
        var format: String
        /// Pillow's mode of the first frame: "RGB", "RGBA", "P"…
        var mode: String
        var width: Int
        var height: Int
        var frameCount: Int
        /// GIF loop count (0 = forever); nil when the file has no NETSCAPE2.0 block.
        var loop: Int?
        /// Per-frame display time in milliseconds (GIF).
        var durations: [Int?]
        /// PNG text chunks.
        var text: [String: String]
        /// Every frame as RGBA8, filled in after decoding the JSON.
        var frames: [[UInt8]] = []

        enum CodingKeys: String, CodingKey {
            case format, mode, width, height, frameCount, loop, durations, text
        }
    }

    private static let script = """
    import json, sys
    from PIL import Image
    path, folder = sys.argv[1], sys.argv[2]
    with Image.open(path) as image:
        image.verify()
    image = Image.open(path)
    meta = {"format": image.format, "mode": image.mode, "width": image.size[0], "height": image.size[1],
            "frameCount": getattr(image, "n_frames", 1), "loop": image.info.get("loop"),
            "durations": [], "text": dict(getattr(image, "text", {}))}
    for index in range(meta["frameCount"]):
        image.seek(index)
        meta["durations"].append(image.info.get("duration"))
        with open(f"{folder}/{index}.rgba", "wb") as out:
            out.write(image.convert("RGBA").tobytes())
    with open(f"{folder}/meta.json", "w") as out:
        json.dump(meta, out)
    """

    /// Decodes `bytes` (a whole PNG or GIF file) with Pillow.
    static func decode(_ bytes: [UInt8], name: String) throws -> Decoded {
        let folder = try TemporaryDirectory()
        let path = try folder.file(name, bytes)
        let result = try ExternalTool.run("python3", ["-c", script, path, folder.path])
        guard result.status == 0 else { throw PillowFailed(output: result.output) }
        let meta = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/meta.json"))
        var decoded = try JSONDecoder().decode(Decoded.self, from: meta)
        decoded.frames = try (0..<decoded.frameCount).map { index in
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(folder.path)/\(index).rgba")))
        }
        return decoded
    }

    struct PillowFailed: Error, CustomStringConvertible {
        var output: String
        var description: String { "Pillow could not read the file:\n\(output)" }
    }
}
