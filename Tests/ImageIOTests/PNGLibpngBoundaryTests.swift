@testable import ImageIO
import Testing

@Suite("PNG writer, libpng boundary")
struct PNGLibpngBoundaryTests {
    @Test("libpng's own errors come back as ImageIOError.libpng with its message (the setjmp path)")
    func libpngErrorBecomesSwiftError() throws {
        // Level 10 passes no Swift check here, so zlib refuses it inside libpng, which longjmps
        // to CPNGWriter's setjmp; the call must return normally with libpng's message.
        do {
            _ = try PNG.libpngEncode(rgba: [0, 0, 0, 255], width: 1, height: 1, keepAlpha: false,
                                     compressionLevel: 10, filters: -1, text: TextChunks([]))
            Issue.record("libpng accepted zlib level 10")
        } catch let error {
            guard case let .libpng(message) = error else { Issue.record("unexpected \(error)"); return }
            #expect(!message.isEmpty)
        }
    }

    @Test("the widest allowed image encodes")
    func widestAllowed() throws {
        let width = PNG.allowedSide.upperBound
        let png = try PNG.encode(rgba: [UInt8](repeating: 255, count: width * 4), width: width, height: 1)
        #expect(Array(png.prefix(8)) == [137, 80, 78, 71, 13, 10, 26, 10])
    }
}
