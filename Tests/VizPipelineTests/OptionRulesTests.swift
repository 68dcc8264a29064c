import Testing
@testable import VizPipeline

@Suite struct OptionRulesTests {
    @Test(arguments: [("1", 1), ("1000", 1000), ("+7", 7)])
    func epochsInRangeParse(text: String, expected: Int) throws {
        #expect(try OptionRules.epochs.parse(text) == expected)
    }

    @Test(arguments: ["0", "-3", "abc", "1001", "10000000", "99999999999999999999999", "", "1.5", " 5"])
    func epochsOutOfRangeNameTheRange(text: String) {
        #expect(throws: OptionError.invalid(option: "epochs", value: text, allowed: "1…1000")) {
            try OptionRules.epochs.parse(text)
        }
    }

    @Test func classMessageIsTheSpecsExample() {
        do {
            _ = try OptionRules.classIndex.parse("12")
            Issue.record("class 12 was accepted")
        } catch {
            #expect(error.rule == "class must be 0…8")
            #expect(error.description == "class must be 0…8 (got '12')")
        }
    }

    @Test(arguments: ["-1", "0", "nan", "inf", "-inf", "1e7", "abc", "0x"])
    func learningRateRefusesNonPositiveNonFiniteAndAbsurd(text: String) {
        #expect(throws: OptionError.invalid(option: "learning-rate", value: text, allowed: "a number > 0 and ≤ 1000000")) {
            try OptionRules.learningRate.parse(text)
        }
    }

    @Test(arguments: [("0.001", 0.001), ("1e4", 1e4), ("1000000", 1e6)])
    func learningRateAcceptsDivergentButFiniteRates(text: String, expected: Double) throws {
        #expect(try OptionRules.learningRate.parse(text) == expected)
    }

    @Test func noiseIsZeroToOneInclusive() throws {
        #expect(try OptionRules.noise.parse("0") == 0)
        #expect(try OptionRules.noise.parse("1") == 1)
        #expect(throws: OptionError.invalid(option: "noise", value: "-0.1", allowed: "a number 0…1")) {
            try OptionRules.noise.parse("-0.1")
        }
    }

    @Test func seedCoversAllOf64Bits() throws {
        #expect(try OptionRules.seed.parse("18446744073709551615") == UInt64.max)
        #expect(throws: OptionError.self) { try OptionRules.seed.parse("18446744073709551616") }
        #expect(throws: OptionError.self) { try OptionRules.seed.parse("-1") }
    }

    @Test func layerAndOptimizerListTheirChoices() throws {
        #expect(try OptionRules.layer.parse("pool2") == .pool2)
        #expect(throws: OptionError.invalid(option: "layer", value: "fc9", allowed: "one of conv1, pool1, conv2, pool2, fc1")) {
            try OptionRules.layer.parse("fc9")
        }
        #expect(throws: OptionError.invalid(option: "optimizer", value: "Adam", allowed: "one of adam, sgd")) {
            try OptionRules.optimizer.parse("Adam")
        }
    }

    @Test func defaultSettingsAreValid() throws {
        try TrainingOptions(threads: 1).validate()
        #expect(TrainingSettings().estimatedSnapshotBytes < 70_000_000)
    }

    @Test func testSamplesMustCoverTheProbes() {
        var settings = TrainingSettings()
        settings.probesPerClass = 5
        settings.testSamples = 44
        #expect(throws: OptionError.tooFewTestSamples(testSamples: 44, probesPerClass: 5)) { try settings.validate() }
        settings.testSamples = 45
        #expect(throws: Never.self) { try settings.validate() }
    }

    @Test func snapshotDiskBudgetIsEnforcedWithTheNumbersInTheMessage() {
        var settings = TrainingSettings()
        // One snapshot of 45 probes: 45 × 127 276 + 4 096 = 5 731 516 bytes; 4 GB hold 697 of them.
        settings.epochs = 696
        #expect(throws: Never.self) { try settings.validate() }
        settings.epochs = 697
        do {
            try settings.validate()
            Issue.record("697 epochs fit the budget")
        } catch {
            #expect(error == .snapshotsOverBudget(estimatedBytes: 698 * 5_731_516, budgetBytes: 4_000_000_000, snapshots: 698, probes: 45))
            #expect(error.description == "snapshots would take 4.0 GB (698 snapshots × 45 probes), over the 4.0 GB budget"
                + " — lower --epochs or --probes-per-class")
        }
    }

    @Test func optionsCheckThreadsAndOut() {
        #expect(throws: OptionError.invalid(option: "threads", value: "0", allowed: "1…256")) {
            try TrainingOptions(threads: 0).validate()
        }
        #expect(throws: OptionError.invalid(option: "out", value: "", allowed: "a non-empty folder path")) {
            try TrainingOptions(out: "", threads: 1).validate()
        }
    }

    @Test func chartRequestNamesItsFileAndChecksItsClass() {
        #expect(ChartRequest(.contributions(classIndex: 2)).fileName == "contribution_ranking_class2_5samples.png")
        #expect(ChartRequest(.allContributions(trueClass: 7)).fileName == "all_class_contrib_true7.png")
        #expect(ChartRequest(.evolution(.conv2)).fileName == "conv2_fmap_evolution.gif")
        #expect(throws: OptionError.invalid(option: "class", value: "9", allowed: "0…8")) {
            try ChartRequest(.contributions(classIndex: 9)).validate()
        }
        #expect(throws: OptionError.invalid(option: "epoch", value: "-1", allowed: "0…1000")) {
            try ChartRequest(.trainingCurves, epoch: -1).validate()
        }
    }
}
