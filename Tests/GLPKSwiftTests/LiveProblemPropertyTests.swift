@testable import GLPKSwift
import PropertyBased
import Testing

/// Random edit sequences on random small LPs: after every edit the live problem is re-solved warm and
/// compared with a cold `GLPK.solveLP` of the same edits made to a `LinearProblem` value, and its point,
/// duals and reduced costs are checked against that value in Swift (`LiveChecks`).
@Suite struct LiveProblemPropertyTests {
    /// What the sequences went through, so that the test shows it covered the cases that matter.
    struct Coverage {
        var resolves = 0
        var terminations: [TerminationReason: Int] = [:]
        var dualStarts = 0
        var rebuiltBases = 0
        var refusedEdits = 0
        var milpSolves = 0
    }

    @Test func randomEditSequencesMatchColdSolves() async {
        var coverage = Coverage()
        let seeds = Generator(run: { rng in Xoshiro(seed: (rng.next(), rng.next(), rng.next(), rng.next())) })
        await propertyCheck(count: 2000, input: seeds) { rng in
            var scenario = RandomEdits(rng: rng)
            let problems = try scenario.run(coverage: &coverage)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
        #expect(coverage.resolves > 10_000)
        for termination in [TerminationReason.optimal, .infeasible, .unbounded] {
            #expect(coverage.terminations[termination, default: 0] > 100, "\(termination): \(coverage)")
        }
        #expect(coverage.dualStarts > 1000 && coverage.rebuiltBases > 100 && coverage.refusedEdits > 500 && coverage.milpSolves > 500, "\(coverage)")
    }
}

/// One random LP, loaded live, and a random sequence of edits made both to it and to a value.
struct RandomEdits {
    var rng: Xoshiro
    var value = LinearProblem(name: "random", sense: .minimize)
    var columns: [ColumnHandle] = []
    var rows: [RowHandle] = []
    var deleted: [ColumnHandle] = []
    /// A point within the column bounds around which new rows get their bounds, so that many problems
    /// stay feasible.
    var reference: [Double] = []
    var names = 0
    var log: [String] = []

    init(rng: Xoshiro) {
        self.rng = rng
    }

    mutating func run(coverage: inout LiveProblemPropertyTests.Coverage) throws -> [String] {
        value.sense = chance(0.5) ? .minimize : .maximize
        for _ in 0..<integer(1...6) { addValueColumn(coefficients: []) }
        for _ in 0..<integer(0...5) { addValueRow(coefficients: randomCoefficients(count: value.columns.count)) }
        let live = try LiveProblem(value)
        defer { live.close() }
        columns = try live.columns()
        rows = try live.rows()
        log.append("start \(value)")
        if let problem = try resolve(live, &coverage) { return [problem] }

        for _ in 0..<integer(4...10) {
            try edit(live, &coverage)
            if let problem = try resolve(live, &coverage) { return [problem] }
        }
        return []
    }

    private mutating func resolve(_ live: LiveProblem, _ coverage: inout LiveProblemPropertyTests.Coverage) throws -> String? {
        let method: LiveLPOptions.Method = chance(0.8) ? .automatic : chance(0.5) ? .primal : .dual
        let warm = try live.solveLP(options: LiveLPOptions(method: method))
        coverage.resolves += 1
        coverage.terminations[warm.termination, default: 0] += 1
        if warm.method == .dual { coverage.dualStarts += 1 }
        if warm.basisRebuilt { coverage.rebuiltBases += 1 }
        var problems = try LiveChecks.differences(warm: warm, problem: value)
        if warm.columns != columns || warm.rows != rows { problems.append("handles out of order") }
        if !LiveChecks.sameProblem(try live.problem(), value) { problems.append("the live problem's copy differs from the value") }
        return problems.isEmpty ? nil : "\(log.joined(separator: "\n"))\n→ \(problems)"
    }

    private mutating func edit(_ live: LiveProblem, _ coverage: inout LiveProblemPropertyTests.Coverage) throws {
        switch integer(0...13) {
        case 0...1:
            let count = integer(1...3)
            var new: [LiveProblem.NewColumn] = []
            for _ in 0..<count {
                let coefficients = randomCoefficients(count: rows.count)
                addValueColumn(coefficients: coefficients)
                new.append(.init(value.columns.last!, coefficients: Dictionary(uniqueKeysWithValues: coefficients.map { (rows[$0.0], $0.1) })))
            }
            columns += try live.addColumns(new)
            log.append("add columns \(new.map(\.column))")
        case 2:
            let count = integer(1...2)
            var new: [LiveProblem.NewRow] = []
            for _ in 0..<count {
                let coefficients = randomCoefficients(count: columns.count)
                addValueRow(coefficients: coefficients)
                new.append(.init(value.rows.last!, coefficients: Dictionary(uniqueKeysWithValues: coefficients.map { (columns[$0.0], $0.1) })))
            }
            rows += try live.addRows(new)
            log.append("add rows \(new.map(\.row))")
        case 3 where !columns.isEmpty:
            let positions = Set((0..<integer(1...2)).map { _ in integer(0...(columns.count - 1)) })
            try live.deleteColumns(Set(positions.map { columns[$0] }))
            deleted += positions.map { columns[$0] }
            value.columns = value.columns.enumerated().filter { !positions.contains($0.offset) }.map(\.element)
            reference = reference.enumerated().filter { !positions.contains($0.offset) }.map(\.element)
            columns = columns.enumerated().filter { !positions.contains($0.offset) }.map(\.element)
            value.entries = value.entries.filter { !positions.contains($0.column) }.map { entry in
                MatrixEntry(row: entry.row, column: entry.column - positions.count(where: { $0 < entry.column }), value: entry.value)
            }
            log.append("delete columns \(positions.sorted())")
        case 4 where !rows.isEmpty:
            let positions = Set((0..<integer(1...2)).map { _ in integer(0...(rows.count - 1)) })
            try live.deleteRows(Set(positions.map { rows[$0] }))
            value.rows = value.rows.enumerated().filter { !positions.contains($0.offset) }.map(\.element)
            rows = rows.enumerated().filter { !positions.contains($0.offset) }.map(\.element)
            value.entries = value.entries.filter { !positions.contains($0.row) }.map { entry in
                MatrixEntry(row: entry.row - positions.count(where: { $0 < entry.row }), column: entry.column, value: entry.value)
            }
            log.append("delete rows \(positions.sorted())")
        case 5...6 where !columns.isEmpty:
            var changes: [ColumnHandle: Bounds] = [:]
            for _ in 0..<integer(1...2) {
                let position = integer(0...(columns.count - 1))
                let (bounds, point) = columnBounds()
                value.columns[position].bounds = bounds
                reference[position] = point
                changes[columns[position]] = bounds
            }
            try live.setColumnBounds(changes)
            log.append("column bounds \(changes.values)")
        case 7...8 where !rows.isEmpty:
            // Right-hand sides around the reference activity, sometimes far enough to cut everything off.
            var changes: [RowHandle: Bounds] = [:]
            for _ in 0..<integer(1...2) {
                let position = integer(0...(rows.count - 1))
                let bounds = rowBounds(activity: activity(ofRow: position) + (chance(0.3) ? uniform(-4...4) : 0))
                value.rows[position].bounds = bounds
                changes[rows[position]] = bounds
            }
            try live.setRowBounds(changes)
            log.append("row bounds \(changes.values)")
        case 9 where !columns.isEmpty:
            let position = integer(0...(columns.count - 1))
            let objective = uniform(-5...5)
            value.columns[position].objective = objective
            try live.setObjectiveCoefficients([columns[position]: objective])
            if chance(0.3) {
                value.objectiveConstant = uniform(-10...10)
                try live.setObjectiveConstant(value.objectiveConstant)
            }
            log.append("objective of column \(position) = \(objective)")
        case 10:
            // The slack basis: every row basic, every column at a bound.
            let basis = Basis(
                rows: Dictionary(uniqueKeysWithValues: rows.map { ($0, BasisStatus.basic) }),
                columns: Dictionary(uniqueKeysWithValues: zip(columns, value.columns).map { ($0, restingStatus($1.bounds)) }))
            try live.setBasis(basis)
            log.append("slack basis")
        case 11:
            coverage.refusedEdits += 1
            try refusedEdit(live)
        case 12:
            coverage.milpSolves += 1
            try milp(live)
        default:
            log.append("no edit")
        }
    }

    /// An edit that must be refused with a typed error and leave both problems as they were.
    private mutating func refusedEdit(_ live: LiveProblem) throws {
        let before = try live.problem()
        var refused = false
        do {
            switch integer(0...6) {
            case 0 where !rows.isEmpty: try live.setRowBounds([rows[integer(0...(rows.count - 1))]: .atMost(.nan)])
            case 1 where !columns.isEmpty: try live.setColumnBounds([columns[integer(0...(columns.count - 1))]: .between(2, 1)])
            case 2 where !columns.isEmpty: try live.addColumns([.init(Column(name: value.columns[0].name))])
            case 3 where !deleted.isEmpty: try live.deleteColumns([deleted[integer(0...(deleted.count - 1))]])
            case 4 where !columns.isEmpty:
                try live.addRows([.init(Row(name: "never", bounds: .free), coefficients: [columns[0]: .infinity])])
            case 5 where !columns.isEmpty:
                try live.setBasis(Basis(rows: Dictionary(uniqueKeysWithValues: rows.map { ($0, .basic) }), columns: [columns[0]: .basic]))
            default: try live.setObjectiveCoefficients(columns.isEmpty ? [:] : [columns[0]: -.infinity])
            }
        } catch is ProblemError {
            refused = true
        } catch is LiveProblemError {
            refused = true
        }
        // With no column, the last case has nothing to refuse.
        if !columns.isEmpty, !refused { throw UnexpectedSolveOutcome(summary: "an invalid edit was accepted: \(log)") }
        if !LiveChecks.sameProblem(try live.problem(), before) { throw UnexpectedSolveOutcome(summary: "a refused edit changed the problem") }
        log.append("refused edit")
    }

    /// Makes a few columns integer in [0, k] and solves the MILP live and cold: same outcome.
    private mutating func milp(_ live: LiveProblem) throws {
        guard !columns.isEmpty else { return }
        var kinds: [ColumnHandle: ColumnKind] = Dictionary(uniqueKeysWithValues: columns.map { ($0, .continuous) })
        var bounds: [ColumnHandle: Bounds] = [:]
        for position in value.columns.indices { value.columns[position].kind = .continuous }
        for _ in 0..<integer(1...3) {
            let position = integer(0...(columns.count - 1))
            let upper = Double(integer(0...4))
            value.columns[position].bounds = .between(0, upper)
            value.columns[position].kind = .integer
            reference[position] = 0
            bounds[columns[position]] = .between(0, upper)
            kinds[columns[position]] = .integer
        }
        try live.setColumnBounds(bounds)
        try live.setColumnKinds(kinds)
        let presolve = chance(0.5)
        let warm = try live.solveMILP(options: MILPOptions(presolve: presolve))
        let cold = try GLPK.solveMILP(value, options: MILPOptions(presolve: presolve))
        log.append("MILP (presolve \(presolve)): \(warm.termination), cold \(cold.termination)")
        guard warm.termination == cold.termination,
            warm.objectiveValue.map({ $0.isApproximately(cold.objectiveValue ?? .nan, tolerance: 1e-6) }) ?? (cold.objectiveValue == nil),
            warm.primalStatus == .noSolution || value.firstViolation(of: warm.solution.columnValues, tolerance: 1e-6) == nil
        else { throw UnexpectedSolveOutcome(summary: "\(log.joined(separator: "\n"))\n→ MILP \(warm.solution) vs \(cold)") }
    }

    // MARK: Random pieces

    private mutating func addValueColumn(coefficients: [(Int, Double)]) {
        let (bounds, point) = columnBounds()
        names += 1
        let column = value.addColumn(Column(name: "c\(names)", bounds: bounds, objective: uniform(-5...5)))
        reference.append(point)
        for (row, coefficient) in coefficients { value.entries.append(MatrixEntry(row: row, column: column, value: coefficient)) }
    }

    private mutating func addValueRow(coefficients: [(Int, Double)]) {
        names += 1
        let activity = coefficients.reduce(0) { $0 + $1.1 * reference[$1.0] }
        value.addRow(Row(name: "r\(names)", bounds: rowBounds(activity: activity)), coefficients: coefficients.map { ($0.0, $0.1) })
    }

    /// Coefficients for about half of `count` elements, away from zero so that no pivot is tiny.
    private mutating func randomCoefficients(count: Int) -> [(Int, Double)] {
        (0..<count).compactMap { index in chance(0.5) ? (index, (chance(0.5) ? 1 : -1) * uniform(0.5...5)) : nil }
    }

    private func activity(ofRow row: Int) -> Double {
        value.entries.filter { $0.row == row }.reduce(0) { $0 + $1.value * reference[$1.column] }
    }

    /// Bounds of every kind, with a point inside them.
    private mutating func columnBounds() -> (Bounds, Double) {
        switch integer(0...9) {
        case 0: let point = uniform(-3...3); return (.free, point)
        case 1: let lower = uniform(-3...1); return (.atLeast(lower), lower + uniform(0...3))
        case 2: let upper = uniform(-1...3); return (.atMost(upper), upper - uniform(0...3))
        case 3: let point = uniform(-2...2); return (.fixed(point), point)
        default:
            let lower = uniform(-3...1), upper = lower + uniform(0.5...6)
            return (.between(lower, upper), uniform(lower...upper))
        }
    }

    private mutating func rowBounds(activity: Double) -> Bounds {
        switch integer(0...9) {
        case 0: .free
        case 1: .fixed(activity)
        case 2, 3: .atLeast(activity - uniform(0...2))
        case 4, 5, 6: .atMost(activity + uniform(0...2))
        default: .between(activity - uniform(0...2), activity + uniform(0.1...2))
        }
    }

    private func restingStatus(_ bounds: Bounds) -> BasisStatus {
        switch bounds {
        case .free: .free
        case .atMost: .atUpper
        case .fixed: .fixed
        case .between(let lower, let upper) where lower == upper: .fixed
        case .atLeast, .between: .atLower
        }
    }

    private mutating func integer(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    private mutating func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &rng) }
    private mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < probability }
}
