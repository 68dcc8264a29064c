import Testing
import Analysis

@Suite struct RankingTests {
    @Test func largestMagnitudeFirstKeepingTheSign() {
        let ranking = RankedUnit.ranking([0.5, -3, 2, 0.1], top: 3)
        #expect(ranking == [
            RankedUnit(unit: 1, value: -3), RankedUnit(unit: 2, value: 2), RankedUnit(unit: 0, value: 0.5),
        ])
    }

    @Test func tiesInMagnitudeGoByAscendingUnitIndex() {
        let ranking = RankedUnit.ranking([1, -2, 2, -1, 0, -0.0], top: 6)
        #expect(ranking.map(\.unit) == [1, 2, 0, 3, 4, 5])
    }

    @Test func nanGoesLastInUnitOrderAndInfinityFirst() {
        let ranking = RankedUnit.ranking([.nan, 1, -.infinity, .nan, -5], top: 5)
        #expect(ranking.map(\.unit) == [2, 4, 1, 0, 3])
        #expect(ranking[3].value.isNaN && ranking[4].value.isNaN)
    }

    @Test(arguments: [0, -1])
    func nonPositiveTopIsEmpty(top: Int) {
        #expect(RankedUnit.ranking([1, 2, 3], top: top).isEmpty)
    }

    @Test func topBeyondCountReturnsEverything() {
        #expect(RankedUnit.ranking([3, 1], top: 10).map(\.unit) == [0, 1])
        #expect(RankedUnit.ranking([], top: 10).isEmpty)
    }
}
