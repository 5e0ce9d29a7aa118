import Foundation
import NTPFiles
import NTPFuzzing
import Testing

/// Every input a fuzz target found that trapped, hung or broke memory is kept under
/// `Tests/ntpTests/FuzzRegressions/<target>/` and replayed here through the same reader the fuzzer
/// ran it through (`FuzzBench`): none may trap again (a trap ends this test process).
@Suite struct FuzzRegressionTests {
    static let folder = CLITests.repository.appendingPathComponent("Tests/ntpTests/FuzzRegressions")

    /// `target/name` of every kept input.
    static let findings: [String] = {
        let manager = FileManager.default
        let targets = ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            FileKind.of(folder.appendingPathComponent($0).path) == .folder
        }
        return targets.sorted().flatMap { target in
            ((try? manager.contentsOfDirectory(atPath: folder.appendingPathComponent(target).path)) ?? []).sorted().map { "\(target)/\($0)" }
        }
    }()

    static let bench = Result { try FuzzBench(repository: CLITests.repository) }

    @Test func everyKeptInputIsFiledUnderATarget() throws {
        for finding in Self.findings {
            let target = String(finding.prefix { $0 != "/" })
            #expect(FuzzTarget(rawValue: target) != nil, "\(finding): \(target) is not a fuzz target (\(FuzzTarget.allCases.map(\.rawValue)))")
        }
    }

    @Test(arguments: findings)
    func aKeptInputNoLongerTraps(_ finding: String) throws {
        let target = try #require(FuzzTarget(rawValue: String(finding.prefix { $0 != "/" })))
        let input = try Data(contentsOf: Self.folder.appendingPathComponent(finding))
        try Self.bench.get().run(target, input)
    }
}
