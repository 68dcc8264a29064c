import Foundation
import ImageIO
import Testing
import VizTestSupport

/// The writers' output passes independent checkers: pngcheck (libpng-free PNG validator),
/// giflib's `gifbuild -d` (a full decode and dump) and Pillow (verify, then every frame).
@Suite("Independent checkers")
struct CheckerTests {
    static func pngcheck(_ png: [UInt8]) throws -> ExternalTool.Result {
        let folder = try TemporaryDirectory()
        return try ExternalTool.run("pngcheck", ["-vt", try folder.file("a.png", png)])
    }

    static func gifbuildDump(_ gif: [UInt8]) throws -> ExternalTool.Result {
        let folder = try TemporaryDirectory()
        return try ExternalTool.run("gifbuild", ["-d", try folder.file("a.gif", gif)])
    }

    @Test("pngcheck accepts RGB and RGBA files with text at every size", arguments: TestImages.sizes)
    func pngcheckAccepts(width: Int, height: Int) throws {
        for opaque in [true, false] {
            var pixels = TestImages.noise(width: width, height: height, seed: 9, opaque: opaque)
            if !opaque { pixels[3] = 0 }
            let png = try PNG.encode(rgba: pixels, width: width, height: height,
                                     options: .init(text: [.software("viz"), .seed(42)]))
            let result = try Self.pngcheck(png)
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("\(width) x \(height) image, \(opaque ? "24-bit RGB" : "32-bit RGB+alpha")"))
            #expect(result.output.contains("keyword: Software") && result.output.contains("keyword: Seed"))
            #expect(result.output.contains("No errors detected"))
        }
    }

    @Test("gifbuild -d decodes exact and quantised animations: frames, delays, loop", arguments: [20, 1000])
    func gifbuildAccepts(colorCount: Int) throws {
        let colors = TestImages.distinctColors(colorCount, seed: 10)
        let frames = (0..<4).map { TestImages.fromPalette(colors, width: 33, height: 21, seed: UInt64($0)) }
        let gif = try GIF.encodeAnimation(frames: frames, width: 33, height: 21, delaysCentiseconds: [7, 7, 7, 250])
        let result = try Self.gifbuildDump(gif)
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("screen width 33") && lines.contains("screen height 21"))
        #expect(lines.contains("netscape loop 0"))
        #expect(lines.filter { $0.hasPrefix("image #") }.count == 4)
        #expect(lines.filter { $0.hasPrefix("delay ") } == ["delay 7", "delay 7", "delay 7", "delay 250"])

        let pillow = try Pillow.decode(gif, name: "a.gif") // verify() and every frame load
        #expect(pillow.frameCount == 4 && pillow.loop == 0 && pillow.durations == [70, 70, 70, 2500])
    }

    @Test("the checkers reject damaged files, so a pass means something")
    func checkersRejectDamage() throws {
        var png = try PNG.encode(rgba: TestImages.noise(width: 40, height: 40, seed: 1, opaque: true), width: 40, height: 40)
        png[png.count / 2] ^= 0xFF
        #expect(try Self.pngcheck(png).status != 0)
        #expect(throws: Pillow.PillowFailed.self) { try Pillow.decode(png, name: "a.png") }

        let frame = TestImages.noise(width: 40, height: 40, seed: 2, opaque: true)
        let gif = try GIF.encodeAnimation(frames: [frame], width: 40, height: 40, delaysCentiseconds: [5])
        #expect(try Self.gifbuildDump(Array(gif.prefix(gif.count / 2))).status != 0)
    }
}
