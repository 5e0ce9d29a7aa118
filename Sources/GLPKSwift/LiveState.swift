import CGLPK
import CGLPKShim

/// What the current basis is known to be for the current problem; it chooses the next simplex method.
/// Adding columns or changing the objective keeps a basis primal feasible (primal simplex continues);
/// changing bounds or adding rows keeps it dual feasible (dual simplex continues).
enum BasisCondition {
    case optimal
    case primalFeasible
    case dualFeasible
    case unknown

    mutating func edited(keepsPrimal: Bool, keepsDual: Bool) {
        switch self {
        case .optimal:
            self = keepsPrimal && keepsDual ? .optimal : keepsPrimal ? .primalFeasible : keepsDual ? .dualFeasible : .unknown
        case .primalFeasible: if !keepsPrimal { self = .unknown }
        case .dualFeasible: if !keepsDual { self = .unknown }
        case .unknown: break
        }
    }
}

/// One column of a live problem as Swift values, with its coefficients by row.
struct LiveColumn {
    let handle: ColumnHandle
    var column: Column
    var entries: [(row: RowHandle, value: Double)]
}

struct LiveRow {
    let handle: RowHandle
    var row: Row
}

/// A live problem on its thread: the GLPK problem object, and the same problem as Swift values in GLPK's
/// order, which every edit is validated against before GLPK sees it and which maps handles to GLPK's
/// ordinal numbers. Only the problem's own thread ever reaches it (through `LiveProblemThread`'s jobs).
final class LiveState {
    let session: Session
    let model: UInt64
    let glpkProblem: OpaquePointer
    /// Set once a GLPK internal error freed the environment: the problem object no longer exists.
    private(set) var lostMessage: String?
    /// Counts `perform` calls, so that an `Access` used after its call is refused.
    private(set) var generation = 0
    private var condition = BasisCondition.unknown

    private let name: String
    private let objectiveName: String
    private let sense: ObjectiveSense
    private var objectiveConstant: Double
    private var columns: [LiveColumn] = []
    private var rows: [LiveRow] = []
    private var columnPosition: [ColumnHandle: Int] = [:]
    private var rowPosition: [RowHandle: Int] = [:]
    private var columnNamed: [String: ColumnHandle] = [:]
    private var rowNamed: [String: RowHandle] = [:]
    private var entryCount = 0
    private var lastSerial: UInt64 = 0

    /// Loads `problem`, which has passed `validate()`.
    init(session: Session, problem: LinearProblem, model: UInt64) throws {
        self.session = session
        self.model = model
        glpkProblem = try session.load(problem)
        name = problem.name
        objectiveName = problem.objectiveName
        sense = problem.sense
        objectiveConstant = problem.objectiveConstant
        appendRows(problem.rows)
        appendColumns(problem.columns.map { ($0, []) })
        for entry in problem.entries where entry.value != 0 {
            columns[entry.column].entries.append((rows[entry.row].handle, entry.value))
        }
        entryCount = problem.entries.count(where: { $0.value != 0 })
    }

    /// Deletes the GLPK problem; the thread frees its environment next.
    func free() {
        if lostMessage == nil { session.delete(glpkProblem) }
    }

    /// Runs one `perform` body. Its output capture starts empty, and a GLPK error inside marks the problem lost.
    func run<T>(_ body: (LiveProblem.Access) throws -> T) -> Result<T, any Error> {
        session.capture.restart(sink: nil)
        generation += 1
        let result = Result { try body(LiveProblem.Access(state: self, generation: generation)) }
        generation += 1
        if case .failure(GLPKError.internalError(let message)) = result, lostMessage == nil, ntp_session_poisoned() != 0 {
            lostMessage = message
        }
        noteLoss()
        session.capture.restart(sink: nil)
        return result
    }

    /// Throws unless `access` is current and the GLPK problem still exists.
    func checkUsable(by generation: Int) throws(LiveProblemError) {
        guard generation == self.generation else { throw .accessOutlivedPerform }
        noteLoss()
        if let lostMessage { throw .lost(message: lostMessage) }
    }

    private func noteLoss() {
        if lostMessage == nil, ntp_session_poisoned() != 0 { lostMessage = session.log }
    }

    // MARK: Reading

    var columnHandles: [ColumnHandle] { columns.map(\.handle) }
    var rowHandles: [RowHandle] { rows.map(\.handle) }

    func column(_ handle: ColumnHandle) throws(LiveProblemError) -> Column { columns[try position(of: handle)].column }
    func row(_ handle: RowHandle) throws(LiveProblemError) -> Row { rows[try position(of: handle)].row }

    /// The problem as it stands, as a value (same order as GLPK, so as every solution's arrays).
    func snapshot() -> LinearProblem {
        var problem = LinearProblem(
            name: name, objectiveName: objectiveName, sense: sense, objectiveConstant: objectiveConstant,
            columns: columns.map(\.column), rows: rows.map(\.row))
        problem.entries.reserveCapacity(entryCount)
        for (index, column) in columns.enumerated() {
            for entry in column.entries {
                problem.entries.append(MatrixEntry(row: rowPosition[entry.row]!, column: index, value: entry.value))
            }
        }
        return problem
    }

    func basis() -> Basis {
        Basis(
            rows: Dictionary(uniqueKeysWithValues: rows.indices.map { (rows[$0].handle, rowStatus($0)) }),
            columns: Dictionary(uniqueKeysWithValues: columns.indices.map { (columns[$0].handle, columnStatus($0)) }))
    }

    /// GLPK's memory in use on this thread and its peak, in bytes (for the leak tests).
    func memoryUsage() -> (inUse: Int, peak: Int) {
        var inUse = 0, peak = 0
        ntp_memory_usage(&inUse, &peak)
        return (inUse, peak)
    }

    // MARK: Adding

    func addColumns(_ new: [LiveProblem.NewColumn]) throws -> [ColumnHandle] {
        guard !new.isEmpty else { return [] }
        try LinearProblem.checkSize(columns.count + new.count, "columns", limit: LinearProblem.elementLimit)
        var entries: [[(position: Int, value: Double)]] = []
        var batchNames: [String: Int] = [:]
        for (offset, item) in new.enumerated() {
            let index = columns.count + offset
            try checkNewName(item.column.name, .column, index: index, existing: columnNamed[item.column.name].map { columnPosition[$0]! }, batch: &batchNames)
            try LinearProblem.checkValues(of: item.column, index: index)
            let coefficients = try item.coefficients.map { (position: try position(of: $0.key), value: $0.value) }
                .sorted { $0.position < $1.position }
            for coefficient in coefficients where !coefficient.value.isFinite {
                throw LiveProblemError.nonFiniteCoefficient(row: rows[coefficient.position].row.name, column: item.column.name, value: coefficient.value)
            }
            entries.append(coefficients.filter { $0.value != 0 })
        }
        let added = entries.reduce(0) { $0 + $1.count }
        try LinearProblem.checkSize(entryCount + added, "matrix entries", limit: LinearProblem.entryLimit)

        let status = withElements(
            new.map(\.column.name), kinds: new.map(\.column.kind.glpkKind), bounds: new.map(\.column.bounds),
            objective: new.map(\.column.objective), entries: entries
        ) { ntp_add_columns(glpkProblem, &$0) }
        try session.check(status)

        let first = columns.count
        let handles = appendColumns(zip(new, entries).map { item, entries in
            (item.column, entries.map { (rows[$0.position].handle, $0.value) })
        })
        entryCount += added
        // New columns are non-basic at a bound: the old basis stays a basis, primal feasible when they rest at zero.
        let restAtZero = (first..<columns.count).allSatisfy { restingValue(columnStatus($0), columns[$0].column.bounds) == 0 }
        condition.edited(keepsPrimal: restAtZero, keepsDual: false)
        return handles
    }

    func addRows(_ new: [LiveProblem.NewRow]) throws -> [RowHandle] {
        guard !new.isEmpty else { return [] }
        try LinearProblem.checkSize(rows.count + new.count, "rows", limit: LinearProblem.elementLimit)
        var entries: [[(position: Int, value: Double)]] = []
        var batchNames: [String: Int] = [:]
        for (offset, item) in new.enumerated() {
            let index = rows.count + offset
            try checkNewName(item.row.name, .row, index: index, existing: rowNamed[item.row.name].map { rowPosition[$0]! }, batch: &batchNames)
            try LinearProblem.checkBounds(item.row.bounds, .row, index: index, name: item.row.name)
            let coefficients = try item.coefficients.map { (position: try position(of: $0.key), value: $0.value) }
                .sorted { $0.position < $1.position }
            for coefficient in coefficients where !coefficient.value.isFinite {
                throw LiveProblemError.nonFiniteCoefficient(row: item.row.name, column: columns[coefficient.position].column.name, value: coefficient.value)
            }
            entries.append(coefficients.filter { $0.value != 0 })
        }
        let added = entries.reduce(0) { $0 + $1.count }
        try LinearProblem.checkSize(entryCount + added, "matrix entries", limit: LinearProblem.entryLimit)

        let status = withElements(new.map(\.row.name), kinds: nil, bounds: new.map(\.row.bounds), objective: nil, entries: entries) {
            ntp_add_rows(glpkProblem, &$0)
        }
        try session.check(status)

        let handles = appendRows(new.map(\.row))
        for (handle, entries) in zip(handles, entries) {
            for entry in entries { columns[entry.position].entries.append((handle, entry.value)) }
        }
        entryCount += added
        // A new row's activity is basic: the basis grows by it and stays dual feasible.
        condition.edited(keepsPrimal: false, keepsDual: true)
        return handles
    }

    // MARK: Deleting

    func deleteColumns(_ handles: Set<ColumnHandle>) throws {
        guard !handles.isEmpty else { return }
        let positions = try handles.map { try position(of: $0) }.sorted()
        // A basic column leaves the basis one short; a non-basic one away from zero moves the basic values.
        let statuses = positions.map { columnStatus($0) }
        let keepsBasis = !statuses.contains(.basic)
        let restAtZero = zip(positions, statuses).allSatisfy { restingValue($1, columns[$0].column.bounds) == 0 }

        try session.check(withInt32s(positions.map { Int32($0 + 1) }) { ntp_delete_columns(glpkProblem, Int32(positions.count), $0) })

        let deleted = Set(positions)
        for position in positions {
            columnNamed[columns[position].column.name] = nil
            entryCount -= columns[position].entries.count
        }
        columns = columns.enumerated().filter { !deleted.contains($0.offset) }.map(\.element)
        columnPosition = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.handle, $0) })
        condition.edited(keepsPrimal: keepsBasis && restAtZero, keepsDual: keepsBasis)
    }

    func deleteRows(_ handles: Set<RowHandle>) throws {
        guard !handles.isEmpty else { return }
        let positions = try handles.map { try position(of: $0) }.sorted()
        // Deleting a row whose activity is basic keeps the basis (and its optimality); a binding row leaves
        // one basic variable too many.
        let keepsBasis = positions.allSatisfy { rowStatus($0) == .basic }

        try session.check(withInt32s(positions.map { Int32($0 + 1) }) { ntp_delete_rows(glpkProblem, Int32(positions.count), $0) })

        for position in positions { rowNamed[rows[position].row.name] = nil }
        let deletedHandles = Set(positions.map { rows[$0].handle })
        rows = rows.filter { !deletedHandles.contains($0.handle) }
        rowPosition = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.handle, $0) })
        for index in columns.indices {
            let before = columns[index].entries.count
            columns[index].entries.removeAll { deletedHandles.contains($0.row) }
            entryCount -= before - columns[index].entries.count
        }
        condition.edited(keepsPrimal: keepsBasis, keepsDual: keepsBasis)
    }

    // MARK: Changing

    func setColumnBounds(_ bounds: [ColumnHandle: Bounds]) throws {
        let changes = try bounds.map { (position: try position(of: $0.key), bounds: $0.value) }.sorted { $0.position < $1.position }
        for change in changes {
            var column = columns[change.position].column
            column.bounds = change.bounds
            try LinearProblem.checkValues(of: column, index: change.position)
        }
        guard !changes.isEmpty else { return }
        let before = changes.map { columnStatus($0.position) }
        let glpk = changes.map { GLPKBounds($0.bounds) }
        let status = withBoundArrays(changes.map(\.position), glpk) { count, index, type, lower, upper in
            ntp_set_column_bounds(glpkProblem, count, index, type, lower, upper)
        }
        try session.check(status)
        for change in changes { columns[change.position].column.bounds = change.bounds }
        let after = changes.map { columnStatus($0.position) }
        condition.edited(keepsPrimal: false, keepsDual: keepsDualFeasibility(before, after))
    }

    func setRowBounds(_ bounds: [RowHandle: Bounds]) throws {
        let changes = try bounds.map { (position: try position(of: $0.key), bounds: $0.value) }.sorted { $0.position < $1.position }
        for change in changes {
            try LinearProblem.checkBounds(change.bounds, .row, index: change.position, name: rows[change.position].row.name)
        }
        guard !changes.isEmpty else { return }
        let before = changes.map { rowStatus($0.position) }
        let status = withBoundArrays(changes.map(\.position), changes.map { GLPKBounds($0.bounds) }) { count, index, type, lower, upper in
            ntp_set_row_bounds(glpkProblem, count, index, type, lower, upper)
        }
        try session.check(status)
        for change in changes { rows[change.position].row.bounds = change.bounds }
        let after = changes.map { rowStatus($0.position) }
        condition.edited(keepsPrimal: false, keepsDual: keepsDualFeasibility(before, after))
    }

    func setObjectiveCoefficients(_ coefficients: [ColumnHandle: Double]) throws {
        let changes = try coefficients.map { (position: try position(of: $0.key), value: $0.value) }.sorted { $0.position < $1.position }
        for change in changes where !change.value.isFinite {
            throw ProblemError.nonFiniteObjective(index: change.position, name: columns[change.position].column.name, value: change.value)
        }
        guard !changes.isEmpty else { return }
        try setObjective(changes.map { Int32($0.position + 1) }, changes.map(\.value))
        for change in changes { columns[change.position].column.objective = change.value }
        condition.edited(keepsPrimal: true, keepsDual: false)
    }

    func setObjectiveConstant(_ constant: Double) throws {
        guard constant.isFinite else { throw ProblemError.nonFiniteObjectiveConstant(constant) }
        try setObjective([0], [constant])
        objectiveConstant = constant
    }

    func setColumnKinds(_ kinds: [ColumnHandle: ColumnKind]) throws {
        let changes = try kinds.map { (position: try position(of: $0.key), kind: $0.value) }.sorted { $0.position < $1.position }
        for change in changes {
            var column = columns[change.position].column
            column.kind = change.kind
            try LinearProblem.checkValues(of: column, index: change.position)
        }
        guard !changes.isEmpty else { return }
        let before = changes.map { columnStatus($0.position) }
        // Each kind goes with the column's bounds again: GLPK resets a binary column's bounds to [0, 1].
        let glpk = changes.map { GLPKBounds(columns[$0.position].column.bounds) }
        let kindCodes = [0] + changes.map(\.kind.glpkKind)
        let status = kindCodes.withUnsafeBufferPointer { kind in
            withBoundArrays(changes.map(\.position), glpk) { count, index, type, lower, upper in
                ntp_set_column_kinds(glpkProblem, count, index, kind.baseAddress, type, lower, upper)
            }
        }
        try session.check(status)
        for change in changes { columns[change.position].column.kind = change.kind }
        // The LP ignores kinds; only a status GLPK moved on the way changes the basis.
        let unmoved = before == changes.map { columnStatus($0.position) }
        condition.edited(keepsPrimal: unmoved, keepsDual: unmoved)
    }

    func setBasis(_ basis: Basis) throws {
        let rowChanges = try basis.rows.map { (position: try position(of: $0.key), status: $0.value) }.sorted { $0.position < $1.position }
        let columnChanges = try basis.columns.map { (position: try position(of: $0.key), status: $0.value) }.sorted { $0.position < $1.position }
        for change in rowChanges where !change.status.fits(rows[change.position].row.bounds) {
            let row = rows[change.position].row
            throw LiveProblemError.basisStatus(.row, name: row.name, status: change.status, bounds: row.bounds)
        }
        for change in columnChanges where !change.status.fits(columns[change.position].column.bounds) {
            let column = columns[change.position].column
            throw LiveProblemError.basisStatus(.column, name: column.name, status: change.status, bounds: column.bounds)
        }
        var rowStatuses = rows.indices.map { rowStatus($0) }
        var columnStatuses = columns.indices.map { columnStatus($0) }
        for change in rowChanges { rowStatuses[change.position] = change.status }
        for change in columnChanges { columnStatuses[change.position] = change.status }
        let basic = rowStatuses.count(where: { $0 == .basic }) + columnStatuses.count(where: { $0 == .basic })
        guard basic == rows.count else { throw LiveProblemError.basisSize(basic: basic, rows: rows.count) }

        let status = ntp_set_basis(
            glpkProblem, Int32(rowChanges.count), [0] + rowChanges.map { Int32($0.position + 1) },
            [0] + rowChanges.map(\.status.glpkStatus), Int32(columnChanges.count),
            [0] + columnChanges.map { Int32($0.position + 1) }, [0] + columnChanges.map(\.status.glpkStatus))
        try session.check(status)
        condition = .unknown
    }

    // MARK: Solving

    func solveLP(options: LiveLPOptions, calledAt: ContinuousClock.Instant) throws -> LiveLPSolution {
        try options.validate()
        let started = ContinuousClock.now
        let deadline = options.timeLimit.map { calledAt + $0 }
        session.capture.restart(sink: options.output)
        defer { session.capture.detachSink() }
        let iterationsBefore = glp_get_it_cnt(glpkProblem)
        let rebuilt = try prepareBasis()
        let method: SimplexMethod = switch options.method {
        case .automatic: condition == .dualFeasible ? .dual : .primal
        case .primal: .primal
        case .dual: .dual
        }
        condition = .unknown
        let simplex = LPOptions(method: method == .dual ? .dualThenPrimal : .primal, presolve: false, iterationLimit: options.iterationLimit)
        let (termination, primalStatus) = try session.definiteSimplex(glpkProblem, options: simplex, deadline: deadline)
        if termination == .optimal { condition = .optimal }

        var solution = LPSolution(
            termination: termination, primalStatus: primalStatus, objectiveValue: nil, columnValues: [], rowActivities: [],
            rowDuals: nil, reducedCosts: nil, solveTime: .zero, log: "")
        if primalStatus == .feasiblePoint {
            solution.objectiveValue = glp_get_obj_val(glpkProblem)
            solution.columnValues = columns.indices.map { glp_get_col_prim(glpkProblem, Int32($0 + 1)) }
            solution.rowActivities = rows.indices.map { glp_get_row_prim(glpkProblem, Int32($0 + 1)) }
        }
        if termination == .optimal {
            solution.rowDuals = rows.indices.map { glp_get_row_dual(glpkProblem, Int32($0 + 1)) }
            solution.reducedCosts = columns.indices.map { glp_get_col_dual(glpkProblem, Int32($0 + 1)) }
        }
        solution.solveTime = ContinuousClock.now - started
        solution.log = session.log
        return LiveLPSolution(
            solution: solution, columns: columnHandles, rows: rowHandles, basis: basis(), method: method,
            iterations: Int(glp_get_it_cnt(glpkProblem) - iterationsBefore), basisRebuilt: rebuilt)
    }

    func solveMILP(options: MILPOptions, progress: ((MILPProgress) -> Void)?, calledAt: ContinuousClock.Instant) throws -> LiveMILPSolution {
        try options.validate(columnCount: columns.count)
        let start = try options.startingSolution.map { try GLPK.integralStart($0, for: snapshot()) }
        let started = ContinuousClock.now
        let search = SearchObserver(
            started: started, deadline: options.timeLimit.map { calledAt + $0 }, nodeLimit: options.nodeLimit, interval: options.progressInterval,
            handler: progress)
        session.capture.restart(sink: options.output)
        defer { session.capture.detachSink() }
        // Without GLPK's presolver the root LP is re-solved from the current basis.
        if !options.presolve { _ = try prepareBasis() }
        condition = .unknown
        let shape = ProblemShape(columns: columns.count, rows: rows.count, sense: sense)
        var solution = try session.branchAndCut(glpkProblem, shape: shape, options: options, start: start, search: search)
        if solution.termination == .infeasibleOrUnbounded {
            solution.termination = try session.decideUnbounded(snapshot(), options: options, search: search)
        }
        solution.solveTime = ContinuousClock.now - started
        solution.log = session.log
        return LiveMILPSolution(solution: solution, columns: columnHandles, rows: rowHandles)
    }

    /// Makes the basis ready for the simplex method; true when GLPK could not factorize it and it was
    /// replaced by GLPK's advanced initial basis.
    private func prepareBasis() throws -> Bool {
        var rebuilt: Int32 = 0
        try session.check(ntp_prepare_basis(glpkProblem, &rebuilt))
        return rebuilt != 0
    }

    // MARK: Handles and helpers

    func position(of handle: ColumnHandle) throws(LiveProblemError) -> Int {
        if let position = columnPosition[handle] { return position }
        throw .unknownColumn(handle, handle.model == model ? .deleted : .ofAnotherProblem)
    }

    func position(of handle: RowHandle) throws(LiveProblemError) -> Int {
        if let position = rowPosition[handle] { return position }
        throw .unknownRow(handle, handle.model == model ? .deleted : .ofAnotherProblem)
    }

    @discardableResult
    private func appendColumns(_ new: [(Column, [(row: RowHandle, value: Double)])]) -> [ColumnHandle] {
        new.map { column, entries in
            lastSerial += 1
            let handle = ColumnHandle(model: model, serial: lastSerial)
            columnPosition[handle] = columns.count
            columnNamed[column.name] = handle
            columns.append(LiveColumn(handle: handle, column: column, entries: entries))
            return handle
        }
    }

    @discardableResult
    private func appendRows(_ new: [Row]) -> [RowHandle] {
        new.map { row in
            lastSerial += 1
            let handle = RowHandle(model: model, serial: lastSerial)
            rowPosition[handle] = rows.count
            rowNamed[row.name] = handle
            rows.append(LiveRow(handle: handle, row: row))
            return handle
        }
    }

    /// A new element's name is valid and taken neither in the problem nor earlier in its batch.
    private func checkNewName(
        _ name: String, _ part: ProblemPart, index: Int, existing: Int?, batch: inout [String: Int]
    ) throws(ProblemError) {
        try LinearProblem.checkName(name, part, index: index)
        if let first = existing ?? batch[name] { throw .duplicateName(part, name: name, firstIndex: first, secondIndex: index) }
        batch[name] = index
    }

    private func columnStatus(_ position: Int) -> BasisStatus { BasisStatus(glpk: glp_get_col_stat(glpkProblem, Int32(position + 1))) }
    private func rowStatus(_ position: Int) -> BasisStatus { BasisStatus(glpk: glp_get_row_stat(glpkProblem, Int32(position + 1))) }

    /// The value a non-basic variable rests at; nil for a basic one.
    private func restingValue(_ status: BasisStatus, _ bounds: Bounds) -> Double? {
        switch status {
        case .basic: nil
        case .atLower, .fixed: bounds.lower
        case .atUpper: bounds.upper
        case .free: 0
        }
    }

    /// Whether new bounds keep the basis dual feasible: each non-basic variable stays on the same side
    /// (its reduced cost has the sign that side needs) or becomes fixed (any sign will do).
    private func keepsDualFeasibility(_ before: [BasisStatus], _ after: [BasisStatus]) -> Bool {
        zip(before, after).allSatisfy { $0 == $1 || $1 == .fixed }
    }

    private func setObjective(_ index: [Int32], _ values: [Double]) throws {
        let status = ntp_set_objective(glpkProblem, Int32(index.count), [0] + index, [0] + values)
        try session.check(status)
    }

    private func withInt32s<R>(_ values: [Int32], _ body: (UnsafePointer<Int32>) -> R) -> R {
        ([0] + values).withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// Calls `body` with 1-based arrays of positions (as GLPK ordinal numbers) and bounds.
    private func withBoundArrays<R>(
        _ positions: [Int], _ bounds: [GLPKBounds],
        _ body: (Int32, UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafePointer<Double>, UnsafePointer<Double>) -> R
    ) -> R {
        let memory = CMemory()
        let index = memory.copy([0] + positions.map { Int32($0 + 1) })
        let type = memory.copy([0] + bounds.map(\.type))
        let lower = memory.copy([0] + bounds.map(\.lower))
        let upper = memory.copy([0] + bounds.map(\.upper))
        return withExtendedLifetime(memory) { body(Int32(positions.count), index, type, lower, upper) }
    }

    /// Calls `body` with the elements to add in `ntp_elements`' shape.
    private func withElements<R>(
        _ names: [String], kinds: [Int32]?, bounds: [Bounds], objective: [Double]?, entries: [[(position: Int, value: Double)]],
        _ body: (inout ntp_elements) -> R
    ) -> R {
        let memory = CMemory()
        let packed = PackedNames(names)
        let glpk = [GLPKBounds(.free)] + bounds.map(GLPKBounds.init)
        var start: [Int32] = [0]
        var index: [Int32] = [0]
        var value: [Double] = [0]
        for element in entries {
            start.append(Int32(index.count))
            index.append(contentsOf: element.map { Int32($0.position + 1) })
            value.append(contentsOf: element.map(\.value))
        }
        start.append(Int32(index.count))
        var data = ntp_elements()
        data.count = Int32(names.count)
        data.names = memory.copy(packed.bytes)
        data.name_offset = memory.copy(packed.offsets)
        data.kind = kinds.map { memory.copy([0] + $0) }
        data.type = memory.copy(glpk.map(\.type))
        data.lower = memory.copy(glpk.map(\.lower))
        data.upper = memory.copy(glpk.map(\.upper))
        data.objective = objective.map { memory.copy([0] + $0) }
        data.entry_start = memory.copy(start)
        data.entry_index = memory.copy(index)
        data.entry_value = memory.copy(value)
        return withExtendedLifetime(memory) { body(&data) }
    }
}
