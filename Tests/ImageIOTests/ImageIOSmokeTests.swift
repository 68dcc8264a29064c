import Testing

@Test func ImageIOBuilds() { #expect(1 + 1 == 2) }
