import Testing

@Test func AnalysisBuilds() { #expect(1 + 1 == 2) }
