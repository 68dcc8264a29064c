import Testing
import ImageIO

/// The size and format of our own files, read from their headers; anything else is refused.
@Suite("Image header")
struct ImageHeaderTests {
    @Test(arguments: [(1, 1), (1, 10000), (10000, 1), (1100, 460)])
    func pngSizeIsRead(_ width: Int, _ height: Int) throws {
        let png = try PNG.encode(rgba: [UInt8](repeating: 128, count: width * height * 4), width: width, height: height)
        #expect(ImageHeader(png) == ImageHeader(format: .png, width: width, height: height))
    }

    @Test func gifSizeIsRead() throws {
        let frame = [UInt8](repeating: 200, count: 3 * 5 * 4)
        let gif = try GIF.encodeAnimation(frames: [frame, frame], width: 3, height: 5, delaysCentiseconds: [10, 50])
        #expect(ImageHeader(gif) == ImageHeader(format: .gif, width: 3, height: 5))
    }

    @Test func cutOffFilesAreRefused() throws {
        let png = try PNG.encode(rgba: [UInt8](repeating: 0, count: 16), width: 2, height: 2)
        let gif = try GIF.encodeAnimation(frames: [[UInt8](repeating: 0, count: 16)], width: 2, height: 2, delaysCentiseconds: [10])
        #expect(ImageHeader(Array(png.dropLast())) == nil)
        #expect(ImageHeader(Array(gif.dropLast())) == nil)
        #expect(ImageHeader(Array(png.prefix(24))) == nil)
    }

    @Test(arguments: [[], Array("GIF89a".utf8), Array("<html></html>".utf8), [UInt8](repeating: 0, count: 64)])
    func otherBytesAreRefused(_ bytes: [UInt8]) {
        #expect(ImageHeader(bytes) == nil)
    }

    @Test func aZeroSideIsRefused() throws {
        var png = try PNG.encode(rgba: [UInt8](repeating: 0, count: 16), width: 2, height: 2)
        png[16...19] = [0, 0, 0, 0]
        #expect(ImageHeader(png) == nil)
    }
}
