import Foundation
import Testing
@testable import Figures
import ImageIO
import Raster
import RunFormat

@Suite struct ScratchTiming {
    @Test func breakdown() throws {
        guard let out = ProcessInfo.processInfo.environment["SCRATCH_RUN"] else { return }
        let run = try RunFolder(out: out).readRun()
        let inputs = FigureInputs(run: run)
        let last = inputs.snapshots.count - 1
        let context = try FigureRenderer.context(endingAt: last, from: inputs)
        var t0 = Date()
        let digests = try FigureRenderer.load(Array(0...last), from: inputs, context: context, detailsOf: last, threads: 1)
        print("load \(digests.count): \(Date().timeIntervalSince(t0) * 1000) ms")
        var lines: [String] = []
        for kind in FigureKind.all(for: inputs.model) {
            let file = FigureRenderer.plan(kind, digests: digests, inputs: inputs, context: context)
            var canvas = Canvas(width: 0, height: 0)
            switch file.content {
            case let .still(plan):
                t0 = Date(); plan.render(into: &canvas); let draw = Date().timeIntervalSince(t0)
                t0 = Date(); _ = try PNG.encode(rgba: canvas.pixels, width: canvas.width, height: canvas.height); let enc = Date().timeIntervalSince(t0)
                lines.append("\(file.fileName) draw \(Int(draw * 1e4) / 10) png \(Int(enc * 1e4) / 10)")
            case let .animation(frames, delays):
                let writer = try GIF.AnimationWriter(width: frames[0].width, height: frames[0].height)
                var draw = 0.0, enc = 0.0, plan = 0.0
                for (i, d) in zip(frames.indices, delays) {
                    t0 = Date(); let p = frames[i]; plan += Date().timeIntervalSince(t0)
                    t0 = Date(); p.render(into: &canvas); draw += Date().timeIntervalSince(t0)
                    t0 = Date(); try writer.append(canvas.pixels, delayCentiseconds: d); enc += Date().timeIntervalSince(t0)
                }
                let bytes = try writer.finish()
                lines.append("\(file.fileName) plan \(Int(plan * 1e4) / 10) draw \(Int(draw * 1e4) / 10) gif \(Int(enc * 1e4) / 10) size \(bytes.count / 1000) kB")
            }
        }
        print(lines.joined(separator: "\n"))
    }
}
