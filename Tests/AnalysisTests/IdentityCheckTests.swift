import Testing
@testable import Analysis

@Suite struct IdentityCheckTests {
    // Two probes, two units, two logits; logits computed by hand:
    // probe 0: fc1 (1, 2): logit0 = 1·0.5 + 2·(−1) + 0.25 = −1.25, logit1 = 1·2 + 2·0 − 1 = 1
    // probe 1: fc1 (0, 4): logit0 = 0 − 4 + 0.25 = −3.75,            logit1 = 0 + 0 − 1 = −1
    let fc1: [[Float]] = [[1, 2], [0, 4]]
    let weight: [[Float]] = [[0.5, -1], [2, 0]]
    let bias: [Float] = [0.25, -1]
    let exactLogits: [[Float]] = [[-1.25, 1], [-3.75, -1]]

    @Test func exactLogitsGiveZeroErrorAndPass() throws {
        var check = IdentityCheck()
        try check.add(snapshot: 0, fc1: fc1, weight: weight, bias: bias, logits: exactLogits)
        #expect(check.maxError == 0)
        #expect(check.maxReferenceError == 0)
        #expect(check.passed)
        #expect(check.summary == "identity check: max |error| 0.0e+00 over 2 probes × 2 logits × 1 snapshots")
    }

    @Test func worstErrorAndItsLocationAreKeptAcrossSnapshots() throws {
        var check = IdentityCheck()
        try check.add(snapshot: 0, fc1: fc1, weight: weight, bias: bias, logits: exactLogits)
        var off = exactLogits
        off[1][0] += 0.5   // −3.25 instead of −3.75
        try check.add(snapshot: 1, fc1: fc1, weight: weight, bias: bias, logits: off)
        var lessOff = exactLogits
        lessOff[0][1] += 0.25
        try check.add(snapshot: 2, fc1: fc1, weight: weight, bias: bias, logits: lessOff)
        #expect(check.maxError == 0.5)
        #expect(check.maxReferenceError == 0.5)
        #expect(check.worst == IdentityCheck.Location(snapshot: 1, probe: 1, logit: 0))
        #expect(check.snapshotCount == 3)
        #expect(!check.passed)
        #expect(check.summary == "identity check: max |error| 5.0e-01 over 2 probes × 2 logits × 3 snapshots"
            + " — 1.2e-01 of the terms' size, above the limit 1.0e-04 at snapshot 1, probe 1, logit 0")
    }

    /// The renderer checks snapshots on several threads, each alone, and merges them in order.
    @Test func checksMergedInOrderEqualTheSameSnapshotsAddedInOrder() throws {
        var off = exactLogits, lessOff = exactLogits, tie = exactLogits
        off[1][0] += 0.5
        lessOff[0][1] += 0.25
        tie[1][0] += 0.5  // as large as snapshot 1's: the earlier one stays the worst
        let snapshots: [[[Float]]] = [exactLogits, off, [[.nan, 1], [-3.75, -1]], lessOff, tie]
        for cases in [[0, 1, 3, 4], [0, 3, 1, 4], [0, 2, 1, 4], [4, 1]] {
            var added = IdentityCheck(), merged = IdentityCheck()
            for snapshot in cases {
                try added.add(snapshot: snapshot, fc1: fc1, weight: weight, bias: bias, logits: snapshots[snapshot])
                var alone = IdentityCheck()
                try alone.add(snapshot: snapshot, fc1: fc1, weight: weight, bias: bias, logits: snapshots[snapshot])
                try merged.merge(alone)
            }
            #expect(merged.summary == added.summary, "\(cases)")
            #expect(merged.worst == added.worst && merged.maxError.bitPattern == added.maxError.bitPattern, "\(cases)")
            #expect(merged.maxReferenceError.bitPattern == added.maxReferenceError.bitPattern, "\(cases)")
            #expect(merged.snapshotCount == added.snapshotCount && merged.passed == added.passed, "\(cases)")
        }
        var two = IdentityCheck(), one = IdentityCheck()
        try two.add(snapshot: 0, fc1: fc1, weight: weight, bias: bias, logits: exactLogits)
        try one.add(snapshot: 1, fc1: [[1, 2]], weight: weight, bias: bias, logits: [[-1.25, 1]])
        #expect(throws: AnalysisError.shapeMismatch(what: "probes of snapshot 1", expected: 2, actual: 1)) { try two.merge(one) }
        #expect(two.snapshotCount == 1)
    }

    @Test func errorJustBelowThresholdPassesJustAboveFails() throws {
        var below = IdentityCheck()
        try below.add(snapshot: 0, fc1: [[0]], weight: [[0]], bias: [0], logits: [[0.5e-4]])
        #expect(below.passed)
        var above = IdentityCheck()
        try above.add(snapshot: 0, fc1: [[0]], weight: [[0]], bias: [0], logits: [[2e-4]])
        #expect(!above.passed)
    }

    @Test func theLimitGrowsWithTheSizeOfTheTerms() throws {
        // Terms of 1e9 (a run with a far too large learning rate): an error of 1e3 is 1e-6 of them,
        // float rounding, and passes; the same error on terms of size 1 is a broken identity.
        var large = IdentityCheck()
        try large.add(snapshot: 0, fc1: [[1e5, 1e4]], weight: [[1e4, -1e4]], bias: [0], logits: [[9e8 + 1e3]])
        #expect(abs(large.maxError - 1e3) < 100)
        #expect(large.passed)
        var small = IdentityCheck()
        try small.add(snapshot: 0, fc1: [[1]], weight: [[1]], bias: [0], logits: [[1 + 1e-3]])
        #expect(!small.passed)
    }

    @Test func nanIsNeverHiddenByALargerFiniteError() throws {
        var check = IdentityCheck()
        try check.add(snapshot: 0, fc1: [[1]], weight: [[1]], bias: [0], logits: [[.nan]])
        try check.add(snapshot: 1, fc1: [[1]], weight: [[1]], bias: [0], logits: [[1000]])
        #expect(check.maxError.isNaN)
        #expect(check.maxReferenceError.isNaN)
        #expect(check.worst == IdentityCheck.Location(snapshot: 0, probe: 0, logit: 0))
        #expect(!check.passed)
    }

    @Test func floatSumFollowsDotProductOrderWhileReferenceIsExact() throws {
        // 1e8 + 1 − 1e8 in Float loses the 1 (Float has 24 bits); Double keeps it.
        var check = IdentityCheck()
        try check.add(snapshot: 0, fc1: [[1, 1, 1]], weight: [[1e8, 1, -1e8]], bias: [0], logits: [[1]])
        #expect(check.maxError == 1)
        #expect(check.maxReferenceError == 0)
    }

    @Test func nothingCheckedDoesNotPass() {
        let check = IdentityCheck()
        #expect(!check.passed)
        #expect(check.summary == "identity check: nothing checked (0 snapshots)")
    }

    @Test func snapshotWithDifferentProbeCountIsRejectedAndNotCounted() throws {
        var check = IdentityCheck()
        try check.add(snapshot: 0, fc1: fc1, weight: weight, bias: bias, logits: exactLogits)
        #expect(throws: AnalysisError.shapeMismatch(what: "probes of snapshot 1", expected: 2, actual: 1)) {
            try check.add(snapshot: 1, fc1: [fc1[0]], weight: weight, bias: bias, logits: [exactLogits[0]])
        }
        #expect(check.snapshotCount == 1)
    }

    @Test func badShapesAreErrors() {
        var check = IdentityCheck()
        #expect(throws: AnalysisError.shapeMismatch(what: "fc2.bias", expected: 2, actual: 1)) {
            try check.add(snapshot: 0, fc1: fc1, weight: weight, bias: [0], logits: exactLogits)
        }
        #expect(throws: AnalysisError.shapeMismatch(what: "logits of probe 1", expected: 2, actual: 1)) {
            try check.add(snapshot: 0, fc1: fc1, weight: weight, bias: bias, logits: [[0, 0], [0]])
        }
        #expect(throws: AnalysisError.shapeMismatch(what: "fc1 of probe 0", expected: 2, actual: 3)) {
            try check.add(snapshot: 0, fc1: [[1, 2, 3], [1, 2]], weight: weight, bias: bias, logits: exactLogits)
        }
    }

    @Test(arguments: [
        (3.8e-6, "3.8e-06"), (1e-4, "1.0e-04"), (0, "0.0e+00"), (9.96e-5, "1.0e-04"),
        (123.4, "1.2e+02"), (-0.5, "-5.0e-01"), (Double.nan, "nan"), (Double.infinity, "inf"),
    ])
    func scientificNotationMatchesPrintf(value: Double, expected: String) {
        #expect(ScientificNotation.format(value) == expected)
    }
}
