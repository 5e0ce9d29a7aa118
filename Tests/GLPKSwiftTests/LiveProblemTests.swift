@testable import GLPKSwift
import Testing

/// A live problem re-solved after each kind of edit gives what a cold solve of the edited problem value
/// gives; edits GLPK must not see are refused with typed errors and leave the problem usable.
@Suite struct LiveProblemTests {
    /// Wyndor (x = (2, 6), Z = 36) loaded live, solved once, with its handles.
    struct LiveWyndor {
        let live: LiveProblem
        var value = TestProblems.wyndor()
        let x1: ColumnHandle, x2: ColumnHandle
        let plant1: RowHandle, plant2: RowHandle, plant3: RowHandle

        init() throws {
            live = try LiveProblem(value)
            let columns = try live.columns(), rows = try live.rows()
            (x1, x2) = (columns[0], columns[1])
            (plant1, plant2, plant3) = (rows[0], rows[1], rows[2])
            #expect(try live.solveLP().requireOptimal().objectiveValue == 36)
        }

        /// Re-solves warm and checks it against a cold solve of `value`, and the live problem's own copy.
        func resolve(sourceLocation: SourceLocation = #_sourceLocation) throws -> LiveLPSolution {
            let warm = try live.solveLP()
            let differences = try LiveChecks.differences(warm: warm, problem: value)
            #expect(differences.isEmpty, "\(differences)", sourceLocation: sourceLocation)
            #expect(LiveChecks.sameProblem(try live.problem(), value), sourceLocation: sourceLocation)
            return warm
        }
    }

    @Test func reSolvingWithoutEditsTakesNoIteration() throws {
        let wyndor = try LiveWyndor()
        let again = try wyndor.resolve()
        #expect(again.iterations == 0)
        #expect(try #require(again.value(of: wyndor.x1)).isApproximately(2))
        #expect(try #require(again.value(of: wyndor.x2)).isApproximately(6))
        #expect(try #require(again.dual(of: wyndor.plant2)).isApproximately(1.5))
    }

    @Test func columnsAdded() throws {
        var wyndor = try LiveWyndor()
        // A third product, x3 (profit 4): 1 hour in plant 1, 1 hour in plant 3. It prices out at Wyndor's
        // shadow prices (4 − 0·1 − 1·1 = 3 > 0), so the optimum moves.
        let x3 = try #require(try wyndor.live.addColumns([
            .init(Column(name: "x3", objective: 4), coefficients: [wyndor.plant1: 1, wyndor.plant3: 1])
        ]).first)
        let column = wyndor.value.addColumn(Column(name: "x3", objective: 4))
        wyndor.value.entries += [MatrixEntry(row: 0, column: column, value: 1), MatrixEntry(row: 2, column: column, value: 1)]
        let warm = try wyndor.resolve()
        #expect(warm.method == .primal)
        #expect(try #require(warm.value(of: x3)) > 0)
        #expect(try #require(warm.objectiveValue) > 36)
    }

    @Test func columnThatDoesNotPriceOutLeavesTheOptimumInPlace() throws {
        var wyndor = try LiveWyndor()
        // Profit 0.5 for 1 hour of plant 3, whose shadow price is 1: a negative reduced cost, no gain.
        try wyndor.live.addColumns([.init(Column(name: "x3", objective: 0.5), coefficients: [wyndor.plant3: 1])])
        let column = wyndor.value.addColumn(Column(name: "x3", objective: 0.5))
        wyndor.value.entries.append(MatrixEntry(row: 2, column: column, value: 1))
        let warm = try wyndor.resolve()
        #expect(warm.iterations == 0)
        #expect(warm.objectiveValue == 36)
    }

    @Test func rightHandSideChanged() throws {
        var wyndor = try LiveWyndor()
        try wyndor.live.setRowBounds([wyndor.plant3: .atMost(24)])
        wyndor.value.rows[2].bounds = .atMost(24)
        let warm = try wyndor.resolve()
        #expect(warm.method == .dual)
        // Plant 3's shadow price is 1 over [12, 24]: six more hours are worth 6.
        #expect(try #require(warm.objectiveValue).isApproximately(42))
    }

    @Test func rightHandSideSweep() throws {
        var wyndor = try LiveWyndor()
        for hours in stride(from: 0.0, through: 40, by: 2.5) {
            try wyndor.live.setRowBounds([wyndor.plant3: .atMost(hours)])
            wyndor.value.rows[2].bounds = .atMost(hours)
            #expect(try wyndor.resolve().termination == .optimal)
        }
        // Past feasibility and back.
        // x1 ≥ 14 needs 42 hours of plant 3, which has 40.
        try wyndor.live.setRowBounds([wyndor.plant1: .atLeast(14)])
        wyndor.value.rows[0].bounds = .atLeast(14)
        #expect(try wyndor.resolve().termination == .infeasible)
        try wyndor.live.setRowBounds([wyndor.plant1: .atMost(4)])
        wyndor.value.rows[0].bounds = .atMost(4)
        #expect(try wyndor.resolve().termination == .optimal)
    }

    @Test func columnBoundsChanged() throws {
        var wyndor = try LiveWyndor()
        try wyndor.live.setColumnBounds([wyndor.x2: .between(0, 3), wyndor.x1: .atLeast(1)])
        wyndor.value.columns[1].bounds = .between(0, 3)
        wyndor.value.columns[0].bounds = .atLeast(1)
        let warm = try wyndor.resolve()
        #expect(try #require(warm.value(of: wyndor.x2)).isApproximately(3))
        try wyndor.live.setColumnBounds([wyndor.x2: .free])
        wyndor.value.columns[1].bounds = .free
        _ = try wyndor.resolve()
    }

    @Test func objectiveChanged() throws {
        var wyndor = try LiveWyndor()
        try wyndor.live.setObjectiveCoefficients([wyndor.x1: 8])
        try wyndor.live.setObjectiveConstant(-5)
        wyndor.value.columns[0].objective = 8
        wyndor.value.objectiveConstant = -5
        let warm = try wyndor.resolve()
        #expect(warm.method == .primal)
        #expect(try #require(warm.value(of: wyndor.x1)).isApproximately(4))
    }

    @Test func rowsAdded() throws {
        var wyndor = try LiveWyndor()
        // A packing limit x1 + x2 ≤ 7 cuts off (2, 6).
        let packing = try #require(try wyndor.live.addRows([
            .init(Row(name: "packing", bounds: .atMost(7)), coefficients: [wyndor.x1: 1, wyndor.x2: 1])
        ]).first)
        wyndor.value.addRow(Row(name: "packing", bounds: .atMost(7)), coefficients: [(0, 1), (1, 1)])
        let warm = try wyndor.resolve()
        #expect(warm.method == .dual)
        #expect(try #require(warm.dual(of: packing)) > 0)
        #expect(try #require(warm.objectiveValue) < 36)
    }

    @Test func nonBasicColumnsDeletedKeepTheBasis() throws {
        let wyndor = try LiveWyndor()
        // x3 does not price out, so it stays non-basic at zero; deleting it changes nothing.
        let x3 = try wyndor.live.addColumns([.init(Column(name: "x3", objective: 0.25), coefficients: [wyndor.plant3: 1])])
        _ = try wyndor.live.solveLP().requireOptimal()
        try wyndor.live.deleteColumns(Set(x3))
        let warm = try wyndor.resolve()
        #expect(!warm.basisRebuilt && warm.iterations == 0)
    }

    @Test func basicColumnDeletedRebuildsTheBasis() throws {
        var wyndor = try LiveWyndor()
        let x3 = try #require(try wyndor.live.addColumns([
            .init(Column(name: "x3", objective: 4), coefficients: [wyndor.plant1: 1, wyndor.plant3: 1])
        ]).first)
        let column = wyndor.value.addColumn(Column(name: "x3", objective: 4))
        wyndor.value.entries += [MatrixEntry(row: 0, column: column, value: 1), MatrixEntry(row: 2, column: column, value: 1)]
        #expect(try wyndor.resolve().value(of: wyndor.x2).map { $0.isApproximately(6) } == true)
        // x2 is basic at the optimum: deleting it leaves the basis short. GLPK renumbers x3, the handle
        // does not move.
        try wyndor.live.deleteColumns([wyndor.x2])
        wyndor.value.columns.remove(at: 1)
        wyndor.value.entries = wyndor.value.entries.filter { $0.column != 1 }
            .map { MatrixEntry(row: $0.row, column: $0.column == 2 ? 1 : $0.column, value: $0.value) }
        let warm = try wyndor.resolve()
        #expect(warm.basisRebuilt)
        #expect(warm.columns == [wyndor.x1, x3])
        #expect(try wyndor.live.column(x3).name == "x3")
        expectLiveProblemError({ $0 == .unknownColumn(wyndor.x2, .deleted) }) { _ = try wyndor.live.column(wyndor.x2) }
    }

    @Test func rowsDeleted() throws {
        var wyndor = try LiveWyndor()
        // plant1 is slack at the optimum (x1 = 2 < 4): deleting it keeps the basis.
        try wyndor.live.deleteRows([wyndor.plant1])
        wyndor.value.rows.remove(at: 0)
        wyndor.value.entries = wyndor.value.entries.filter { $0.row != 0 }.map { MatrixEntry(row: $0.row - 1, column: $0.column, value: $0.value) }
        let warm = try wyndor.resolve()
        #expect(!warm.basisRebuilt && warm.iterations == 0)
        // plant3 binds: deleting it too leaves x1 unbounded.
        try wyndor.live.deleteRows([wyndor.plant3])
        wyndor.value.rows.remove(at: 1)
        wyndor.value.entries = wyndor.value.entries.filter { $0.row != 1 }
        #expect(try wyndor.resolve().termination == .unbounded)
    }

    @Test func basisCanBeReadAndSet() throws {
        let wyndor = try LiveWyndor()
        let optimal = try wyndor.live.basis()
        // At (2, 6) both products and plant 1's slack are basic; plants 2 and 3 bind.
        #expect(optimal.columns == [wyndor.x1: .basic, wyndor.x2: .basic])
        #expect(optimal.rows == [wyndor.plant1: .basic, wyndor.plant2: .atUpper, wyndor.plant3: .atUpper])
        // Back to the slack basis: the re-solve takes the two iterations of a cold start again.
        try wyndor.live.setBasis(Basis(
            rows: [wyndor.plant2: .basic, wyndor.plant3: .basic], columns: [wyndor.x1: .atLower, wyndor.x2: .atLower]))
        let fromSlacks = try wyndor.resolve()
        #expect(fromSlacks.iterations == 2)
        #expect(fromSlacks.basis == optimal)
        // And straight to the optimal basis: no iteration.
        try wyndor.live.setBasis(Basis(
            rows: [wyndor.plant2: .basic, wyndor.plant3: .basic], columns: [wyndor.x1: .atLower, wyndor.x2: .atLower]))
        try wyndor.live.setBasis(optimal)
        #expect(try wyndor.resolve().iterations == 0)
    }

    @Test func milpOnTheLiveProblemMatchesTheColdSolve() throws {
        let problem = TestProblems.wikipediaInteger()
        let live = try LiveProblem(problem)
        let relaxation = try live.solveLP().requireOptimal()
        #expect(relaxation.solution.columnValues.isApproximately([1.8, 2.8]))
        for presolve in [false, true] {
            var reports = 0
            let milp = try live.solveMILP(options: MILPOptions(presolve: presolve, progressInterval: .zero)) { _ in reports += 1 }
            #expect(milp.termination == .optimal && milp.objectiveValue == 2)
            #expect(problem.firstViolation(of: milp.solution.columnValues) == nil)
            if !presolve { #expect(reports > 0) }
            // The LP afterwards is the relaxation again.
            let again = try live.solveLP()
            let differences = try LiveChecks.differences(warm: again, problem: problem)
            #expect(differences.isEmpty, "\(differences)")
        }
        // Fix x at 2 and re-solve the MILP: y = 2 still.
        let x = try live.columns()[0]
        try live.setColumnBounds([x: .fixed(2)])
        #expect(try live.solveMILP().objectiveValue == 2)
    }

    @Test func milpWithAnUnboundedRelaxationIsDecided() throws {
        // Maximise x + y with x − y ≤ 1, integers: unbounded (the check builds and deletes a problem of its own).
        var problem = LinearProblem(name: "unbounded", sense: .maximize)
        let x = problem.addColumn(Column(name: "x", kind: .integer, objective: 1))
        let y = problem.addColumn(Column(name: "y", kind: .integer, objective: 1))
        problem.addRow(Row(name: "spread", bounds: .atMost(1)), coefficients: [(x, 1), (y, -1)])
        let live = try LiveProblem(problem)
        for presolve in [false, true] {
            #expect(try live.solveMILP(options: MILPOptions(presolve: presolve)).termination == .unbounded)
        }
        try live.setColumnBounds([try live.columns()[1]: .between(0, 10)])
        let bounded = try live.solveMILP()
        #expect(bounded.termination == .optimal && bounded.objectiveValue == 21)
    }

    @Test func columnKindsChange() throws {
        let live = try LiveProblem(TestProblems.wikipediaInteger())
        let columns = try live.columns()
        try live.setColumnKinds([columns[0]: .continuous, columns[1]: .continuous])
        // Without integrality the MILP solve is the LP: y = 2.8.
        #expect(try #require(try live.solveMILP().objectiveValue).isApproximately(2.8))
        expectProblemError({ if case .binaryBoundsOutsideZeroOne(1, "y", .atLeast(0)) = $0 { true } else { false } }) {
            try live.setColumnKinds([columns[1]: .binary])
        }
        try live.setColumnBounds([columns[1]: .between(0, 1)])
        try live.setColumnKinds([columns[1]: .binary])
        #expect(try live.column(columns[1]).kind == .binary)
        #expect(try live.solveMILP().objectiveValue == 1)
    }

    // MARK: Refused edits

    @Test func invalidEditsAreRefusedAndChangeNothing() throws {
        var wyndor = try LiveWyndor()
        let other = try LiveProblem(TestProblems.wyndor())
        let foreign = try other.columns()[0]
        let live = wyndor.live
        expectProblemError({ if case .nonFiniteBound(.row, 2, "plant3", _) = $0 { true } else { false } }) {
            try live.setRowBounds([wyndor.plant1: .atMost(5), wyndor.plant3: .atMost(.nan)])
        }
        expectProblemError({ if case .inconsistentBounds(.column, 1, "x2", 3, 2) = $0 { true } else { false } }) {
            try live.setColumnBounds([wyndor.x2: .between(3, 2)])
        }
        expectProblemError({ if case .nonFiniteObjective(0, "x1", _) = $0 { true } else { false } }) {
            try live.setObjectiveCoefficients([wyndor.x1: .infinity])
        }
        expectProblemError({ if case .nonFiniteObjectiveConstant = $0 { true } else { false } }) { try live.setObjectiveConstant(.nan) }
        // A whole batch is refused for one bad column: the name of an existing column, then a repeated one.
        expectProblemError({ if case .duplicateName(.column, "x1", 0, 3) = $0 { true } else { false } }) {
            try live.addColumns([.init(Column(name: "ok")), .init(Column(name: "x1"))])
        }
        expectProblemError({ if case .duplicateName(.row, "r", 3, 4) = $0 { true } else { false } }) {
            try live.addRows([.init(Row(name: "r", bounds: .free)), .init(Row(name: "r", bounds: .free))])
        }
        expectProblemError({ if case .invalidName(.column, 2, "x 3", _) = $0 { true } else { false } }) {
            try live.addColumns([.init(Column(name: "x 3"))])
        }
        expectProblemError({ if case .binaryBoundsOutsideZeroOne(2, "b", _) = $0 { true } else { false } }) {
            try live.addColumns([.init(Column(name: "b", kind: .binary, bounds: .between(0, 2)))])
        }
        expectLiveProblemError({ $0 == .nonFiniteCoefficient(row: "plant2", column: "x3", value: .infinity) }) {
            try live.addColumns([.init(Column(name: "x3"), coefficients: [wyndor.plant2: .infinity])])
        }
        expectLiveProblemError({ $0 == .unknownColumn(foreign, .ofAnotherProblem) }) {
            try live.addRows([.init(Row(name: "r", bounds: .atMost(1)), coefficients: [foreign: 1])])
        }
        expectLiveProblemError({ $0 == .unknownColumn(foreign, .ofAnotherProblem) }) { try live.deleteColumns([wyndor.x1, foreign]) }
        expectLiveProblemError({ $0 == .basisSize(basic: 2, rows: 3) }) { try live.setBasis(Basis(rows: [wyndor.plant1: .atUpper])) }
        expectLiveProblemError({ $0 == .basisStatus(.column, name: "x1", status: .atUpper, bounds: .atLeast(0)) }) {
            try live.setBasis(Basis(rows: [wyndor.plant2: .basic], columns: [wyndor.x1: .atUpper]))
        }
        expectInvalidOption("iterationLimit") { _ = try live.solveLP(options: LiveLPOptions(iterationLimit: 0)) }
        expectInvalidOption("timeLimit") { _ = try live.solveMILP(options: MILPOptions(timeLimit: .zero)) }
        expectInvalidOption("startingSolution") {
            _ = try live.solveMILP(options: MILPOptions(presolve: false, startingSolution: [5, 0]))
        }
        // Nothing changed: still Wyndor, still optimal from the same basis.
        #expect(LiveChecks.sameProblem(try live.problem(), wyndor.value))
        #expect(try wyndor.resolve().iterations == 0)
        // And edits go on.
        try live.setRowBounds([wyndor.plant1: .atMost(1)])
        wyndor.value.rows[0].bounds = .atMost(1)
        _ = try wyndor.resolve()
    }

    @Test func useAfterCloseIsRefused() throws {
        let wyndor = try LiveWyndor()
        wyndor.live.close()
        wyndor.live.close()
        #expect(wyndor.live.isClosed)
        expectLiveProblemError({ $0 == .closed }) { _ = try wyndor.live.solveLP() }
        expectLiveProblemError({ $0 == .closed }) { try wyndor.live.setRowBounds([wyndor.plant1: .atMost(1)]) }
        expectLiveProblemError({ $0 == .closed }) { _ = try wyndor.live.perform { _ in 1 } }
    }

    @Test func invalidProblemIsRefusedBeforeGLPK() {
        var problem = TestProblems.wyndor()
        problem.entries.append(MatrixEntry(row: 0, column: 0, value: 2))
        expectProblemError({ if case .duplicateEntry("plant1", "x1", 0, 4) = $0 { true } else { false } }) {
            _ = try LiveProblem(problem)
        }
    }

    @Test func aGLPKErrorLosesTheProblemWithoutCrashing() throws {
        let wyndor = try LiveWyndor()
        do {
            try wyndor.live.provokeInternalError()
            Issue.record("the provoked GLPK error was not reported")
        } catch GLPKError.internalError(let message) {
            #expect(message.description.contains("glp_set_col_bnds"))
        }
        // The environment, and the problem with it, is gone: every call says so, none touches GLPK.
        for _ in 0..<3 {
            expectLiveProblemError({ if case .lost(let message) = $0 { message.description.contains("out of range") } else { false } }) {
                _ = try wyndor.live.solveLP()
            }
        }
        expectLiveProblemError({ if case .lost = $0 { true } else { false } }) { try wyndor.live.setRowBounds([wyndor.plant1: .atMost(1)]) }
        wyndor.live.close()
        expectLiveProblemError({ $0 == .closed }) { _ = try wyndor.live.solveLP() }
        // Other live problems and one-shot solves are untouched.
        #expect(try LiveProblem(TestProblems.wyndor()).solveLP().objectiveValue == 36)
        #expect(try GLPK.solveLP(TestProblems.wyndor()).objectiveValue == 36)
    }

    // MARK: Calls from the problem's own thread

    @Test func performRunsCallsTogetherAndRefusesEscape() throws {
        let wyndor = try LiveWyndor()
        var escaped: LiveProblem.Access?
        let (objective, problem) = try wyndor.live.perform { access in
            try access.setRowBounds([wyndor.plant3: .atMost(24)])
            escaped = access
            return (try access.solveLP().objectiveValue, try access.problem())
        }
        #expect(objective.map { $0.isApproximately(42) } == true)
        #expect(problem.rows[2].bounds == .atMost(24))
        expectLiveProblemError({ $0 == .accessOutlivedPerform }) { _ = try escaped?.solveLP() }
        // The problem itself, and one-shot GLPK solves, cannot be called from inside.
        expectLiveProblemError({ $0 == .calledFromItsOwnThread }) {
            try wyndor.live.perform { _ in _ = try wyndor.live.solveLP() }
        }
        #expect(throws: GLPKError.self) {
            try wyndor.live.perform { _ in _ = try GLPK.solveLP(TestProblems.wyndor()) }
        }
        #expect(try wyndor.live.solveLP().objectiveValue.map { $0.isApproximately(42) } == true)
    }

    @Test func progressHandlerCannotCallItsOwnProblem() throws {
        let knapsack = TestProblems.correlatedKnapsack(items: 30)
        let live = try LiveProblem(TestProblems.knapsack(weights: knapsack.weights, values: knapsack.values, capacity: knapsack.capacity))
        var errors: [String] = []
        let solution = try live.solveMILP(options: MILPOptions(presolve: false, progressInterval: .zero)) { _ in
            do { _ = try live.columns() } catch { errors.append("\(error)") }
        }
        #expect(solution.termination == .optimal)
        #expect(!errors.isEmpty && errors.allSatisfy { $0.contains("its own thread") })
    }
}
