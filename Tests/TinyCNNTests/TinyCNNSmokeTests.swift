import Testing

@Test func TinyCNNBuilds() { #expect(1 + 1 == 2) }
