import Foundation
import NTPFiles
import Testing

/// Commands that write, killed (SIGKILL, no chance to clean up) at random moments of their run, over
/// and over: the destination is at every instant the old output whole or the new one whole, and
/// what a killed run leaves beside it is recognisable and removed by the next run. Two kills in three
/// fall while the run writes (from its first temporary entry beside the destination to its end), where
/// the files are written and swapped in.
///
/// `NTP_KILL_TRIALS` sets the number of kills per test (default 20; the nightly run uses 300).
@Suite(.serialized) struct InterruptionTests {
    let cli = CLITests()
    static let trials = ProcessInfo.processInfo.environment["NTP_KILL_TRIALS"].flatMap(Int.init) ?? 20

    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-kill-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Every file under `path` by its relative path, or nil when nothing is there.
    func contents(of path: String) throws -> [String: Data]? {
        guard let kind = FileKind.of(path) else { return nil }
        guard kind == .folder else { return ["": try Data(contentsOf: URL(fileURLWithPath: path))] }
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: path)!
        while let relative = enumerator.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(relative)
            if FileKind.of(full) == .file { result[relative] = try Data(contentsOf: URL(fileURLWithPath: full)) }
        }
        return result
    }

    /// Runs `arguments` to their end, which must be a success.
    func finish(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try cli.ntp(arguments)
        #expect(run.status == 0, "\(arguments): \(run.standardError)", sourceLocation: sourceLocation)
    }

    /// When to kill a run: some seconds after it starts, or after its first temporary entry appears
    /// beside the destination (the moments when files are written and swapped in).
    enum Kill {
        case afterStart(Double)
        case afterWritingStarts(Double)
    }

    /// Runs `ntp` with `arguments`, writing to `target` in `parent`, and kills it as `kill` says unless
    /// it has ended. Returns whether it was killed, and the seconds from its first temporary entry to its
    /// end when it was not.
    func run(_ arguments: [String], parent: String, target: String, kill: Kill?) throws -> (killed: Bool, writing: Double?) {
        let process = Process()
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent("ntp")
        process.arguments = arguments
        process.currentDirectoryURL = CLITests.repository
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = Date()
        try process.run()
        var writingSince: Date?
        while process.isRunning {
            if writingSince == nil, let entries = try? FileManager.default.contentsOfDirectory(atPath: parent),
                entries.contains(where: { TemporaryName(parsing: $0).map { $0.target == target && $0.pid == process.processIdentifier } ?? false })
            {
                writingSince = Date()
            }
            let due: Bool
            switch kill {
            case .afterStart(let delay)?: due = Date().timeIntervalSince(start) >= delay
            case .afterWritingStarts(let delay)?: due = writingSince.map { Date().timeIntervalSince($0) >= delay } ?? false
            case nil: due = false
            }
            if due {
                Foundation.kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(200)
        }
        process.waitUntilExit()
        let killed = process.terminationReason == .uncaughtSignal
        #expect(killed || process.terminationStatus == 0, "\(arguments) ended with \(process.terminationStatus)")
        return (killed, killed ? nil : writingSince.map { Date().timeIntervalSince($0) })
    }

    /// How long a run takes, and how long its writing lasts: the longest of three unkilled runs.
    func timing(_ arguments: [String], parent: String, target: String) throws -> (run: Double, writing: Double) {
        var run = 0.0, writing = 0.0
        for _ in 0..<3 {
            let start = Date()
            let result = try self.run(arguments, parent: parent, target: target, kill: nil)
            run = max(run, Date().timeIntervalSince(start))
            writing = max(writing, result.writing ?? 0)
        }
        return (run, writing)
    }

    /// The kill of trial `index`: uniform over the whole run for a third of the trials, and otherwise
    /// uniform over the writing (the moments a run that deleted before it moved would lose data).
    func kill(_ index: Int, _ timing: (run: Double, writing: Double)) -> Kill {
        index % 3 == 0 ? .afterStart(Double.random(in: 0...timing.run * 1.1)) : .afterWritingStarts(Double.random(in: 0...timing.writing * 1.2))
    }

    /// The entries beside the destination other than the destination itself: only temporary names.
    func expectOnlyLeftovers(in parent: String, besides name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for entry in try FileManager.default.contentsOfDirectory(atPath: parent) where entry != name {
            #expect(TemporaryName(parsing: entry)?.target == name, "unexpected \(entry)", sourceLocation: sourceLocation)
        }
    }

    /// Runs the command of version 0 and of version 1 to their end, then, for `trials` trials, the
    /// other version over the current one killed at random: after every kill the target is one of the
    /// two versions, whole, with only temporary names beside it; a finished run leaves nothing else.
    /// Returns how many runs the kill stopped.
    @discardableResult
    func killAtRandom(_ arguments: (Int) -> [String], parent: String, target: String, trials: Int,
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let path = "\(parent)/\(target)"
        var versions: [Int: [String: Data]] = [:]
        for version in [0, 1] {
            try finish(arguments(version), sourceLocation: sourceLocation)
            versions[version] = try #require(try contents(of: path), sourceLocation: sourceLocation)
        }
        #expect(versions[0] != versions[1], sourceLocation: sourceLocation)
        let timing = try timing(arguments(1), parent: parent, target: target)
        var current = 1, killed = 0
        for trial in 0..<trials {
            let next = 1 - current
            if try run(arguments(next), parent: parent, target: target, kill: kill(trial, timing)).killed { killed += 1 }
            let now = try contents(of: path)
            #expect(now == versions[current] || now == versions[next], "trial \(trial): \(target) is neither version whole", sourceLocation: sourceLocation)
            if now == versions[next] { current = next }
            try expectOnlyLeftovers(in: parent, besides: target, sourceLocation: sourceLocation)
        }
        try finish(arguments(0), sourceLocation: sourceLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == [target], "a finished run leaves no leftover", sourceLocation: sourceLocation)
        return killed
    }

    /// `ntp generate --force` over the province of the other seed, killed at random: the folder is one
    /// of the two provinces, whole, at every kill.
    @Test func generateKilledAtRandomLeavesTheOldOrTheNewProvinceWhole() throws {
        let parent = try folder()
        let killed = try killAtRandom({ ["generate", "--communes", "4", "--years", "2", "--seed", "\($0 + 1)", "--out", "\(parent)/synth", "--force"] },
                                      parent: parent, target: "synth", trials: Self.trials)
        #expect(killed > 0)
    }

    /// `ntp export` over an earlier export of another plan, killed at random: the CSV folder, or the
    /// JSON file, is one of the two exports, whole.
    @Test(arguments: ["csv", "json"])
    func exportKilledAtRandomLeavesTheOldOrTheNewExportWhole(format: String) throws {
        let parent = try folder()
        let plans = ["quang-hoa-greedy.json", "quang-hoa-official.json"].map { UntrustedInputTests.fixtures.appendingPathComponent($0).path }
        try killAtRandom({ ["export", plans[$0], "--format", format, "--out", "\(parent)/export"] },
                         parent: parent, target: "export", trials: max(1, Self.trials * 2 / 3))
    }

    /// `ntp import` of one workbook over the import of another, killed at random: the scenario folder is
    /// one of the two imports, whole (the folder is checked by loading it before it takes the place of
    /// the old one, so the kills also fall while the new folder is loaded).
    @Test func importKilledAtRandomLeavesTheOldOrTheNewScenarioWhole() throws {
        let parent = try folder()
        let books = try folder()
        for (name, scenario) in [("a", "Scenarios/quang-hoa-2022-2025.yaml"), ("b", "Scenarios/quang-hoa-2022-2025-central-investment-minus-20.yaml")] {
            try finish(["template", "--from", scenario, "--out", "\(books)/\(name).xlsx"])
        }
        try killAtRandom({ ["import", "\(books)/\($0 == 0 ? "a" : "b").xlsx", "--out", "\(parent)/scenario"] },
                         parent: parent, target: "scenario", trials: max(1, Self.trials * 2 / 3))
    }
}
