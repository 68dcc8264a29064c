import Testing
@testable import Analysis

/// The share of an attribution map on a rectangle of the image, counted by area, whatever the
/// map's resolution; chance; where the peak is.
@Suite struct AttributionFocusTests {
    typealias Box = AttributionFocus.Rectangle
    static let square = Box(top: 10, left: 20, height: 6, width: 6)

    @Test func aMapAtTheImagesResolutionCountsThePixelsInside() throws {
        var map = [Float](repeating: 1, count: 32 * 32)
        // 36 pixels inside hold 3 each, the 988 outside 1 each.
        for y in 10..<16 { for x in 20..<26 { map[y * 32 + x] = 3 } }
        let share = try #require(AttributionFocus.share(of: map, height: 32, width: 32, on: Self.square, imageHeight: 32, imageWidth: 32))
        #expect(abs(share - 108.0 / (108 + 988)) < 1e-12)
    }

    /// A 16×16 map covers 2×2 pixels a cell: a square starting at an odd row shares half of a
    /// cell's rows, and the cell counts by that area.
    @Test func aCoarseMapCountsCellsByTheAreaTheyShare() throws {
        var map = [Float](repeating: 0, count: 16 * 16)
        map[5 * 16 + 10] = 1  // pixels rows 10…11, columns 20…21: wholly inside
        map[7 * 16 + 12] = 1  // rows 14…15, columns 24…25: inside
        map[8 * 16 + 12] = 1  // rows 16…17: outside (the square ends at row 15)
        let share = AttributionFocus.share(of: map, height: 16, width: 16, on: Self.square, imageHeight: 32, imageWidth: 32)
        #expect(share == 2.0 / 3.0)
        let odd = Box(top: 11, left: 20, height: 6, width: 6)  // rows 11…16: half of cell row 5, half of cell row 8
        let oddShare = AttributionFocus.share(of: map, height: 16, width: 16, on: odd, imageHeight: 32, imageWidth: 32)
        #expect(oddShare == (0.5 + 1 + 0.5) / 3.0)
    }

    @Test func anEvenMapGivesChance() throws {
        let map = [Float](repeating: 0.25, count: 16 * 16)
        let share = try #require(AttributionFocus.share(of: map, height: 16, width: 16, on: Self.square, imageHeight: 32, imageWidth: 32))
        #expect(abs(share - AttributionFocus.chance(of: Self.square, imageHeight: 32, imageWidth: 32)) < 1e-12)
        #expect(AttributionFocus.chance(of: Self.square, imageHeight: 32, imageWidth: 32) == 36.0 / 1024)
        // A rectangle partly outside the image counts only its part inside.
        #expect(AttributionFocus.chance(of: Box(top: 30, left: 30, height: 6, width: 6), imageHeight: 32, imageWidth: 32) == 4.0 / 1024)
    }

    /// Grad-CAM is all zero where every channel weight is ≤ 0: no focus, not 0/0.
    @Test func noMassNoNaNAndWrongSizesGiveNoShare() {
        #expect(AttributionFocus.share(of: [Float](repeating: 0, count: 256), height: 16, width: 16, on: Self.square,
                                       imageHeight: 32, imageWidth: 32) == nil)
        #expect(AttributionFocus.share(of: [.nan] + [Float](repeating: 1, count: 255), height: 16, width: 16, on: Self.square,
                                       imageHeight: 32, imageWidth: 32) == nil)
        #expect(AttributionFocus.share(of: [1, 2, 3], height: 16, width: 16, on: Self.square, imageHeight: 32, imageWidth: 32) == nil)
        // Negative values count as no mass.
        var signed = [Float](repeating: -5, count: 256)
        signed[5 * 16 + 10] = 1
        #expect(AttributionFocus.share(of: signed, height: 16, width: 16, on: Self.square, imageHeight: 32, imageWidth: 32) == 1)
    }

    @Test func thePeakIsOnTheSquareWhenItsCellOverlapsIt() {
        var map = [Float](repeating: 0.1, count: 256)
        map[5 * 16 + 12] = 2
        #expect(AttributionFocus.peakIsOn(Self.square, of: map, height: 16, width: 16, imageHeight: 32, imageWidth: 32) == true)
        map[0] = 3
        #expect(AttributionFocus.peakIsOn(Self.square, of: map, height: 16, width: 16, imageHeight: 32, imageWidth: 32) == false)
        #expect(AttributionFocus.peakIsOn(Self.square, of: [Float](repeating: 0, count: 256), height: 16, width: 16,
                                          imageHeight: 32, imageWidth: 32) == nil)
        // Ties: the first largest value decides.
        var tie = [Float](repeating: 0, count: 256)
        tie[5 * 16 + 10] = 1
        tie[15 * 16 + 15] = 1
        #expect(AttributionFocus.peakIsOn(Self.square, of: tie, height: 16, width: 16, imageHeight: 32, imageWidth: 32) == true)
    }

    /// Gradient × input sums |g·x| over the channels; saliency takes the largest |g|. A dark pixel
    /// (x = 0) has no gradient × input whatever its gradient: why that map cannot see an inverted square.
    @Test func gradientTimesInputAndSaliencyCombineTheChannels() {
        let gradient: [Float] = [1, -2, 3, 0.5, /* channel 2 */ -4, 1, 0, 2]
        let input: [Float] = [0, 1, 0.5, 1, /* channel 2 */ 1, 0, 1, 0.5]
        #expect(AttributionFocus.gradientTimesInput(gradient: gradient, input: input, channels: 2, pixels: 4) == [4, 2, 1.5, 1.5])
        #expect(AttributionFocus.saliency(gradient: gradient, channels: 2, pixels: 4) == [4, 2, 3, 2])
        #expect(AttributionFocus.gradientTimesInput(gradient: [5, 5], input: [0, 0], channels: 1, pixels: 2) == [0, 0])
    }
}
