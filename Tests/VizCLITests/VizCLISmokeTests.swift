import Testing

@Test func VizCLIBuilds() { #expect(1 + 1 == 2) }
