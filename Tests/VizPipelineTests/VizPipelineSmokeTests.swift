import Testing

@Test func VizPipelineBuilds() { #expect(1 + 1 == 2) }
