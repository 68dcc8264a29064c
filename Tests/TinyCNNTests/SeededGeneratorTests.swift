import Testing
@testable import TinyCNN

@Suite struct SeededGeneratorTests {
    /// Known answers computed by an independent Python transcription of SplitMix64 + xoshiro256**.
    @Test func matchesTheReferenceAlgorithm() {
        var generator = SeededGenerator(seed: 42)
        #expect([generator.next(), generator.next(), generator.next()] == [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1])
    }

    @Test func exportedStateContinuesTheSameSequence() throws {
        var original = SeededGenerator(seed: 7)
        for _ in 0..<10 { _ = original.next() }
        var restored = try SeededGenerator(state: original.state)
        #expect((0..<100).map { _ in original.next() } == (0..<100).map { _ in restored.next() })
    }

    @Test func allZeroStateIsRejected() {
        #expect(throws: TrainingError.invalidState(reason: "the random generator state is all zero")) {
            try SeededGenerator(state: (0, 0, 0, 0))
        }
    }

    @Test(arguments: [1, 2, 5, 9, 1000])
    func boundedIntegersStayInRangeAndCoverIt(bound: Int) {
        var generator = SeededGenerator(seed: UInt64(bound))
        let draws = (0..<5000).map { _ in generator.nextInt(below: bound) }
        #expect(draws.allSatisfy { (0..<bound).contains($0) })
        if bound <= 9 { #expect(Set(draws).count == bound) }
    }

    @Test func normalsHaveMeanZeroAndUnitVariance() {
        var generator = SeededGenerator(seed: 3)
        var values: [Double] = []
        for _ in 0..<20_000 {
            let (a, b) = generator.nextNormalPair()
            values += [a, b]
        }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        #expect(abs(mean) < 0.02)
        #expect(abs(variance - 1) < 0.03)
    }

    @Test func unitFloatsAreInTheHalfOpenInterval() {
        var generator = SeededGenerator(seed: 11)
        let values = (0..<10_000).map { _ in generator.nextUnitFloat() }
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(values.min()! < 0.01 && values.max()! > 0.99)
    }
}
