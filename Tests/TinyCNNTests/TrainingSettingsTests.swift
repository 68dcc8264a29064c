import Testing
@testable import TinyCNN

@Suite struct TrainingSettingsTests {
    @Test func theTableHoldsEverySettingWithItsDefault() {
        let table = TrainingSettings.table
        #expect(table.map(\.key) == ["epochs", "batch_size", "learning_rate", "optimizer", "noise", "train_samples",
                                     "test_samples", "seed", "probes_per_class", "snapshot_every"])
        #expect(table.map(\.defaultText) == ["10", "64", "0.001", "adam", "0.3", "3000", "900", "42", "5", "0"])
        #expect(table.map { $0.text(of: TrainingSettings()) } == table.map(\.defaultText))
        #expect(Set(table.map(\.key)).count == table.count)
    }

    @Test(arguments: [("epochs", "0", "1…1000"), ("batch_size", "4097", "1…4096"), ("noise", "1.5", "a number 0…1"),
                      ("learning_rate", "0", "a number > 0 and ≤ 1000000"), ("optimizer", "Adam", "one of adam, sgd"),
                      ("seed", "-1", "0…18446744073709551615"), ("probes_per_class", "11", "1…10")])
    func outOfRangeTextIsRefusedNamingTheSetting(key: String, text: String, allowed: String) throws {
        let setting = try #require(TrainingSettings.table.first { $0.key == key })
        var settings = TrainingSettings()
        #expect(throws: InvalidValue(name: key, value: text, allowed: allowed)) { try setting.set(text, in: &settings) }
        #expect(settings == TrainingSettings())
    }

    @Test func typedValuesFromFilesAreCheckedAndConverted() throws {
        var settings = TrainingSettings()
        try TrainingSettings.noise.set(.integer(0), in: &settings)  // `"noise": 0` in a file is a number
        try TrainingSettings.seed.set(.unsigned(.max), in: &settings)
        try TrainingSettings.optimizer.set(.text("sgd"), in: &settings)
        #expect(settings.noise == 0 && settings.seed == .max && settings.optimizer == .sgd)
        #expect(throws: InvalidValue(name: "epochs", value: "1.5", allowed: "1…1000")) {
            try TrainingSettings.epochs.set(.number(1.5), in: &settings)
        }
        #expect(throws: InvalidValue(name: "epochs", value: "0", allowed: "1…1000")) {
            try TrainingSettings.epochs.set(.integer(0), in: &settings)
        }
    }

    @Test func differencesAreListedInTableOrder() {
        var other = TrainingSettings()
        other.seed = 7
        other.epochs = 3
        #expect(other.differences(from: TrainingSettings()).map(\.key) == ["epochs", "seed"])
        #expect(TrainingSettings().differences(from: TrainingSettings()).isEmpty)
    }

    @Test func testSamplesMustCoverTheProbes() throws {
        var settings = TrainingSettings()
        settings.testSamples = 44
        #expect(throws: SettingsError.tooFewTestSamples(testSamples: 44, probesPerClass: 5)) { try settings.validate() }
        settings.testSamples = 45
        try settings.validate()
    }

    @Test func defaultSnapshotsFallRootTwoApartInTheFirstTwoEpochs() {
        let settings = TrainingSettings()  // 3000 samples / 64 = 47 steps per epoch
        #expect(settings.batchesPerEpoch == 47)
        let steps = (0...(10 * 47)).filter(settings.takesSnapshot(afterStep:))
        #expect(steps == [2, 3, 4, 6, 8, 11, 16, 23, 32, 45, 64, 91])  // 47 and 94 are epoch ends
        #expect(settings.snapshotCount == 11 + 12)
    }

    @Test func snapshotEveryNStepsSkipsEpochEnds() {
        var settings = TrainingSettings()
        settings.trainSamples = 640  // 10 steps per epoch
        settings.snapshotEvery = 4
        let steps = (0...30).filter(settings.takesSnapshot(afterStep:))
        #expect(steps == [4, 8, 12, 16, 24, 28])  // 20 is the end of epoch 2
        settings.epochs = 3
        #expect(settings.snapshotCount == 4 + 6)
        settings.epochs = 1000  // 10 000 steps: 2 500 multiples of 4, 500 of them epoch ends
        #expect(settings.snapshotCount == 1001 + 2000)
        #expect(settings.snapshotCount == 1001 + (1...10_000).count(where: settings.takesSnapshot(afterStep:)))
    }
}
