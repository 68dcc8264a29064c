import Testing

@Test func SafeTensorsBuilds() { #expect(1 + 1 == 2) }
