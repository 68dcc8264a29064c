import Foundation
import Testing

@Suite struct HelpTests {
    static let commands: [[String]] = [
        [], ["train-and-render"], ["train"], ["render"], ["chart"], ["chart", "contrib"], ["chart", "fc1"],
        ["chart", "ranking"], ["chart", "all-contrib"], ["chart", "evolution"], ["chart", "curves"], ["chart", "gallery"],
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
        #expect(result.standardOutput == "0.2.0\n")
    }

    /// The edges of every range are accepted: on a real run (two epochs) the figure is drawn.
    @Test(arguments: [
        (["chart", "contrib", "--class", "0", "--epoch", "0"], "contribution_ranking_class0_5samples.png"),
        (["chart", "contrib", "--class", "8", "--epoch", "2"], "contribution_ranking_class8_5samples.png"),
        (["chart", "all-contrib", "--true", "8"], "all_class_contrib_true8.png"),
        (["chart", "evolution", "--layer", "pool1"], "pool1_fmap_evolution.gif"),
        (["chart", "evolution", "--layer", "fc1", "--epoch", "0"], "fc1_fmap_evolution.gif"),
        (["chart", "curves", "--epoch", "2"], "training_curves.png"),
    ])
    func boundaryValuesAreAccepted(_ arguments: [String], file: String) throws {
        let sandbox = try Sandbox(.trainedRun(nil))
        defer { sandbox.remove() }
        let result = try VizBinary.run(arguments + ["--out", sandbox.path + "/out"], in: sandbox.path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "wrote \(sandbox.path)/out/\(file)\n")
        #expect(FileManager.default.fileExists(atPath: sandbox.path + "/out/" + file))
    }
}
