import Figures
import Testing
import TinyCNN
@testable import VizPipeline
import VizTestSupport
import RunFormat

@Suite struct OptionRulesTests {
    @Test(arguments: [("1", 1), ("1000", 1000), ("+7", 7)])
    func epochsInRangeParse(text: String, expected: Int) throws {
        #expect(try TrainingSettings.epochs.rule.parse(text) == expected)
    }

    @Test(arguments: ["0", "-3", "abc", "1001", "10000000", "99999999999999999999999", "", "1.5", " 5"])
    func epochsOutOfRangeNameTheRange(text: String) {
        #expect(throws: InvalidValue(name: "epochs", value: text, allowed: "1…1000")) {
            try TrainingSettings.epochs.rule.parse(text)
        }
    }

    @Test func messagesSpellSettingsAsFlags() {
        let error = OptionError.invalid(InvalidValue(name: "batch_size", value: "0", allowed: "1…4096"))
        #expect(error.rule == "batch-size must be 1…4096")
        #expect(error.description == "batch-size must be 1…4096 (got '0')")
    }

    @Test func classMessageIsTheSpecsExample() {
        let error = OptionError.classBeyondRun(option: "class", requested: 12, classCount: 9, runDirectory: "out/run")
        #expect(error.description == "class must be 0…8 (the run in out/run has 9 classes) (got 12)")
    }

    @Test(arguments: ["-1", "0", "nan", "inf", "-inf", "1e7", "abc", "0x"])
    func learningRateRefusesNonPositiveNonFiniteAndAbsurd(text: String) {
        #expect(throws: InvalidValue(name: "learning_rate", value: text, allowed: "a number > 0 and ≤ 1000000")) {
            try TrainingSettings.learningRate.rule.parse(text)
        }
    }

    @Test(arguments: [("0.001", 0.001), ("1e4", 1e4), ("1000000", 1e6)])
    func learningRateAcceptsDivergentButFiniteRates(text: String, expected: Double) throws {
        #expect(try TrainingSettings.learningRate.rule.parse(text) == expected)
    }

    @Test func seedCoversAllOf64Bits() throws {
        #expect(try TrainingSettings.seed.rule.parse("18446744073709551615") == UInt64.max)
        #expect(throws: InvalidValue(name: "seed", value: "18446744073709551616", allowed: "0…18446744073709551615")) {
            try TrainingSettings.seed.rule.parse("18446744073709551616")
        }
    }

    @Test func defaultSettingsAreValid() throws {
        try TrainingOptions(threads: 1).validate()
        #expect(TrainingOptions.estimatedSnapshotBytes(TrainingSettings()) < 160_000_000)
    }

    @Test func testSamplesMustCoverTheProbes() {
        var settings = TrainingSettings()
        settings.testSamples = 44
        #expect(throws: OptionError.tooFewTestSamples(testSamples: 44, probesPerClass: 5)) {
            try TrainingOptions(settings: settings, threads: 1).validate()
        }
    }

    @Test func snapshotDiskBudgetIsEnforcedWithTheNumbersInTheMessage() {
        var settings = TrainingSettings()
        settings.probesPerClass = 10
        // One snapshot: 90 probes × 132 428 + 900 test images × 300 + 546 084 of parameters + 5 120
        // = 12 739 724 bytes; 10 GB hold 784 of them: 771 epochs, epoch 0 and 12 snapshots between.
        #expect(TrainingOptions.snapshotBytes(settings) == 12_739_724)
        settings.epochs = 771
        #expect(settings.snapshotCount == 784)
        #expect(throws: Never.self) { try TrainingOptions(settings: settings, threads: 1).validate() }
        settings.epochs = 772
        do {
            try TrainingOptions(settings: settings, threads: 1).validate()
            Issue.record("772 epochs fit the budget")
        } catch {
            #expect(error == .snapshotsOverBudget(estimatedBytes: 785 * 12_739_724, budgetBytes: 10_000_000_000, snapshots: 785, probes: 90))
            #expect(error.description == "snapshots would take 10.0 GB (785 snapshots × 90 probes), over the 10.0 GB budget"
                + " — lower --epochs, --probes-per-class or --test-samples, or snapshot less often (--snapshot-every)")
        }
    }

    @Test func optionsCheckThreadsAndOut() {
        #expect(throws: OptionError.invalid(InvalidValue(name: "threads", value: "0", allowed: "1…256"))) {
            try TrainingOptions(threads: 0).validate()
        }
        #expect(throws: OptionError.invalid(InvalidValue(name: "out", value: "", allowed: "a non-empty folder path"))) {
            try TrainingOptions(out: "", threads: 1).validate()
        }
    }

    @Test func resumeComparesOnlyTheSettingsGiven() {
        var saved = TrainingSettings()
        saved.epochs = 3
        var options = TrainingOptions(threads: 1)
        #expect(options.firstChange(from: saved) == nil)  // epochs differs from the default, but was not given
        options.settings.seed = 7
        options.givenSettings = ["seed"]
        #expect(options.firstChange(from: saved)! == ("seed", "7", "42"))
        options.settings.seed = 42  // given, but the saved run's own value
        #expect(options.firstChange(from: saved) == nil)
    }

    @Test func chartRequestNamesItsFileAndChecksItsRanges() {
        #expect(ChartRequest(.contributions(classIndex: 2)).kind.fileName(in: .tinyCNN) == "contribution_ranking_class2_5samples.png")
        #expect(ChartRequest(.allContributions(trueClass: 7)).kind.fileName(in: .tinyCNN) == "all_class_contrib_true7.png")
        #expect(ChartRequest(.evolution(layer: "conv2")).kind.fileName(in: .tinyCNN) == "conv2_fmap_evolution.gif")
        #expect(throws: OptionError.invalid(InvalidValue(name: "channels", value: "0", allowed: "1…256"))) {
            try ChartRequest(.evolution(layer: "conv2"), drawing: DrawingOptions(channels: 0)).validate()
        }
        #expect(throws: OptionError.invalid(InvalidValue(name: "max_frames", value: "4", allowed: "5…1000"))) {
            try ChartRequest(.gradCAMEvolution, drawing: DrawingOptions(maxFrames: 4)).validate()
        }
        #expect(throws: OptionError.invalid(InvalidValue(name: "class", value: "x", allowed: "a class of the run, 0…K−1 (0…8 for viz's own)"))) {
            try OptionRules.classIndex("x", option: "class")
        }
        #expect(throws: OptionError.invalid(InvalidValue(name: "epoch", value: "-1", allowed: "0…1000"))) {
            try ChartRequest(.trainingCurves, epoch: -1).validate()
        }
    }
}
