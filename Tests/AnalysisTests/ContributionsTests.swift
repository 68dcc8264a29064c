import Testing
@testable import Analysis

@Suite struct ContributionsTests {
    @Test func productOfActivationAndWeightPerClassAndUnit() throws {
        let fc1: [Float] = [1, 2, 0, -3]
        let weight: [[Float]] = [[0.5, -1, 7, 2], [4, 0.25, -2, -1]]
        let contributions = try Contributions.of(fc1: fc1, weight: weight)
        #expect(contributions == [[0.5, -2, 0, -6], [4, 0.5, 0, 3]])
    }

    @Test func emptyInputsGiveEmptyRows() throws {
        #expect(try Contributions.of(fc1: [], weight: []) == [])
        #expect(try Contributions.of(fc1: [], weight: [[], []]) == [[], []])
    }

    @Test func shortWeightRowIsReportedNotTrapped() {
        #expect(throws: AnalysisError.shapeMismatch(what: "fc2.weight row 1", expected: 3, actual: 2)) {
            try Contributions.of(fc1: [1, 2, 3], weight: [[1, 1, 1], [1, 1]])
        }
    }

    @Test func flatBufferSplitsIntoRowMajorRows() throws {
        let rows = try Contributions.rows(of: [1, 2, 3, 4, 5, 6], rows: 2, columns: 3, name: "fc1")
        #expect(rows == [[1, 2, 3], [4, 5, 6]])
        #expect(try Contributions.rows(of: [], rows: 0, columns: 64, name: "fc1") == [])
    }

    @Test(arguments: [(5, 2, 3, 6), (6, 3, 3, 9), (6, -2, -3, 6), (6, Int.max, 2, Int.max)])
    func flatBufferOfWrongSizeThrows(count: Int, rows: Int, columns: Int, expected: Int) {
        #expect(throws: AnalysisError.shapeMismatch(what: "fc1", expected: expected, actual: count)) {
            try Contributions.rows(of: [Float](repeating: 1, count: count), rows: rows, columns: columns, name: "fc1")
        }
    }
}
