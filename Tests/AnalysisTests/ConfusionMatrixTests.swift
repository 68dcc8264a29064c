import Testing
import Analysis

/// Confusion matrices counted by hand.
@Suite struct ConfusionMatrixTests {
    @Test func countsRowsAsTrueAndColumnsAsPredicted() throws {
        // true:      0  0  1  1  2  2  2
        // predicted: 0  1  1  1  2  0  none
        let m = try ConfusionMatrix(labels: [0, 0, 1, 1, 2, 2, 2], predictions: [0, 1, 1, 1, 2, 0, nil], classCount: 3)
        #expect(m.counts == [1, 1, 0,
                             0, 2, 0,
                             1, 0, 1])
        #expect(m.unpredicted == [0, 0, 1])
        #expect(m.count(trueClass: 2, predicted: 0) == 1 && m.count(trueClass: 0, predicted: 2) == 0)
        #expect(m.count(trueClass: 3, predicted: 0) == 0 && m.count(trueClass: 0, predicted: -1) == 0)
        #expect(m.support == [2, 2, 3])
        #expect(m.recall == [0.5, 1, 1.0 / 3])
        #expect(m.total == 7 && m.correct == 4)
        #expect(m.accuracy == 4.0 / 7)
    }

    @Test func classesWithoutSamplesHaveNoRecall() throws {
        let m = try ConfusionMatrix(labels: [0, 0, 2], predictions: [0, 3, 2], classCount: 4)
        #expect(m.recall == [0.5, nil, 1, nil])
        #expect(m.count(trueClass: 0, predicted: 3) == 1, "a class can be predicted without being present")
        let empty = try ConfusionMatrix(labels: [], predictions: [], classCount: 9)
        #expect(empty.counts == [Int](repeating: 0, count: 81) && empty.accuracy == nil && empty.recall.allSatisfy { $0 == nil })
        let none = try ConfusionMatrix(labels: [], predictions: [], classCount: 0)
        #expect(none.counts.isEmpty && none.recall.isEmpty && none.accuracy == nil)
    }

    @Test func predictionIsTheFirstLargestLogit() {
        #expect(ConfusionMatrix.predictedClass([1, 3, 2] as [Float]) == 1)
        #expect(ConfusionMatrix.predictedClass([5, 5, 2] as [Float]) == 0, "ties: the first")
        #expect(ConfusionMatrix.predictedClass([-.infinity, -.infinity] as [Float]) == 0)
        #expect(ConfusionMatrix.predictedClass([1, .infinity, .infinity] as [Float]) == 1)
        #expect(ConfusionMatrix.predictedClass([1, .nan, 9] as [Float]) == nil, "NaN: no prediction")
        #expect(ConfusionMatrix.predictedClass([Float]()) == nil)
        let logits: [Float] = [0, 1, 2, 3]
        #expect(ConfusionMatrix.predictedClass(logits[2...]) == 1, "indices from the slice's start")
    }

    @Test func logitsAreCountedByTheirArgmax() throws {
        let logits: [Float] = [
            2, 1, 0,       // → 0, true 0
            0, 0, 0,       // → 0 (tie), true 1
            .nan, 9, 9,    // → none, true 1
            -1, -2, 5,     // → 2, true 2
        ]
        let m = try ConfusionMatrix(labels: [0, 1, 1, 2], logits: logits, classCount: 3)
        #expect(m.counts == [1, 0, 0, 1, 0, 0, 0, 0, 1])
        #expect(m.unpredicted == [0, 1, 0])
        #expect(m.recall == [1, 0, 1])
        #expect(m.accuracy == 0.5, "the NaN sample counts as wrong")
    }

    @Test func badInputIsATypedError() {
        #expect(throws: AnalysisError.shapeMismatch(what: "predictions", expected: 2, actual: 1)) {
            try ConfusionMatrix(labels: [0, 1], predictions: [0], classCount: 2)
        }
        #expect(throws: AnalysisError.labelOutOfRange(label: 2, classCount: 2)) {
            try ConfusionMatrix(labels: [0, 2], predictions: [0, 1], classCount: 2)
        }
        #expect(throws: AnalysisError.labelOutOfRange(label: -1, classCount: 2)) {
            try ConfusionMatrix(labels: [-1], predictions: [nil], classCount: 2)
        }
        #expect(throws: AnalysisError.predictionOutOfRange(prediction: 5, classCount: 2)) {
            try ConfusionMatrix(labels: [0], predictions: [5], classCount: 2)
        }
        #expect(throws: AnalysisError.shapeMismatch(what: "logits", expected: 6, actual: 5)) {
            try ConfusionMatrix(labels: [0, 1], logits: [1, 2, 3, 4, 5], classCount: 3)
        }
        #expect(throws: AnalysisError.labelOutOfRange(label: 0, classCount: -2)) {
            try ConfusionMatrix(labels: [0], predictions: [0], classCount: -2)
        }
    }
}
