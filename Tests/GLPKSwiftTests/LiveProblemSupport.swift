@testable import GLPKSwift
import Testing

/// Checks between a warm re-solve of a live problem and the problem value it should hold.
enum LiveChecks {
    /// What differs between a warm LP solve and a cold `GLPK.solveLP` of `problem`, checked independently
    /// of the cold solve too: the warm point is feasible, its objective is the problem's at that point,
    /// and its duals and reduced costs certify optimality for `problem`'s data (so GLPK's copy of the
    /// matrix, bounds and objective is the edited one). Empty when they agree.
    static func differences(warm: LiveLPSolution, problem: LinearProblem, compareValues: Bool = true) throws -> [String] {
        let cold = try GLPK.solveLP(problem)
        var found: [String] = []
        guard warm.termination == cold.termination else {
            return ["termination: warm \(warm.termination), cold \(cold.termination)"]
        }
        guard warm.columns.count == problem.columns.count, warm.rows.count == problem.rows.count else {
            return ["shape: warm \(warm.columns.count)×\(warm.rows.count), problem \(problem.columns.count)×\(problem.rows.count)"]
        }
        guard cold.termination == .optimal else { return found }
        let objective = try #require(warm.objectiveValue)
        let coldObjective = try #require(cold.objectiveValue)
        if !objective.isApproximately(coldObjective, tolerance: 1e-6) { found.append("objective: warm \(objective), cold \(coldObjective)") }
        var relaxation = problem
        for index in relaxation.columns.indices { relaxation.columns[index].kind = .continuous }
        if let violation = relaxation.firstViolation(of: warm.solution.columnValues, tolerance: 1e-6) { found.append("warm point: \(violation)") }
        let recomputed = problem.objectiveValue(at: warm.solution.columnValues)
        if !objective.isApproximately(recomputed, tolerance: 1e-6) { found.append("objective \(objective) is \(recomputed) at the point") }
        if compareValues, !warm.solution.columnValues.isApproximately(cold.columnValues, tolerance: 1e-6) {
            found.append("values: warm \(warm.solution.columnValues), cold \(cold.columnValues)")
        }
        found += optimalityCertificateProblems(warm.solution, problem)
        return found
    }

    /// Why the duals and reduced costs do not prove the point optimal: d_j = c_j − Σ_i a_ij y_i, and each
    /// variable (column, or row activity) away from its lower bound has a reduced cost ≤ 0 when
    /// minimising, away from its upper bound ≥ 0 (signs flipped when maximising).
    static func optimalityCertificateProblems(_ solution: LPSolution, _ problem: LinearProblem) -> [String] {
        guard let duals = solution.rowDuals, let reduced = solution.reducedCosts else { return ["no duals"] }
        var found: [String] = []
        var implied = problem.columns.map(\.objective)
        for entry in problem.entries { implied[entry.column] -= entry.value * duals[entry.row] }
        for (j, column) in problem.columns.enumerated() where !reduced[j].isApproximately(implied[j], tolerance: 1e-6) {
            found.append("reduced cost of \(column.name): \(reduced[j]), implied by the duals \(implied[j])")
        }
        let sign = problem.sense == .minimize ? 1.0 : -1.0
        func check(_ name: String, value: Double, bounds: Bounds, reducedCost: Double) {
            let tolerance = 1e-6 * max(1, abs(value))
            let d = sign * reducedCost
            let dualTolerance = 1e-6 * max(1, abs(reducedCost))
            if bounds.lower.map({ value > $0 + tolerance }) ?? true, d > dualTolerance { found.append("\(name) could decrease: d = \(reducedCost)") }
            if bounds.upper.map({ value < $0 - tolerance }) ?? true, d < -dualTolerance { found.append("\(name) could increase: d = \(reducedCost)") }
        }
        for (j, column) in problem.columns.enumerated() {
            check("column \(column.name)", value: solution.columnValues[j], bounds: column.bounds, reducedCost: reduced[j])
        }
        for (i, row) in problem.rows.enumerated() {
            check("row \(row.name)", value: solution.rowActivities[i], bounds: row.bounds, reducedCost: duals[i])
        }
        return found
    }

    /// The entries of a problem by row and column name, for comparing problems whose entries are listed
    /// in different orders.
    static func entrySet(_ problem: LinearProblem) -> Set<String> {
        Set(problem.entries.map { "\(problem.rows[$0.row].name)/\(problem.columns[$0.column].name)=\($0.value)" })
    }

    /// Whether a live problem's own copy equals the value the test edited alongside it.
    static func sameProblem(_ a: LinearProblem, _ b: LinearProblem) -> Bool {
        a.sense == b.sense && a.objectiveConstant == b.objectiveConstant && a.columns == b.columns && a.rows == b.rows
            && entrySet(a) == entrySet(b)
    }
}

/// Checks that `body` throws a `LiveProblemError` that `matches` accepts.
func expectLiveProblemError(
    _ matches: (LiveProblemError) -> Bool, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected a LiveProblemError, got success", sourceLocation: sourceLocation)
    } catch let error as LiveProblemError {
        #expect(matches(error), "unexpected \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected a LiveProblemError, got \(error)", sourceLocation: sourceLocation)
    }
}
