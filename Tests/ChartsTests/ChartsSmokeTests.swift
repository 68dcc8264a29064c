import Testing

@Test func ChartsBuilds() { #expect(1 + 1 == 2) }
