import Foundation
import NTPDomain
import NTPText

/// Commune-by-commune criteria status estimated from a yearly plan that states only how many communes meet
/// each criterion ("N/181 xã", "có thêm N xã") and how many communes are at standard, as Lạng Sơn's 2022
/// plan does. The estimate reproduces every count exactly; which commune meets which criterion is an
/// assumption, and the document's notes.md says so (Data/seeds/lang-son-2022/notes.md, §(f)).
///
/// The procedure, with N communes, A at standard at the start, B at the end (k = B − A reach the standard
/// during the year) and, for each criterion c, `start_c` and `end_c` communes meeting it:
/// 1. Refuse counts that no commune list can realise: 0 ≤ A ≤ B ≤ N, and for every criterion
///    A ≤ start_c ≤ end_c ≤ N and end_c ≥ B (a commune at standard meets every criterion).
/// 2. Positions 1…A are the communes at standard at the start: they meet every criterion and complete
///    nothing. The other M = N − A communes are ranked 1…M, 1 being the closest to standard; ranks 1…k
///    reach the standard during the year.
/// 3. End of the year, a staircase: rank r meets c iff r ≤ e_c = end_c − A. Ranks 1…k then meet every
///    criterion, as they must.
/// 4. If the criterion met by the fewest communes at the end (b, the first in set order on a tie) is met by
///    g = e_b − k > 0 communes beyond ranks 1…k, the staircase would put ranks k+1…k+g at standard too. Those
///    g communes of b are moved down the ranking, to just after the communes of the next-fewest criterion
///    (c2, with g2 = e_c2 − k beyond ranks 1…k): they take ranks k+g2+1…k+g2+g. Ranks k+1…k+g2 now miss b,
///    the moved ones miss c2, everyone below misses b.
/// 5. Start of the year: a criterion's communes at the end, in rank order, lose its completions. By default
///    the last ones complete it (those further from standard met it later: ranks s_c+1…e_c of the
///    staircase, s_c = start_c − A), so the communes reaching standard complete c only where they do not
///    meet it at the start. Where the plan says the communes reaching standard complete a criterion
///    (`completedFirstByCommunesReachingStandard`), the first ones complete it instead: ranks 1, 2, … in
///    order, then the next ranks.
/// 6. If some of ranks 1…k would then meet every criterion at the start (they would already be at
///    standard), the criterion with the fewest communes at the start is switched to step 5's "first"
///    rule (the next-fewest if that does not clear them, and so on).
/// 7. Every count is checked again: start_c and end_c for every criterion, exactly A communes at
///    standard at the start, exactly ranks 1…k added at the end, nothing met at the start and lost at the
///    end. Counts the procedure cannot realise are refused with the reason, never approximated.
public struct StatusFromCounts: Sendable, Equatable {
    /// One criterion's counts: communes meeting it at the start and at the end of the year.
    public struct Criterion: Sendable, Equatable {
        public let code: String
        public let atStart: Int
        public let atEnd: Int
        /// The plan says the communes reaching the standard complete this criterion during the year (Lạng
        /// Sơn 2022, criterion 8: "hoàn thành tiêu chí … tại 10 xã phấn đấu đạt chuẩn năm 2022").
        public let completedFirstByCommunesReachingStandard: Bool

        public init(code: String, atStart: Int, atEnd: Int, completedFirstByCommunesReachingStandard: Bool = false) {
            self.code = code
            self.atStart = atStart
            self.atEnd = atEnd
            self.completedFirstByCommunesReachingStandard = completedFirstByCommunesReachingStandard
        }

        public var completions: Int { atEnd - atStart }
    }

    /// What the procedure starts from.
    public struct Counts: Sendable, Equatable {
        public let communes: Int
        public let atStandardStart: Int
        public let atStandardEnd: Int
        /// In the criteria set's order (ties are broken by it).
        public let criteria: [Criterion]

        public init(communes: Int, atStandardStart: Int, atStandardEnd: Int, criteria: [Criterion]) {
            self.communes = communes
            self.atStandardStart = atStandardStart
            self.atStandardEnd = atStandardEnd
            self.criteria = criteria
        }
    }

    public struct Commune: Sendable, Equatable {
        /// 1…N: the communes at standard at the start first, then the others by rank.
        public let position: Int
        /// Rank among the communes not at standard at the start, 1 = closest to standard; nil for those at standard.
        public let rank: Int?
        public let metAtStart: Set<String>
        /// The criteria the plan completes during the year.
        public let completed: Set<String>
        /// Reaches the standard during the year.
        public let reachesStandard: Bool
        /// The locality placed at this position, when the estimate is tied to a data set.
        public internal(set) var locality: Locality?

        public var metAtEnd: Set<String> { metAtStart.union(completed) }
    }

    /// What the estimate gives per criterion, for reports.
    public struct CriterionSummary: Sendable, Equatable {
        public let code: String
        public let atStart: Int
        public let atEnd: Int
        public let completions: Int
        /// Of `completions`, those in the communes reaching the standard.
        public let completionsInCommunesReachingStandard: Int
    }

    /// Counts the procedure cannot realise, and why.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: Message
        public init(_ message: Message) { self.message = message }
        public var description: String { message.text(.en) }
    }

    public let counts: Counts
    /// In position order.
    public private(set) var communes: [Commune]
    /// The steps of the procedure that changed the plain staircase (4 and 6), in words.
    public let adjustments: [String]

    public init(_ counts: Counts) throws {
        let n = counts.communes
        let a = counts.atStandardStart
        let b = counts.atStandardEnd
        let criteria = counts.criteria
        // Step 1.
        guard !criteria.isEmpty else { throw Refusal("no criterion has counts") }
        if let code = Dictionary(grouping: criteria.map(\.code)) { $0 }.first(where: { $0.value.count > 1 })?.key {
            throw Refusal("criterion \(code) has two counts")
        }
        guard n > 0, a >= 0, a <= b, b <= n else {
            throw Refusal("the communes at standard, \(a) at the start and \(b) at the end, must satisfy 0 ≤ \(a) ≤ \(b) ≤ \(n) communes")
        }
        for criterion in criteria {
            let code = criterion.code
            if criterion.atStart > n || criterion.atEnd > n {
                throw Refusal("criterion \(code): \(max(criterion.atStart, criterion.atEnd)) communes meeting it is more than the \(n) communes")
            }
            if criterion.atStart < 0 { throw Refusal("criterion \(code): \(criterion.atStart) communes at the start is negative") }
            if criterion.atStart > criterion.atEnd {
                throw Refusal("criterion \(code): \(criterion.atStart) communes at the start is more than the \(criterion.atEnd) at the end")
            }
            if criterion.atStart < a {
                throw Refusal("criterion \(code): \(criterion.atStart) communes at the start, but \(a) are at standard and meet every criterion")
            }
            if criterion.atEnd < b {
                throw Refusal("criterion \(code): \(criterion.atEnd) communes at the end, but \(b) are then at standard and meet every criterion")
            }
        }
        let m = n - a
        let k = b - a
        let s = criteria.map { $0.atStart - a }
        let e = criteria.map { $0.atEnd - a }
        var adjustments: [String] = []

        // Step 3: ranks meeting each criterion at the end.
        var endRanks: [[Int]] = e.map { ranks(1, $0) }
        // Step 4.
        if m > k, let fewest = e.min(), fewest > k {
            let g = fewest - k
            let bIndex = e.firstIndex(of: fewest)!
            let others = e.indices.filter { $0 != bIndex }
            guard let c2Index = others.min(by: { (e[$0], $0) < (e[$1], $1) }) else {
                throw Refusal(
                    "criterion \(criteria[bIndex].code) is the only criterion: the \(g) communes meeting it beyond the \(k) reaching standard would be at standard too")
            }
            let g2 = e[c2Index] - k
            guard k + g2 + g <= m else {
                throw Refusal(
                    "criterion \(criteria[bIndex].code): its \(g) communes beyond the \(k) reaching standard cannot be placed after criterion "
                        + "\(criteria[c2Index].code)'s \(g2): only \(m) communes are not at standard")
            }
            endRanks[bIndex] = ranks(1, k) + ranks(k + g2 + 1, k + g2 + g)
            adjustments.append(
                "criterion \(criteria[bIndex].code) (fewest communes at the end, \(criteria[bIndex].atEnd)): its \(g) communes beyond the \(k) "
                    + "reaching standard take ranks \(k + g2 + 1)-\(k + g2 + g), after criterion \(criteria[c2Index].code)'s, instead of ranks "
                    + "\(k + 1)-\(k + g), which would otherwise meet every criterion at the end")
        }

        // Step 5.
        func split(_ index: Int, first: Bool) -> (start: [Int], completed: [Int]) {
            let order = endRanks[index]
            let completions = e[index] - s[index]
            return first
                ? (Array(order.dropFirst(completions)), Array(order.prefix(completions)))
                : (Array(order.prefix(s[index])), Array(order.dropFirst(s[index])))
        }
        var firstRule = criteria.map(\.completedFirstByCommunesReachingStandard)
        var splits = criteria.indices.map { split($0, first: firstRule[$0]) }
        func completeAtStart(_ splits: [(start: [Int], completed: [Int])]) -> [Int] {
            let sets = splits.map { Set($0.start) }
            return ranks(1, k).filter { rank in sets.allSatisfy { $0.contains(rank) } }
        }
        // Step 6.
        let complete = completeAtStart(splits)
        if !complete.isEmpty {
            let candidates = criteria.indices.filter { !firstRule[$0] }.sorted { (s[$0], $0) < (s[$1], $1) }
            var switched: Int?
            for index in candidates {
                var trial = splits
                trial[index] = split(index, first: true)
                if completeAtStart(trial).isEmpty {
                    splits = trial
                    switched = index
                    break
                }
            }
            guard let index = switched else {
                throw Refusal(
                    "ranks \(complete.map(String.init).joined(separator: ", ")) of the communes reaching standard would meet every criterion at the "
                        + "start, and no criterion's completions can be given to them first")
            }
            firstRule[index] = true
            adjustments.append(
                "criterion \(criteria[index].code) (\(criteria[index].atStart) communes at the start, the fewest that clears them): completed first by the communes "
                    + "reaching standard, because ranks \(complete.map(String.init).joined(separator: ", ")) would otherwise meet every criterion at the start")
        }

        // Positions.
        var metAtStart = Array(repeating: Set<String>(), count: m + 1)
        var completed = Array(repeating: Set<String>(), count: m + 1)
        for (index, criterion) in criteria.enumerated() {
            for rank in splits[index].start { metAtStart[rank].insert(criterion.code) }
            for rank in splits[index].completed { completed[rank].insert(criterion.code) }
        }
        let all = Set(criteria.map(\.code))
        var communes = (0..<a).map { Commune(position: $0 + 1, rank: nil, metAtStart: all, completed: [], reachesStandard: false) }
        for rank in ranks(1, m) {
            communes.append(
                Commune(
                    position: a + rank, rank: rank, metAtStart: metAtStart[rank], completed: completed[rank],
                    reachesStandard: metAtStart[rank].union(completed[rank]) == all))
        }
        self.counts = counts
        self.communes = communes
        self.adjustments = adjustments
        // Step 7.
        for criterion in criteria {
            let start = communes.filter { $0.metAtStart.contains(criterion.code) }.count
            let end = communes.filter { $0.metAtEnd.contains(criterion.code) }.count
            guard start == criterion.atStart, end == criterion.atEnd else {
                throw Refusal("criterion \(criterion.code): the estimate gives \(start) → \(end) communes, not \(criterion.atStart) → \(criterion.atEnd)")
            }
        }
        guard communes.allSatisfy({ $0.metAtStart.isDisjoint(with: $0.completed) }) else { throw Refusal("a criterion is met and completed in one commune") }
        let standardAtStart = communes.filter { $0.metAtStart == all }.count
        let reaching = communes.filter(\.reachesStandard).compactMap(\.rank)
        guard standardAtStart == a, reaching == ranks(1, k) else {
            throw Refusal(
                "the estimate gives \(standardAtStart) communes at standard at the start and \(standardAtStart + reaching.count) at the end, not \(a) and \(b)")
        }
    }

    public var summary: [CriterionSummary] {
        counts.criteria.map { criterion in
            CriterionSummary(
                code: criterion.code, atStart: criterion.atStart, atEnd: criterion.atEnd, completions: criterion.completions,
                completionsInCommunesReachingStandard: communes.filter { $0.reachesStandard && $0.completed.contains(criterion.code) }.count)
        }
    }

    /// The estimate with `localities[i]` placed at position i + 1.
    func placing(_ localities: [Locality]) -> StatusFromCounts {
        var placed = self
        for index in placed.communes.indices where index < localities.count { placed.communes[index].locality = localities[index] }
        return placed
    }
}

/// `from`…`to`, empty when `to` < `from`.
private func ranks(_ from: Int, _ to: Int) -> [Int] { to < from ? [] : Array(from...to) }

// MARK: - Reading a document's tables

extension DataSet {
    /// The commune status of a document that gives only per-criterion counts (a `criteria_counts` table
    /// and no table naming communes), estimated by `StatusFromCounts` and placed on its communes: the
    /// communes at standard at the start are the first placeholders, then the communes the plan names to
    /// reach the standard (ranks 1, 2, …), then the other placeholders. Nil for any other document.
    /// Inputs, all from the document's folder:
    /// - `criteria_counts.csv`: per criterion (rows with an empty `indicator_vi`; an indicator row such as
    ///   criterion 8's radio systems is not the criterion), `communes_met_target` = end count and
    ///   `increase_2022` (the column of the plan's year) = completions; start = end − increase;
    /// - `count_readings.csv`: how a cell the document leaves empty is read (maintained criteria: increase
    ///   0; an assumption where nothing is stated; criterion 8's completions and who makes them); a
    ///   reading never overrides a stated cell;
    /// - `targets.csv`: `communes_ntm_total_<year>` (B) and `communes_new_ntm_<year>` (k, A = B − k), and
    ///   the rows of level `ntm` and unit `year` whose `scope` names a commune ("xã Đề Thám, huyện Trảng
    ///   Định") to reach the standard that year;
    /// - `placeholder_communes.csv`: the communes the document does not name, in the locality registry.
    public func statusFromCounts(of document: SeedDocument) throws -> StatusFromCounts? {
        guard let counts = document.table("criteria_counts"), !document.tables.values.contains(where: { $0.has("commune") }) else { return nil }
        typealias Refusal = StatusFromCounts.Refusal
        guard let period = document.period, period.lowerBound == period.upperBound else {
            throw Refusal("\(document.id): the estimate is for a plan of one year")
        }
        let year = period.lowerBound
        guard let set = catalogs.criteriaSets[document.criteriaSetID] else { throw Refusal("\(document.id): unknown criteria set \(document.criteriaSetID)") }
        let int = { (text: String?) -> Int? in text.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        let increaseColumn = "increase_\(year)"

        var readings: [String: (target: Int?, increase: Int?, first: Bool)] = [:]
        if let table = document.table("count_readings") {
            for row in table.rows {
                let first = table.value(row, "completions_first_to") ?? ""
                guard first.isEmpty || first == "communes_reaching_standard" else {
                    throw Refusal("\(table.file):\(row.line): completions_first_to must be empty or communes_reaching_standard, not \(quoted(first))")
                }
                readings[table.value(row, "criterion") ?? ""] = (int(table.value(row, "communes_met_target")), int(table.value(row, increaseColumn)), !first.isEmpty)
            }
        }
        var totals: Set<Int> = []
        var criteria: [StatusFromCounts.Criterion] = []
        for criterion in set.criteria {
            let code = criterion.code
            let rows = counts.rows.filter { counts.value($0, "criterion") == code && (counts.value($0, "indicator_vi") ?? "").isEmpty }
            guard rows.count <= 1 else { throw Refusal("\(counts.file): criterion \(code) has \(rows.count) rows without an indicator") }
            if let row = rows.first, let total = int(counts.value(row, "total_communes")) { totals.insert(total) }
            let reading = readings[code]
            func pick(_ stated: Int?, _ read: Int?, _ what: String) throws -> Int {
                if let stated, let read, stated != read {
                    throw Refusal("criterion \(code): count_readings.csv reads the \(what) as \(read), but criteria_counts.csv states \(stated)")
                }
                guard let value = stated ?? read else {
                    throw Refusal("criterion \(code): criteria_counts.csv states no \(what) and count_readings.csv gives no reading of it")
                }
                return value
            }
            let end = try pick(rows.first.flatMap { int(counts.value($0, "communes_met_target")) }, reading?.target, "target count")
            let increase = try pick(rows.first.flatMap { int(counts.value($0, increaseColumn)) }, reading?.increase, "\(year) increase")
            criteria.append(.init(code: code, atStart: end - increase, atEnd: end, completedFirstByCommunesReachingStandard: reading?.first ?? false))
        }
        guard totals.count == 1, let total = totals.first else {
            throw Refusal("\(counts.file): total_communes must be one number in every row, not \(totals.sorted())")
        }

        guard let targets = document.table("targets") else { throw Refusal("\(document.id): no targets.csv to give the communes at standard") }
        let target = { (key: String) -> Int? in targets.rows.first { targets.value($0, "key") == key }.flatMap { int(targets.value($0, "value")) } }
        guard let atEnd = target("communes_ntm_total_\(year)"), let new = target("communes_new_ntm_\(year)") else {
            throw Refusal("\(targets.file): needs communes_ntm_total_\(year) and communes_new_ntm_\(year)")
        }
        var named: [Locality] = []
        for row in targets.rows where targets.value(row, "level") == "ntm" && targets.value(row, "unit") == "year" && int(targets.value(row, "value")) == year {
            let scope = targets.value(row, "scope") ?? ""
            guard let commune = namedCommune(scope, in: document) else {
                throw Refusal("\(targets.file):\(row.line): no commune of \(document.scopeID) is \(quoted(scope))")
            }
            if !named.contains(commune) { named.append(commune) }
        }
        guard named.count <= new else { throw Refusal("\(targets.file): \(named.count) communes are named to reach the standard in \(year), more than \(new)") }

        var placeholders: [Locality] = []
        if let table = document.table("placeholder_communes") {
            for row in table.rows {
                let id = table.value(row, "id") ?? ""
                guard let locality = catalogs.localities[id] else { throw Refusal("\(table.file):\(row.line): \(quoted(id)) is not in the locality registry") }
                placeholders.append(locality)
            }
        }
        guard placeholders.count + named.count == total else {
            throw Refusal(
                "\(document.id): \(total) communes need \(total - named.count) placeholders besides the \(named.count) named, "
                    + "placeholder_communes.csv has \(placeholders.count)")
        }
        let estimate = try StatusFromCounts(.init(communes: total, atStandardStart: atEnd - new, atStandardEnd: atEnd, criteria: criteria))
        let a = atEnd - new
        return estimate.placing(Array(placeholders.prefix(a)) + named + Array(placeholders.dropFirst(a)))
    }

    /// "xã Đề Thám, huyện Trảng Định": a commune, then optionally its district, each with its unit type.
    private func namedCommune(_ text: String, in document: SeedDocument) -> Locality? {
        let registry = catalogs.localities
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let communePart = parts.first else { return nil }
        let matches = { (locality: Locality, part: String) in
            NameKey("\(locality.unitType) \(locality.name)") == NameKey(part) || NameKey(locality.name) == NameKey(part)
        }
        var scope = document.scopeID
        if parts.count > 1 {
            guard let district = registry.descendants(of: document.scopeID).first(where: { $0.level == .district && matches($0, parts[1]) }) else { return nil }
            scope = district.id
        }
        let found = registry.descendants(of: scope).filter { $0.level == .commune && matches($0, communePart) }
        return found.count == 1 ? found[0] : nil
    }
}
