import Foundation
import Testing
import VizTestSupport

/// Issue 5 §6: the built binary on a short real run — every file of SPEC §4–§5 exists, passes the
/// independent checkers (pngcheck, gifbuild, Pillow), has the right GIF frame count; snapshot and
/// model names and shapes as Python sees them; the identity check; the chart commands.
@Suite("viz end to end", .serialized)
struct EndToEndTests {
    /// 2 epochs of 90 images, 3 probes per class: about a second even in a debug build.
    static let shortRun = ["--epochs", "2", "--train-samples", "90", "--test-samples", "45",
                           "--probes-per-class", "3", "--batch-size", "16"]

    static let figures: [String] =
        ["training_curves.png", "fc1_all_classes.png", "contribution_ranking_all_classes.png"]
        + (0...8).map { "contribution_ranking_class\($0)_5samples.png" }
        + (0...8).map { "all_class_contrib_true\($0).png" }
        + ["conv1", "pool1", "conv2", "pool2", "fc1"].map { "\($0)_fmap_evolution.gif" }
        + ["dataset_preview.png", "fc1_embedding_evolution.gif", "confusion_matrix.png", "confusion_evolution.gif"]
        + (0...8).map { "contribution_ranking_evolution_class\($0).gif" }
        + ["fc1_units_over_time.png", "weight_histograms.png"]
        + (0...8).map { "attribution_class\($0).png" }
        + ["gradcam_evolution.gif", "attribution_focus.png"]

    /// One run shared by the tests of this suite (they only read it).
    static let run: Result<(sandbox: Sandbox, result: VizBinary.Result), any Error> = Result {
        let sandbox = try Sandbox(.empty)
        let result = try VizBinary.run(["train-and-render", "--out", sandbox.path + "/out"] + shortRun, in: sandbox.path)
        return (sandbox, result)
    }

    static func out() throws -> String { try run.get().sandbox.path + "/out" }

    @Test func trainAndRenderSucceedsAndSaysWhatItWrote() throws {
        let (_, result) = try Self.run.get()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.signaled)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        let identity = try #require(lines.first { $0.hasPrefix("identity check: max |error| ") })
        // Epoch ends 0, 1, 2 and steps 2, 3, 4, 8, 11 of 6 per epoch (√2 apart).
        #expect(identity.hasSuffix(" over 27 probes × 9 logits × 8 snapshots"))
        let focus = try #require(lines.first { $0.hasPrefix("attention on the square: ") })
        #expect(focus.wholeMatch(of: /attention on the square: Grad-CAM \d+ %, grad×input \d+ %/) != nil, "\(focus)")
        let out = try Self.out()
        for name in Self.figures {
            #expect(lines.contains("wrote \(out)/\(name)"), "no line for \(name)")
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) missing")
        }
        for name in ["run.json", "metrics.jsonl", "model.safetensors", "checkpoint.safetensors",
                     "snapshots/epoch_000.safetensors", "snapshots/epoch_001.safetensors", "snapshots/epoch_002.safetensors"] {
            #expect(FileManager.default.fileExists(atPath: out + "/run/" + name), "run/\(name) missing")
        }
        // Nothing else: no temporary file left behind, no stray figure.
        #expect(lines.last == "wrote \(out)/index.html")
        let written = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0 != "run" }.sorted()
        #expect(written == (Self.figures + ["index.html"]).sorted())
    }

    @Test func everyPNGPassesPngcheck() throws {
        let out = try Self.out()
        let pngs = Self.figures.filter { $0.hasSuffix(".png") }.map { out + "/" + $0 }
        let check = try ExternalTool.run("pngcheck", ["-q"] + pngs)
        #expect(check.status == 0, "\(check.output)")
    }

    @Test func everyGIFPassesGifbuild() throws {
        let out = try Self.out()
        for gif in Self.figures.filter({ $0.hasSuffix(".gif") }) {
            let check = try ExternalTool.run("gifbuild", ["-d", out + "/" + gif])
            #expect(check.status == 0, "\(gif): \(check.output.prefix(300))")
            #expect(check.output.contains("netscape loop 0"), "\(gif) does not loop forever")
        }
    }

    /// Pillow verifies and decodes every file, counts frames (one per snapshot: epochs 0…2) and
    /// reads the loop flag and the delays (last frame held longer).
    @Test func pillowDecodesEveryFigure() throws {
        let out = try Self.out()
        let script = """
            import sys
            from PIL import Image
            out = sys.argv[1]
            for name in sys.argv[2:]:
                Image.open(f"{out}/{name}").verify()
                im = Image.open(f"{out}/{name}")
                im.load()
                if name.endswith(".gif"):
                    durations = []
                    for i in range(im.n_frames):
                        im.seek(i); im.load(); durations.append(im.info["duration"])
                    assert im.n_frames == 8, (name, im.n_frames)
                    assert im.info.get("loop") == 0, (name, im.info.get("loop"))
                    assert durations[-1] > durations[0], (name, durations)
                else:
                    assert im.size[0] >= 600 and im.size[1] >= 400, (name, im.size)
            print("ok", len(sys.argv) - 2)
            """
        let check = try ExternalTool.run("python3", ["-c", script, out] + Self.figures)
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("ok \(Self.figures.count)"))
    }

    /// Names, dtypes and shapes as an independent reader sees them (Python's json on the header).
    @Test func snapshotAndModelHaveTheSpecNamesAndShapes() throws {
        let out = try Self.out()
        let script = """
            import json, struct, sys
            def header(path):
                with open(path, "rb") as f:
                    n = struct.unpack("<Q", f.read(8))[0]
                    h = json.loads(f.read(n))
                meta = h.pop("__metadata__", {})
                return {k: (v["dtype"], v["shape"]) for k, v in h.items()}, meta
            snap, meta = header(sys.argv[1] + "/run/snapshots/epoch_002.safetensors")
            model, _ = header(sys.argv[1] + "/run/model.safetensors")
            print(json.dumps({"snapshot": snap, "epoch": meta.get("epoch"), "gradcam_layer": meta.get("gradcam_layer"), "model": model}, sort_keys=True))
            """
        let check = try ExternalTool.run("python3", ["-c", script, out])
        #expect(check.status == 0, "\(check.output)")
        let json = try JSONSerialization.jsonObject(with: Data(check.output.utf8)) as? [String: Any]
        let snapshot = try #require(json?["snapshot"] as? [String: [Any]])
        let expected: [String: (String, [Int])] = [
            "input": ("F32", [27, 1, 32, 32]), "label": ("I64", [27]), "conv1": ("F32", [27, 16, 32, 32]),
            "pool1": ("F32", [27, 16, 16, 16]), "conv2": ("F32", [27, 32, 16, 16]), "pool2": ("F32", [27, 32, 8, 8]),
            "fc1": ("F32", [27, 64]), "logits": ("F32", [27, 9]), "fc2.weight": ("F32", [9, 64]), "fc2.bias": ("F32", [9]),
            // The optional tensors of RUN_FORMAT.md: the whole test set, the parameters, attributions, squares.
            "test.label": ("I64", [45]), "test.logits": ("F32", [45, 9]), "test.features": ("F32", [45, 64]),
            "param.conv1.weight": ("F32", [16, 1, 3, 3]), "param.conv1.bias": ("F32", [16]),
            "param.conv2.weight": ("F32", [32, 16, 3, 3]), "param.conv2.bias": ("F32", [32]),
            "param.fc1.weight": ("F32", [64, 2048]), "param.fc1.bias": ("F32", [64]),
            "param.fc2.weight": ("F32", [9, 64]), "param.fc2.bias": ("F32", [9]),
            "grad_input": ("F32", [27, 1, 32, 32]), "gradcam": ("F32", [27, 16, 16]), "square": ("I64", [27, 4]),
        ]
        #expect(Set(snapshot.keys) == Set(expected.keys))
        for (name, (dtype, shape)) in expected {
            #expect(snapshot[name]?[0] as? String == dtype, "\(name)")
            #expect(snapshot[name]?[1] as? [Int] == shape, "\(name)")
        }
        #expect(json?["epoch"] as? String == "2" && json?["gradcam_layer"] as? String == "conv2")
        let model = try #require(json?["model"] as? [String: [Any]])
        let modelShapes = model.mapValues { $0[1] as? [Int] ?? [] }
        #expect(modelShapes == [
            "conv1.weight": [16, 1, 3, 3], "conv1.bias": [16], "conv2.weight": [32, 16, 3, 3], "conv2.bias": [32],
            "fc1.weight": [64, 2048], "fc1.bias": [64], "fc2.weight": [9, 64], "fc2.bias": [9],
        ])
    }

    @Test func chartRedrawsTheSameFileAndPrintsItsPath() throws {
        let (sandbox, _) = try Self.run.get()
        let out = try Self.out()
        let name = "contribution_ranking_class2_5samples.png"
        let before = try #require(FileManager.default.contents(atPath: out + "/" + name))
        let result = try VizBinary.run(["chart", "contrib", "--class", "2", "--out", out], in: sandbox.path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "wrote \(out)/\(name)\n")
        #expect(FileManager.default.contents(atPath: out + "/" + name) == before)

        // --epoch picks another snapshot: same file name, other pixels; written to a copy of the run.
        let earlier = try VizBinary.run(["chart", "evolution", "--layer", "conv1", "--epoch", "1", "--out", out], in: sandbox.path)
        #expect(earlier.status == 0, "\(earlier.standardError)")
        let frames = try ExternalTool.run("python3", ["-c", "from PIL import Image; print(Image.open('\(out)/conv1_fmap_evolution.gif').n_frames)"])
        #expect(frames.output.trimmingCharacters(in: .whitespacesAndNewlines) == "5")  // epoch 0, steps 2, 3, 4, epoch 1
        // Restore the full animation for the other tests of this suite.
        _ = try VizBinary.run(["chart", "evolution", "--layer", "conv1", "--out", out], in: sandbox.path)
    }

    /// `viz chart gallery` writes only index.html, the same bytes `train-and-render` wrote; without a
    /// run it writes nothing.
    @Test func chartGalleryRewritesThePage() throws {
        let (sandbox, _) = try Self.run.get()
        let out = try Self.out()
        let before = try #require(FileManager.default.contents(atPath: out + "/index.html"))
        let result = try VizBinary.run(["chart", "gallery", "--out", out], in: sandbox.path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "wrote \(out)/index.html\n")
        #expect(FileManager.default.contents(atPath: out + "/index.html") == before)

        let empty = sandbox.path + "/empty"
        let none = try VizBinary.run(["chart", "gallery", "--out", empty], in: sandbox.path)
        #expect(none.status == 66, "\(none.standardError)")
        #expect(!FileManager.default.fileExists(atPath: empty + "/index.html"))
    }

    @Test func theSameSeedGivesTheSameBytesWithOneThread() throws {
        let (sandbox, _) = try Self.run.get()
        let other = sandbox.path + "/again"
        let result = try VizBinary.run(["train-and-render", "--threads", "1", "--out", other] + Self.shortRun, in: sandbox.path)
        #expect(result.status == 0, "\(result.standardError)")
        let out = try Self.out()
        let files = Self.figures + ["run/model.safetensors"] + (0...2).map { "run/snapshots/epoch_00\($0).safetensors" }
        for name in files {
            let a = FileManager.default.contents(atPath: out + "/" + name)
            let b = FileManager.default.contents(atPath: other + "/" + name)
            #expect(a != nil && a == b, "\(name) differs between 2 threads and 1")
        }
    }
}
