import GLPKSwift
import NTPDomain

/// The whole model seen commune by commune (docs/model.md, "Search"): which columns and rows belong to
/// each commune, and the coupling rows they share.
///
/// Every column but the carry-over of the shared envelopes belongs to one commune: its items' done and
/// money columns, its standard, shortfall and criterion-met columns, and the carry-over of its own
/// envelopes. Every row but the coupling rows (`Families.coupling`) holds the
/// columns of one commune only: its own rows. A commune's own problem, and the problem of several
/// communes in the money the others leave, are cut out of the whole model, so they are the whole
/// model's rows exactly.
struct CommuneSplit: Sendable {
    let model: AllocationModel
    /// The communes, in the instance's order.
    let communes: [String]
    /// The commune of each column, by index in `communes`; −1 for the carry-over.
    let communeOfColumn: [Int32]
    /// Each commune's columns, ascending.
    let columns: [[Int32]]
    /// Each commune's own rows, ascending.
    let rows: [[Int32]]
    /// The problem's entries, grouped by row: row r's are `entries[rowStart[r]..<rowStart[r + 1]]`.
    private let entries: [MatrixEntry]
    private let rowStart: [Int]
    /// The position of each coupling row in the problem, in `Families.coupling`'s order; "coupling row
    /// k" below is the k-th of them.
    let couplingRows: [Int]
    /// The coupling row of each row of the problem, −1 for the others.
    let couplingOfRow: [Int32]
    /// Each column's coefficients in the coupling rows: `couplingTerms[couplingStart[j]..<couplingStart[j + 1]]`.
    private let couplingStart: [Int32]
    private let couplingTerms: [CouplingTerm]
    /// The carry-over of the envelope chains, on the coupling rows.
    let chains: CarryChains
    /// The communes with money in each coupling row (a pay or upkeep column there), ascending.
    let communesInRow: [[Int32]]
    /// Whether each commune's criteria are independent of each other but for a capacity limit, so that
    /// `pricedBySight` prices it.
    let separable: [Bool]
    /// The capacity limit of each commune with capacity rows.
    let capacity: [Int?]

    struct CouplingTerm: Sendable {
        let row: Int32
        let value: Double
    }

    /// A row of the model holds the columns of several communes without being a coupling row: the
    /// model has a family the decomposition does not know.
    struct RowSpansCommunes: Error, CustomStringConvertible {
        let row: String
        var description: String { "row \(row) holds the money of several communes but is not a coupling row" }
    }

    init(_ model: AllocationModel) throws {
        self.model = model
        let problem = model.problem
        let families = model.families
        let instance = model.instance
        communes = instance.communes
        let communeIndex = Dictionary(uniqueKeysWithValues: communes.enumerated().map { ($1, Int32($0)) })

        var communeOfColumn = [Int32](repeating: -1, count: problem.columns.count)
        for (i, item) in instance.items.enumerated() {
            for column in families.done[item: i] { communeOfColumn[column] = communeIndex[item.commune]! }
        }
        for payment in families.payments { communeOfColumn[payment.column] = communeIndex[instance.items[payment.item].commune]! }
        for (key, column) in families.standard.entries { communeOfColumn[column] = communeIndex[key.commune]! }
        for (key, column) in families.shortfall.entries { communeOfColumn[column] = communeIndex[key.commune]! }
        for (key, column) in families.criterionMet.entries { communeOfColumn[column] = communeIndex[key.unit.commune]! }
        // A commune's own envelope (central money split by the coefficients) carries within that commune.
        for e in model.communeEnvelopes {
            if let column = families.carry[envelope: e], let commune = instance.envelopes[e].locality { communeOfColumn[column] = communeIndex[commune]! }
        }
        self.communeOfColumn = communeOfColumn
        var columns = [[Int32]](repeating: [], count: communes.count)
        for (column, c) in communeOfColumn.enumerated() where c >= 0 { columns[Int(c)].append(Int32(column)) }
        self.columns = columns

        // The builder adds each row with its coefficients, so the entries come grouped by row already;
        // otherwise they are sorted once.
        entries = zip(problem.entries, problem.entries.dropFirst()).allSatisfy { $0.row <= $1.row }
            ? problem.entries : problem.entries.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        var rowStart = [Int](repeating: 0, count: problem.rows.count + 1)
        for entry in entries { rowStart[entry.row + 1] += 1 }
        for r in problem.rows.indices { rowStart[r + 1] += rowStart[r] }
        self.rowStart = rowStart

        couplingRows = families.coupling.positions
        var couplingOfRow = [Int32](repeating: -1, count: problem.rows.count)
        for (k, row) in couplingRows.enumerated() { couplingOfRow[row] = Int32(k) }
        self.couplingOfRow = couplingOfRow

        var rows = [[Int32]](repeating: [], count: communes.count)
        for r in problem.rows.indices where couplingOfRow[r] < 0 && rowStart[r] < rowStart[r + 1] {
            let c = communeOfColumn[entries[rowStart[r]].column]
            guard c >= 0, entries[rowStart[r]..<rowStart[r + 1]].allSatisfy({ communeOfColumn[$0.column] == c }) else {
                throw RowSpansCommunes(row: problem.rows[r].name)
            }
            rows[Int(c)].append(Int32(r))
        }
        self.rows = rows

        var counts = [Int32](repeating: 0, count: problem.columns.count + 1)
        var communesInRow = [[Int32]](repeating: [], count: couplingRows.count)
        for (k, row) in couplingRows.enumerated() {
            for entry in entries[rowStart[row]..<rowStart[row + 1]] {
                counts[entry.column + 1] += 1
                let c = communeOfColumn[entry.column]
                if c >= 0, communesInRow[k].last != c { communesInRow[k].append(c) }
            }
        }
        self.communesInRow = communesInRow.map { Array(Set($0)).sorted() }
        for j in problem.columns.indices { counts[j + 1] += counts[j] }
        var next = counts
        var terms = [CouplingTerm](repeating: CouplingTerm(row: 0, value: 0), count: Int(counts[problem.columns.count]))
        for (k, row) in couplingRows.enumerated() {
            for entry in entries[rowStart[row]..<rowStart[row + 1]] {
                terms[Int(next[entry.column])] = CouplingTerm(row: Int32(k), value: entry.value)
                next[entry.column] += 1
            }
        }
        couplingStart = counts
        couplingTerms = terms
        chains = CarryChains(model, couplingOfRow: couplingOfRow)

        var family = [RowFamily?](repeating: nil, count: problem.rows.count)
        for rowFamily in RowFamily.allCases {
            for row in families.rows(of: rowFamily) { family[row] = rowFamily }
        }
        let capacityLimit = instance.policy.capacityPerCommuneYear
        var separable: [Bool] = []
        var capacity: [Int?] = []
        var doneOrPay = [Bool](repeating: false, count: problem.columns.count)
        for column in families.done.all { doneOrPay[column] = true }
        for payment in families.pay.payments { doneOrPay[payment.column] = true }
        let itemsOf = Dictionary(grouping: instance.items.indices) { instance.items[$0].commune }
        for c in communes.indices {
            let hasCapacity = rows[c].contains { family[Int($0)] == .capacity }
            capacity.append(hasCapacity ? capacityLimit : nil)
            separable.append(
                rows[c].allSatisfy { family[Int($0)].map(Decomposition.pricedBySightFamilies.contains) ?? false }
                    && columns[c].allSatisfy { doneOrPay[Int($0)] }
                    && Decomposition.assignable(items: itemsOf[communes[c]]?.count ?? 0, years: instance.years.count, capacity: hasCapacity ? capacityLimit : nil))
        }
        self.separable = separable
        self.capacity = capacity
    }

    /// Column j's coefficients in the coupling rows.
    func coupling(of column: Int) -> ArraySlice<CouplingTerm> {
        couplingTerms[Int(couplingStart[column])..<Int(couplingStart[column + 1])]
    }

    /// Column j's objective less what its money costs at `prices` on the coupling rows: c_j − Σ_k π_k a_kj.
    func pricedObjective(of column: Int, at prices: [Double]) -> Double {
        coupling(of: column).reduce(model.problem.columns[column].objective) { $0 - prices[Int($1.row)] * $1.value }
    }

    /// The entries of row r.
    func entries(of row: Int) -> ArraySlice<MatrixEntry> { entries[rowStart[row]..<rowStart[row + 1]] }

    /// The problem of the communes `part` (ascending) alone, cut out of the whole model: their columns,
    /// with objective c − π·a at `prices` (none: c); their own rows; and, when `shifts` are given, the
    /// carry-over and every coupling row with its bounds moved by `shifts[k]` (the money the other
    /// communes use there), so that the part plans in the money the others leave.
    func problem(of part: [Int], prices: [Double]?, shifts: [Double]?) -> Subproblem {
        let whole = model.problem
        var problem = LinearProblem(name: "part", objectiveName: whole.objectiveName, sense: whole.sense)
        var position = [Int32: Int32]()
        var columns: [Int] = []
        let add = { (column: Int, problem: inout LinearProblem) in
            var copy = whole.columns[column]
            if let prices { copy.objective = pricedObjective(of: column, at: prices) }
            position[Int32(column)] = Int32(problem.addColumn(copy))
            columns.append(column)
        }
        for c in part { for column in self.columns[c] { add(Int(column), &problem) } }
        if shifts != nil { for column in chains.carryColumns { add(column, &problem) } }
        var rows: [Int] = []
        let copy = { (row: Int, bounds: Bounds, problem: inout LinearProblem) in
            let terms = entries(of: row).compactMap { entry in position[Int32(entry.column)].map { (column: Int($0), value: entry.value) } }
            guard !terms.isEmpty else { return }
            problem.addRow(Row(name: whole.rows[row].name, bounds: bounds), coefficients: terms)
            rows.append(row)
        }
        for c in part { for row in self.rows[c] { copy(Int(row), whole.rows[Int(row)].bounds, &problem) } }
        if let shifts {
            for (k, row) in couplingRows.enumerated() { copy(row, whole.rows[row].bounds.shifted(by: -shifts[k]), &problem) }
        }
        return Subproblem(problem: problem, columns: columns, rows: rows)
    }

    /// A problem cut out of the whole model, with where its columns and rows are in the whole model.
    struct Subproblem {
        var problem: LinearProblem
        /// Whole-model column of each of its columns.
        let columns: [Int]
        /// Whole-model row of each of its rows.
        let rows: [Int]
    }
}

/// The envelope chains' carry-over as it acts on the coupling rows: carry[e] adds to envelope e's row
/// and takes from the next envelope's (docs/model.md, `envelope`).
struct CarryChains: Sendable {
    struct Link: Sendable {
        /// The envelope's coupling row.
        let row: Int
        /// Its carry column and the column's bounds, nil when it passes nothing on.
        let carry: Int?
        let bounds: Bounds
    }

    /// Each chain with a carry column, its envelopes in order.
    let chains: [[Link]]
    /// The chain and place of each coupling row that is an envelope in such a chain.
    let place: [Int32: (chain: Int, link: Int)]
    /// Every carry column, in chain order.
    let carryColumns: [Int]

    init(_ model: AllocationModel, couplingOfRow: [Int32]) {
        let families = model.families
        var chains: [[Link]] = []
        // A commune's own chain is in that commune's rows, not on the coupling rows.
        for chain in ModelBuilder.carryChains(model.instance)
        where !model.communeEnvelopes.contains(chain[0]) && chain.contains(where: { families.carry[envelope: $0] != nil }) {
            let links = chain.compactMap { e -> Link? in
                guard let row = families.envelope[e] else { return nil }
                let carry = families.carry[envelope: e]
                return Link(row: Int(couplingOfRow[row]), carry: carry, bounds: carry.map { model.problem.columns[$0].bounds } ?? .fixed(0))
            }
            chains.append(links)
        }
        self.chains = chains
        var place: [Int32: (chain: Int, link: Int)] = [:]
        for (c, chain) in chains.enumerated() { for (l, link) in chain.enumerated() { place[Int32(link.row)] = (c, l) } }
        self.place = place
        carryColumns = chains.flatMap { $0.compactMap(\.carry) }
    }
}

extension Bounds {
    /// The same bounds moved by `amount`.
    func shifted(by amount: Double) -> Bounds {
        switch self {
        case .free: .free
        case .atLeast(let lower): .atLeast(lower + amount)
        case .atMost(let upper): .atMost(upper + amount)
        case .between(let lower, let upper): .between(lower + amount, upper + amount)
        case .fixed(let value): .fixed(value + amount)
        }
    }
}
