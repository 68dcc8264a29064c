import Testing
import Analysis

@Suite struct ClassMeansTests {
    @Test func averagesEachClassOverItsProbes() throws {
        let vectors: [[Float]] = [[1, 2], [3, 6], [10, -10], [0, 1]]
        let means = try ClassMeans.of(vectors, labels: [0, 0, 2, 1], classCount: 3)
        #expect(means == [[2, 4], [0, 1], [10, -10]])
    }

    @Test func classWithoutProbesIsAnError() {
        #expect(throws: AnalysisError.noProbes(forClass: 1)) {
            try ClassMeans.of([[1], [2]], labels: [0, 2], classCount: 3)
        }
    }

    @Test func labelOutsideTheClassesIsAnError() {
        #expect(throws: AnalysisError.labelOutOfRange(label: 9, classCount: 9)) {
            try ClassMeans.of([[1]], labels: [9], classCount: 9)
        }
        #expect(throws: AnalysisError.labelOutOfRange(label: -1, classCount: 9)) {
            try ClassMeans.of([[1]], labels: [-1], classCount: 9)
        }
    }

    @Test func mismatchedCountsAreErrors() {
        #expect(throws: AnalysisError.shapeMismatch(what: "labels", expected: 2, actual: 1)) {
            try ClassMeans.of([[1], [2]], labels: [0], classCount: 1)
        }
        #expect(throws: AnalysisError.shapeMismatch(what: "vector of probe 1", expected: 2, actual: 1)) {
            try ClassMeans.of([[1, 2], [2]], labels: [0, 0], classCount: 1)
        }
    }

    @Test func noClassesNoMeans() throws {
        #expect(try ClassMeans.of([], labels: [], classCount: 0) == [])
    }
}
