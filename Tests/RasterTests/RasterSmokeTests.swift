import Testing

@Test func RasterBuilds() { #expect(1 + 1 == 2) }
