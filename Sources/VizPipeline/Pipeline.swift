import Figures
import RunFormat
import TinyCNN

/// The viz commands as functions: the CLI parses arguments into values and calls exactly one of
/// these. Each first checks everything that can be checked before work starts (values, the saved
/// run, the output folder), so that a refused command writes nothing.
public enum Pipeline {
    /// `viz train-and-render`: data → training → snapshots → every figure and the run's page
    /// (index.html). The render's one pass over the snapshots also checks the contribution
    /// identity. The run's lock is held exclusively throughout, drawing included, so no other
    /// process sees the run half-trained or the figures half-drawn.
    public static func trainAndRender(_ options: TrainingOptions, drawing: DrawingOptions = DrawingOptions(),
                                      reporter: any PipelineReporter) throws(PipelineError) {
        try checked { () throws(OptionError) in
            do throws(InvalidValue) { try drawing.validate() } catch { throw .invalid(error) }
        }
        _ = try runTraining(options, resume: false, reporter: reporter, checkingIdentity: false,
                            command: "viz train-and-render") { run throws(PipelineError) in
            try render(run, threads: options.threads, drawing: drawing, reporter: reporter)
        }
    }

    /// `viz train [--resume]`: data → training → snapshots, no figures; then the identity check on
    /// every snapshot, read back from disk.
    public static func train(_ options: TrainingOptions, resume: Bool, reporter: any PipelineReporter) throws(PipelineError) {
        _ = try runTraining(options, resume: resume, reporter: reporter, checkingIdentity: true)
    }

    /// `viz render`: every figure from the saved run in `runFolder`, then the run's page
    /// (index.html), drawn as `drawing` says. Holds the run's lock
    /// shared: other renders and charts may run at once (each figure is replaced whole, and the same
    /// run gives the same bytes), a writer may not.
    public static func render(_ runFolder: RunFolder, threads: Int, drawing: DrawingOptions = DrawingOptions(),
                              reporter: any PipelineReporter) throws(PipelineError) {
        try checked { () throws(OptionError) in
            do throws(InvalidValue) {
                try OptionRules.threads.check(threads)
                try drawing.validate()
            } catch {
                throw .invalid(error)
            }
            try OptionRules.checkOut(runFolder.out)
        }
        let lock = try wrap { () throws(RunFolderError) in try runFolder.lock(.shared, command: "viz render") }
        defer { lock.release() }
        try render(try readRun(runFolder), threads: threads, drawing: drawing, reporter: reporter)
    }

    private static func render(_ run: SavedRun, threads: Int, drawing: DrawingOptions, reporter: any PipelineReporter) throws(PipelineError) {
        try wrap { () throws(RunFolderError) in try RunFolder.checkCanCreate(run.folder.out) }
        let rendering = try figures { () throws(FigureError) in
            try FigureRenderer.renderAll(from: drawing.inputs(for: run), threads: threads, into: run.folder)
        }
        reporter.report(rendering.identity.summary)
        let focus = [rendering.focus.gradCAM.map { "Grad-CAM \($0.text(Self.percent))" },
                     rendering.focus.gradientTimesInput.map { "grad×input \($0.text(Self.percent))" }].compactMap { $0 }
        if !focus.isEmpty { reporter.report("attention on the square: " + focus.joined(separator: ", ")) }
        for path in rendering.paths { reporter.report("wrote \(path)") }
        for line in Self.skippedLines(rendering.skipped) { reporter.report(line) }
        reporter.report("wrote \(try figures { () throws(FigureError) in try RunGallery.write(for: run) })")
    }

    /// `viz chart gallery`: `<out>/index.html` from the saved run and the figures that exist in
    /// `<out>`, under the run's lock held shared as `render` does.
    public static func gallery(_ runFolder: RunFolder, reporter: any PipelineReporter) throws(PipelineError) {
        try checked { () throws(OptionError) in try OptionRules.checkOut(runFolder.out) }
        let lock = try wrap { () throws(RunFolderError) in try runFolder.lock(.shared, command: "viz chart gallery") }
        defer { lock.release() }
        let run = try readRun(runFolder)
        try wrap { () throws(RunFolderError) in try RunFolder.checkCanCreate(runFolder.out) }
        reporter.report("wrote \(try figures { () throws(FigureError) in try RunGallery.write(for: run) })")
    }

    /// `viz chart …`: one figure from the saved run, written into `<out>`, under the run's lock
    /// held shared as `render` does.
    public static func chart(_ request: ChartRequest, runFolder: RunFolder, reporter: any PipelineReporter) throws(PipelineError) {
        try checked { () throws(OptionError) in
            try request.validate()
            try OptionRules.checkOut(runFolder.out)
        }
        let lock = try wrap { () throws(RunFolderError) in try runFolder.lock(.shared, command: "viz chart") }
        defer { lock.release() }
        let run = try readRun(runFolder)
        let last = try checked { () throws(OptionError) in try request.check(against: run) }
        try wrap { () throws(RunFolderError) in try RunFolder.checkCanCreate(runFolder.out) }
        let path = try figures { () throws(FigureError) in
            try FigureRenderer.write(FigureRenderer.render(request.kind, upTo: last, from: request.drawing.inputs(for: run)),
                                     into: runFolder)
        }
        reporter.report("wrote \(path)")
    }

    /// The checks before training: values and their combination, the output folder; for
    /// `--resume` a checkpoint to resume from (checked before run.json is read, so a run killed
    /// before its first epoch gets "nothing to resume", not a complaint about its files), and for
    /// a fresh run the disk space its files will take.
    public static func checkTraining(_ options: TrainingOptions, resume: Bool) throws(PipelineError) {
        try checked { () throws(OptionError) in try options.validate() }
        let folder = options.runFolder
        try wrap { () throws(RunFolderError) in
            try RunFolder.checkCanCreate(folder.snapshotsDirectory)
            if resume {
                try folder.checkResumable()
            } else {
                try folder.checkFreeSpace(neededBytes: TrainingOptions.estimatedRunBytes(options.settings))
            }
        }
    }

    /// One line per reason, in the order first met: "skipped attribution_class{0…9}.png,
    /// gradcam_evolution.gif: the snapshots hold no attributions (grad_input, gradcam)" — a run
    /// from elsewhere lacks a group of tensors, and ten lines for one cause would bury the others.
    static func skippedLines(_ skipped: [(fileName: String, reason: String)]) -> [String] {
        var reasons: [String] = [], names: [String: [String]] = [:]
        for (fileName, reason) in skipped {
            if names[reason] == nil { reasons.append(reason) }
            names[reason, default: []].append(fileName)
        }
        return reasons.map { "skipped \(Self.compressed(names[$0] ?? []).joined(separator: ", ")): \($0)" }
    }

    /// Runs of names that differ only in a class number, `x_class0.png` … `x_class9.png`, as
    /// `x_class{0…9}.png`.
    static func compressed(_ names: [String]) -> [String] {
        var result: [String] = [], i = 0
        func split(_ name: String) -> (prefix: String, number: Int, suffix: String)? {
            guard let match = name.firstMatch(of: /^(.*_class)(\d+)(\D.*)$/), let number = Int(match.2) else { return nil }
            return (String(match.1), number, String(match.3))
        }
        while i < names.count {
            guard let first = split(names[i]) else { result.append(names[i]); i += 1; continue }
            var j = i + 1
            while j < names.count, let next = split(names[j]), next.prefix == first.prefix, next.suffix == first.suffix,
                  next.number == first.number + (j - i) { j += 1 }
            result.append(j - i > 2 ? "\(first.prefix){\(first.number)…\(first.number + j - i - 1)}\(first.suffix)" : names[i])
            if j - i <= 2 { i += 1 } else { i = j }
        }
        return result
    }

    /// "83 %": a share as a whole percentage, as the summary prints it.
    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }

    private static func figures<T>(_ body: () throws(FigureError) -> T) throws(PipelineError) -> T {
        do { return try body() } catch { throw .figure(error) }
    }

    /// The saved run in `runFolder`, with run-folder errors wrapped for the CLI.
    public static func readRun(_ runFolder: RunFolder) throws(PipelineError) -> SavedRun {
        try wrap { () throws(RunFolderError) in try runFolder.readRun() }
    }

    static func checked<T>(_ body: () throws(OptionError) -> T) throws(PipelineError) -> T {
        do { return try body() } catch { throw .option(error) }
    }

    /// Run-folder errors wrapped for the CLI (the training half uses it too).
    static func wrap<T>(_ body: () throws(RunFolderError) -> T) throws(PipelineError) -> T {
        do { return try body() } catch { throw .runFolder(error) }
    }
}
