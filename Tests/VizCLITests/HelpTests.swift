import Testing

@Suite struct HelpTests {
    static let commands: [[String]] = [
        [], ["train-and-render"], ["train"], ["render"], ["chart"], ["chart", "contrib"], ["chart", "fc1"],
        ["chart", "ranking"], ["chart", "all-contrib"], ["chart", "evolution"], ["chart", "curves"],
    ]

    @Test(arguments: commands)
    func helpWorksEverywhere(_ command: [String]) throws {
        let sandbox = try Sandbox(.empty)
        defer { sandbox.remove() }
        let result = try VizBinary.run(command + ["--help"], in: sandbox.path)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("USAGE: viz \(command.joined(separator: " "))"))
        #expect(result.standardError.isEmpty)
        #expect(try sandbox.inventory() == [])
    }

    @Test func helpNamesTheLimits() throws {
        let sandbox = try Sandbox(.empty)
        defer { sandbox.remove() }
        let train = try VizBinary.run(["train", "--help"], in: sandbox.path).standardOutput
        #expect(train.contains("Training epochs, 1…1000 (default: 10)."))
        let contrib = try VizBinary.run(["chart", "contrib", "--help"], in: sandbox.path).standardOutput
        #expect(contrib.contains("--class <class>         The class, 0…K−1 of the run (0…8 for viz's own)."))
    }

    @Test func versionIsPrinted() throws {
        let sandbox = try Sandbox(.empty)
        defer { sandbox.remove() }
        let result = try VizBinary.run(["--version"], in: sandbox.path)
        #expect(result.status == 0)
        #expect(result.standardOutput == "0.1.0\n")
    }

    /// The edges of every range are accepted: the command gets past validation (what follows is
    /// the pipeline's business, so only "not a usage error, not a missing run" is checked).
    @Test(arguments: [
        ["chart", "contrib", "--class", "0", "--epoch", "0"], ["chart", "contrib", "--class", "8", "--epoch", "3"],
        ["chart", "all-contrib", "--true", "8"], ["chart", "evolution", "--layer", "pool1"], ["chart", "curves"],
    ])
    func boundaryValuesAreAccepted(_ arguments: [String]) throws {
        let sandbox = try Sandbox(.run(epochs: 3))
        defer { sandbox.remove() }
        let result = try VizBinary.run(arguments + ["--out", sandbox.path + "/out"], in: sandbox.path)
        #expect(!result.signaled)
        #expect(result.status != 64 && result.status != 66, "\(result.standardError)")
    }
}
