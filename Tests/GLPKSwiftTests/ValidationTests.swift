import Foundation
@testable import GLPKSwift
import PropertyBased
import Testing

/// Each rule that keeps a bad problem or option away from GLPK, one test each. GLPK aborts the process
/// on such input, so a test that returns at all shows the input never reached it.
@Suite struct ValidationTests {
    let base = TestProblems.wyndor()

    func rejects(_ matches: (ProblemError) -> Bool, sourceLocation: SourceLocation = #_sourceLocation, _ change: (inout LinearProblem) -> Void) {
        var problem = base
        change(&problem)
        expectProblemError(matches, sourceLocation: sourceLocation) { _ = try GLPK.solveLP(problem) }
        expectProblemError(matches, sourceLocation: sourceLocation) { _ = try GLPK.solveMILP(problem) }
    }

    @Test func emptyColumnName() {
        rejects({ if case .emptyName(.column, 1) = $0 { true } else { false } }) { $0.columns[1].name = "" }
    }

    @Test func emptyRowName() {
        rejects({ if case .emptyName(.row, 2) = $0 { true } else { false } }) { $0.rows[2].name = "" }
    }

    @Test func emptyProblemName() {
        rejects({ if case .emptyName(.problem, _) = $0 { true } else { false } }) { $0.name = "" }
    }

    @Test func nameWithABlank() {
        rejects({ if case .invalidName(.column, 0, "x 1", _) = $0 { true } else { false } }) { $0.columns[0].name = "x 1" }
    }

    @Test func nameWithVietnameseLetters() {
        rejects({ if case .invalidName(.row, 0, "ngân_sách", _) = $0 { true } else { false } }) { $0.rows[0].name = "ngân_sách" }
    }

    @Test func nameLongerThanGLPKKeeps() {
        rejects({ if case .invalidName(.column, 0, _, _) = $0 { true } else { false } }) {
            $0.columns[0].name = String(repeating: "x", count: 256)
        }
    }

    @Test func duplicateColumnNames() {
        rejects({ if case .duplicateName(.column, "x1", 0, 1) = $0 { true } else { false } }) { $0.columns[1].name = "x1" }
    }

    @Test func duplicateRowNames() {
        rejects({ if case .duplicateName(.row, "plant1", 0, 2) = $0 { true } else { false } }) { $0.rows[2].name = "plant1" }
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteColumnBound(value: Double) {
        rejects({ if case .nonFiniteBound(.column, 0, "x1", _) = $0 { true } else { false } }) {
            $0.columns[0].bounds = .between(0, value)
        }
    }

    @Test(arguments: [Double.nan, .infinity])
    func nonFiniteRowBound(value: Double) {
        rejects({ if case .nonFiniteBound(.row, 1, "plant2", _) = $0 { true } else { false } }) {
            $0.rows[1].bounds = .atMost(value)
        }
    }

    @Test func columnLowerAboveUpper() {
        rejects({ if case .inconsistentBounds(.column, 1, "x2", 5, 4) = $0 { true } else { false } }) {
            $0.columns[1].bounds = .between(5, 4)
        }
    }

    @Test func rowLowerAboveUpper() {
        rejects({ if case .inconsistentBounds(.row, 0, "plant1", 3, 2) = $0 { true } else { false } }) {
            $0.rows[0].bounds = .between(3, 2)
        }
    }

    @Test(arguments: [Bounds.between(0, 2), .atLeast(0), .free, .fixed(0.5)])
    func binaryOutsideZeroOne(bounds: Bounds) {
        rejects({ if case .binaryBoundsOutsideZeroOne(0, "x1", _) = $0 { true } else { false } }) {
            $0.columns[0].kind = .binary
            $0.columns[0].bounds = bounds
        }
    }

    @Test(arguments: [Double.nan, .infinity])
    func nonFiniteObjectiveCoefficient(value: Double) {
        rejects({ if case .nonFiniteObjective(1, "x2", _) = $0 { true } else { false } }) { $0.columns[1].objective = value }
    }

    @Test func nonFiniteObjectiveConstant() {
        rejects({ if case .nonFiniteObjectiveConstant = $0 { true } else { false } }) { $0.objectiveConstant = .nan }
    }

    @Test(arguments: [(3, 0), (0, 2), (-1, 0), (0, -1)])
    func entryOutsideTheMatrix(row: Int, column: Int) {
        rejects({ if case .entryOutOfRange(4, row, column, 3, 2) = $0 { true } else { false } }) {
            $0.entries.append(MatrixEntry(row: row, column: column, value: 1))
        }
    }

    @Test(arguments: [Double.nan, .infinity])
    func nonFiniteCoefficient(value: Double) {
        rejects({ if case .nonFiniteCoefficient(1, "plant2", "x2", _) = $0 { true } else { false } }) {
            $0.entries[1].value = value
        }
    }

    @Test func duplicateEntry() {
        rejects({ if case .duplicateEntry("plant3", "x1", 2, 4) = $0 { true } else { false } }) {
            $0.entries.append(MatrixEntry(row: 2, column: 0, value: 7))
        }
    }

    @Test func cplexLPNamesAreCheckedBeforeWriting() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("never-written.lp")
        for (name, _) in [("1st", "digit"), (".x", "period"), ("a[1]", "bracket"), ("free", "keyword")] {
            var problem = base
            problem.columns[0].name = name
            expectProblemError({ if case .notWritable(.cplexLP, .column, 0, name, _) = $0 { true } else { false } }) {
                try GLPK.write(problem, to: url, format: .cplexLP)
            }
            // The same names are fine in MPS.
            try problem.validate(for: .freeMPS)
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test(arguments: ModelFileFormat.allCases)
    func freeRowsAreNotWritten(format: ModelFileFormat) {
        var problem = base
        problem.rows[1].bounds = .free
        expectProblemError({ if case .notWritable(format, .row, 1, "plant2", _) = $0 { true } else { false } }) {
            try GLPK.write(problem, to: FileManager.default.temporaryDirectory.appendingPathComponent("never"), format: format)
        }
    }

    @Test func negativeOrNonFiniteGap() {
        for gap in [-0.1, .nan, .infinity] {
            expectInvalidOption("relativeGap") { _ = try GLPK.solveMILP(base, options: MILPOptions(relativeGap: gap)) }
        }
    }

    @Test func nonPositiveTimeLimit() {
        expectInvalidOption("timeLimit") { _ = try GLPK.solveMILP(base, options: MILPOptions(timeLimit: .zero)) }
        expectInvalidOption("timeLimit") { _ = try GLPK.solveLP(base, options: LPOptions(timeLimit: .seconds(-1))) }
        expectInvalidOption("timeLimit") { _ = try GLPK.solveLP(base, options: LPOptions(timeLimit: .seconds(3_000_000))) }
    }

    @Test func iterationLimitOutOfRange() {
        expectInvalidOption("iterationLimit") { _ = try GLPK.solveLP(base, options: LPOptions(iterationLimit: 0)) }
    }

    @Test func startingSolutionOfTheWrongLength() {
        expectInvalidOption("startingSolution") {
            _ = try GLPK.solveMILP(base, options: MILPOptions(presolve: false, startingSolution: [0]))
        }
    }

    @Test func startingSolutionNeedsPresolveOff() {
        expectInvalidOption("startingSolution") {
            _ = try GLPK.solveMILP(base, options: MILPOptions(presolve: true, startingSolution: [0, 0]))
        }
    }

    @Test func infeasibleStartingSolution() {
        // x1 = 5 breaks plant1 (x1 ≤ 4): GLPK would take it as an incumbent without checking.
        expectInvalidOption("startingSolution") {
            _ = try GLPK.solveMILP(base, options: MILPOptions(presolve: false, startingSolution: [5, 0]))
        }
    }

    /// Random problems, many of them broken in one of the ways above: each is either solved or rejected
    /// with a typed error, and the process survives them all.
    @Test func randomBrokenProblemsNeverReachGLPK() async {
        let faults = Gen.int(in: 0...9)
        await propertyCheck(count: 300, input: faults, Gen.int(in: 0...2), Gen.int(in: 0...1)) { fault, row, column in
            var problem = base
            switch fault {
            case 0: problem.entries.append(MatrixEntry(row: row, column: column + 5, value: 1))
            case 1: problem.entries.append(problem.entries[row])
            case 2: problem.columns[column].bounds = .between(1, 0)
            case 3: problem.rows[row].bounds = .atLeast(.nan)
            case 4: problem.columns[column].objective = -.infinity
            case 5: problem.rows[row].name = problem.rows[(row + 1) % 3].name
            case 6: problem.columns[column].name = "x \(column)"
            case 7: problem.entries[row].value = .nan
            case 8: problem.columns[column].kind = .binary  // bounds [0, ∞): not binary
            default: break  // unbroken
            }
            do {
                let solution = try GLPK.solveMILP(problem)
                #expect(fault == 9)
                #expect(solution.objectiveValue == 36)
            } catch is ProblemError {
                #expect(fault != 9)
            }
        }
    }
}
