import Foundation
@testable import GLPKSwift
import NTPFiles
import Testing

@Suite struct ModelFileTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-model-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A maximising MILP with every kind of column bound, every writable kind of row bound and a constant:
    /// what GLPK's writers alone would lose (the sense in MPS, the constant in CPLEX LP) must come back.
    func mixedProblem() -> LinearProblem {
        var problem = LinearProblem(name: "mixed", sense: .maximize, objectiveConstant: 2.5)
        let a = problem.addColumn(Column(name: "a", kind: .integer, bounds: .between(0, 10), objective: 3))
        let b = problem.addColumn(.binary("b", objective: 7))
        let c = problem.addColumn(Column(name: "c", bounds: .atLeast(0), objective: 1.25))
        let d = problem.addColumn(Column(name: "d", bounds: .atMost(4), objective: -0.5))
        let e = problem.addColumn(Column(name: "e", bounds: .fixed(1.5), objective: 1))
        let f = problem.addColumn(Column(name: "f", bounds: .free, objective: 0))
        problem.addRow(Row(name: "mix(1,a)", bounds: .atMost(20)), coefficients: [(a, 2), (b, 5), (c, 1)])
        problem.addRow(Row(name: "floor", bounds: .atLeast(-3)), coefficients: [(d, 1), (f, 1)])
        problem.addRow(Row(name: "range", bounds: .between(1, 8)), coefficients: [(c, 1), (d, -1), (e, 1)])
        problem.addRow(Row(name: "balance", bounds: .fixed(0)), coefficients: [(f, 1), (a, -1)])
        return problem
    }

    /// The objective sense goes after the NAME line and nothing else changes, whatever the size of the
    /// pieces the file is copied in (down to a few bytes, so that the NAME line spans pieces).
    @Test(arguments: [1, 7, 64, 1 << 20])
    func theObjectiveSenseIsAddedAfterTheNameLineByPieces(pieceSize: Int) throws {
        let source = folder.appendingPathComponent("glpk-\(pieceSize).mps"), copy = folder.appendingPathComponent("sense-\(pieceSize).mps")
        let text = "* Problem: x\n* Rows: 2\nNAME x\nROWS\n N obj\nCOLUMNS\n    a obj 1\nENDATA\n"
        try text.write(to: source, atomically: false, encoding: .utf8)
        try MPSObjectiveSense.copyAddingMaximize(from: source.path, to: copy.path, pieceSize: pieceSize)
        #expect(try String(contentsOf: copy, encoding: .utf8) == "* Problem: x\n* Rows: 2\nNAME x\nOBJSENSE\n    MAX\nROWS\n N obj\nCOLUMNS\n    a obj 1\nENDATA\n")
        #expect(try String(contentsOf: source, encoding: .utf8) == text)
        try "ROWS\n N obj\n".write(to: source, atomically: false, encoding: .utf8)
        try MPSObjectiveSense.copyAddingMaximize(from: source.path, to: copy.path, pieceSize: pieceSize)
        #expect(try String(contentsOf: copy, encoding: .utf8) == "OBJSENSE\n    MAX\nROWS\n N obj\n")
    }

    @Test func mpsRoundTripKeepsTheProblemAndItsOptimum() throws {
        let problem = mixedProblem()
        let url = folder.appendingPathComponent("mixed.mps")
        try GLPK.write(problem, to: url, format: .freeMPS)
        #expect(try String(contentsOf: url, encoding: .utf8).contains("OBJSENSE\n    MAX\n"))
        let read = try GLPK.read(from: url, format: .freeMPS)

        #expect(read.sense == .maximize)
        #expect(read.objectiveConstant == 2.5)
        #expect(read.columns == problem.columns)
        #expect(read.rows == problem.rows)
        #expect(entrySet(read) == entrySet(problem))
        try expectSameOptimum(problem, read)
    }

    @Test func cplexLPRoundTripKeepsTheOptimumWithARangedRowAsASlack() throws {
        let problem = mixedProblem()
        let url = folder.appendingPathComponent("mixed.lp")
        try GLPK.write(problem, to: url, format: .cplexLP)
        let read = try GLPK.read(from: url, format: .cplexLP)

        #expect(read.sense == .maximize)
        #expect(read.objectiveConstant == 2.5)
        // CPLEX LP has no ranged rows: 1 ≤ c − d + e ≤ 8 comes back as c − d + e − s = 1, 0 ≤ s ≤ 7.
        #expect(Array(read.columns.prefix(problem.columns.count)) == problem.columns)
        let slack = try #require(read.columns.last)
        #expect(read.columns.count == problem.columns.count + 1)
        #expect(slack.bounds == .between(0, 7) && slack.objective == 0)
        #expect(read.rows.map(\.name) == problem.rows.map(\.name))
        #expect(read.rows[2].bounds == .fixed(1))
        #expect(entrySet(read) == entrySet(problem).union(["range/\(slack.name)=-1.0"]))
        try expectSameOptimum(problem, read)
    }

    private func expectSameOptimum(_ problem: LinearProblem, _ read: LinearProblem) throws {
        let original = try GLPK.solveMILP(problem).requireFeasible()
        let again = try GLPK.solveMILP(read).requireFeasible()
        #expect(original.termination == .optimal && again.termination == .optimal)
        #expect(try #require(again.objectiveValue).isApproximately(try #require(original.objectiveValue)))
    }

    @Test func fixedMPSRoundTrip() throws {
        let problem = TestProblems.wyndor()
        let url = folder.appendingPathComponent("wyndor-fixed.mps")
        try GLPK.write(problem, to: url, format: .fixedMPS)
        let read = try GLPK.read(from: url, format: .fixedMPS)
        #expect(read.columns == problem.columns)
        #expect(try GLPK.solveLP(read).requireOptimal().objectiveValue == 36)
    }

    @Test func malformedFileIsAnErrorNamingTheLine() throws {
        let url = folder.appendingPathComponent("broken.lp")
        try "Maximize\n obj: 3 x + \nSubject To\n c1: x <= \nEnd\n".write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try GLPK.read(from: url, format: .cplexLP)
            Issue.record("a malformed file was read")
        } catch GLPKError.modelFile(let path, let operation, let log) {
            #expect(path == url.path && operation == "read")
            #expect(log.contains("broken.lp:"))
        }
    }

    @Test func missingFileIsAnError() {
        let url = folder.appendingPathComponent("absent.mps")
        #expect(throws: FileError.missing(path: url.path)) { _ = try GLPK.read(from: url, format: .freeMPS) }
    }

    /// A folder or a named pipe given as the model is refused by what it is, before GLPK opens it (a pipe
    /// with no writer would block).
    @Test func aFolderOrANamedPipeIsNotAModel() throws {
        let pipe = folder.appendingPathComponent("model.mps")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        #expect(throws: FileError.notAFile(path: pipe.path, kind: .fifo)) { _ = try GLPK.read(from: pipe, format: .freeMPS) }
        #expect(throws: FileError.notAFile(path: folder.path, kind: .folder)) { _ = try GLPK.read(from: folder, format: .cplexLP) }
    }

    /// Windows line ends: GLPK's MPS reader stops at the first CR, and the OBJSENSE line would read
    /// as "MAX\r", a minimisation. Read as LF, the problem and its sense come back.
    @Test(arguments: [ModelFileFormat.freeMPS, .fixedMPS, .cplexLP])
    func crlfLineEndsReadAsLF(format: ModelFileFormat) throws {
        let problem = TestProblems.wyndor()
        let url = folder.appendingPathComponent("windows.\(format == .cplexLP ? "lp" : "mps")")
        try GLPK.write(problem, to: url, format: format)
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: "\n", with: "\r\n").write(to: url, atomically: true, encoding: .utf8)
        let read = try GLPK.read(from: url, format: format)
        #expect(read.sense == problem.sense)
        #expect(read.rows.map(\.name) == problem.rows.map(\.name))
        try expectSameOptimum(problem, read)
    }

    @Test func aCarriageReturnThatEndsNoLineIsRefusedWithItsLine() throws {
        let url = folder.appendingPathComponent("cr.mps")
        try GLPK.write(TestProblems.wyndor(), to: url, format: .freeMPS)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        let row = try #require(lines.firstIndex(of: "ROWS")) + 1
        lines[row] = "\r" + lines[row]
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        #expect { _ = try GLPK.read(from: url, format: .freeMPS) } throws: { "\($0)".contains("cr.mps:\(row + 1): a carriage return (CR) that ends no line") }
    }

    /// A fixed-MPS line in its columns, fields 1-6 at columns 2, 5, 15, 25, 40, 50.
    private func fixedLine(_ fields: [String]) -> String {
        var line = ""
        for (field, column) in zip(fields, [1, 4, 14, 24, 39, 49]) {
            line += String(repeating: " ", count: column - line.count) + field
        }
        return line
    }

    /// Fixed MPS whose names hold blanks ("X ONE", "LIM 1"): min −x subject to x ≤ 4.
    private var fixedModel: String {
        (["NAME          BLANKS", "ROWS", fixedLine(["N", "COST"]), fixedLine(["L", "LIM 1"]), "COLUMNS",
          fixedLine(["", "X ONE", "COST", "-1", "LIM 1", "1"]), "RHS", fixedLine(["", "RHS", "LIM 1", "4"]), "ENDATA"]).joined(separator: "\n") + "\n"
    }

    @Test func fixedMPSIsReadAsFixedAndRefusedAsFree() throws {
        let url = folder.appendingPathComponent("blanks.mps")
        try fixedModel.write(to: url, atomically: true, encoding: .utf8)
        let fixed = try GLPK.read(from: url, format: .fixedMPS)
        // GLPK drops the blanks inside fixed-MPS names.
        #expect(fixed.columns.map(\.name) == ["XONE"] && fixed.rows.map(\.name) == ["LIM1"])
        #expect(try GLPK.solveLP(fixed).objectiveValue == -4)
        #expect { _ = try GLPK.read(from: url, format: .freeMPS) } throws: {
            "\($0)".contains("blanks.mps:4: this is fixed MPS") && "\($0)".contains("“LIM 1”") && "\($0)".contains("format fixed-mps")
        }
    }

    @Test func freeMPSWithLongNamesIsRefusedAsFixed() throws {
        let url = folder.appendingPathComponent("long.mps")
        var problem = TestProblems.wyndor()
        problem.columns[0].name = "a_name_longer_than_eight"
        try GLPK.write(problem, to: url, format: .freeMPS)
        #expect(try GLPK.read(from: url, format: .freeMPS).columns[0].name == "a_name_longer_than_eight")
        #expect { _ = try GLPK.read(from: url, format: .fixedMPS) } throws: {
            "\($0)".contains("does not fit the columns of fixed MPS") && "\($0)".contains("format mps")
        }
    }

    @Test func failedWriteLeavesNoFileAndKeepsTheOldOne() throws {
        let url = folder.appendingPathComponent("kept.lp")
        try "old content".write(to: url, atomically: true, encoding: .utf8)
        var broken = TestProblems.wyndor()
        broken.columns[0].bounds = .between(2, 1)
        #expect(throws: ProblemError.self) { try GLPK.write(broken, to: url, format: .cplexLP) }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old content")

        let nowhere = folder.appendingPathComponent("no-such-folder/model.mps")
        #expect(throws: FileError.noFolder(path: nowhere.path, folder: nowhere.deletingLastPathComponent().path)) {
            try GLPK.write(TestProblems.wyndor(), to: nowhere, format: .freeMPS)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["kept.lp"])
    }

    private func entrySet(_ problem: LinearProblem) -> Set<String> {
        Set(problem.entries.map { "\(problem.rows[$0.row].name)/\(problem.columns[$0.column].name)=\($0.value)" })
    }
}
