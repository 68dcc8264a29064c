import Testing
@testable import Figures
import RunFormat

/// Whole figures held to the exact pixels they had when they were last looked at and judged: any
/// change to layout, fonts, colours or the numbers drawn shows here.
///
/// The digest is FNV-1a (64 bits) of the RGBA canvas before encoding, so it does not depend on the
/// zlib or libpng version. After an intended change: look at the figures
/// (`swift run -c release viz-bench render --write /tmp/golden` draws the same synthetic run), then
/// run `scripts/test.sh --filter GoldenFigureTests`; the failure names each new digest to paste here.
@Suite struct GoldenFigureTests {
    static let expected: [String: UInt64] = [
        "contribution_ranking_class2_5samples.png": 0x46d3_a593_94c5_d1e9,
        "training_curves.png": 0x2aea_388e_c946_e12a,  // legend keys show each series' own marker
        "fc1_fmap_evolution.gif, last frame": 0xfbe5_82de_7038_88ce,
    ]

    static func digest(_ pixels: [UInt8]) -> UInt64 {
        pixels.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    @Test func wholeFiguresKeepTheirPixels() throws {
        let files = try FigureFixture.plannedFiles()
        var actual: [String: UInt64] = [:]
        for file in files {
            switch file.content {
            case let .still(plan) where Self.expected[file.fileName] != nil:
                actual[file.fileName] = Self.digest(plan.render().pixels)
            case let .animation(frames, _) where Self.expected[file.fileName + ", last frame"] != nil:
                actual[file.fileName + ", last frame"] = frames.last.map { Self.digest($0.render().pixels) }
            default: break
            }
        }
        for (name, digest) in Self.expected.sorted(by: { $0.key < $1.key }) {
            #expect(actual[name] == digest, "\(name): pixel digest is now 0x\(String(actual[name] ?? 0, radix: 16))")
        }
    }
}
