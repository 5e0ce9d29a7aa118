import Foundation
import NTPDomain
import NTPText

/// The planning choices a scenario states (Scenarios/README.md, "Plan options"): horizon, the kinds of
/// money planned, policy, objective and solver. `ntp plan`'s options override them one by one.
public struct ScenarioOptions: Sendable {
    public var horizon: ClosedRange<Int>?
    public var kinds: KindSelection?
    public var capacity: Int?
    public var minimumProgress: Int?
    public var standardBonus: Int?
    /// Weights in file order: `border`, `especially-difficult` or a commune id.
    public var priority = PriorityWeights()
    public var officialTargets: Bool?
    public var targets: [TargetSpec] = []
    public var objective: ObjectiveKind?
    public var costSource: String?
    public var method: SearchMethod?
    public var timeLimitSeconds: Double?
    public var gap: Double?
    /// How the `formula` baseline weighs communes.
    public var coefficients: BaselineCoefficients?
}

/// The coefficients the `formula` baseline splits money by.
public enum BaselineCoefficients: Sendable, Equatable {
    /// By commune class, as the scenario states them (`baseline.coefficients: {especially_difficult: 50, …}`).
    case byClass(AllocationCoefficients)
    /// The 2026-2030 coefficients of the data (`baseline.coefficients: allocation-coefficients-2026-2030`)
    /// on the communes' classification: the same split as the scenario's `central_allocation`.
    case central
}

/// A mandatory target as written: `COMMUNE@YEAR` (at standard), `COMMUNE#CRITERION@YEAR`, or
/// `*#CRITERION@YEAR` (in every commune that misses it); without `@YEAR`, by the end of the horizon.
/// Written to files as its text.
public struct TargetSpec: Sendable, Hashable, Codable, CustomStringConvertible {
    public let commune: String?
    public let criterion: String?
    public let year: Int?
    public let text: String

    /// Parses `text` as written, without checking its commune or criterion against a scenario.
    public init(parsing text: String) throws(TargetError) {
        var rest = Substring(text)
        var year: Int?
        if let at = rest.lastIndex(of: "@") {
            guard let parsed = Int(rest[rest.index(after: at)...]) else { throw TargetError(text: text, problem: "the year after @ must be a number") }
            year = parsed
            rest = rest[..<at]
        }
        var criterion: String?
        if let hash = rest.lastIndex(of: "#") {
            criterion = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        let commune = rest == "*" || rest.isEmpty ? nil : String(rest)
        guard commune != nil || criterion != nil else { throw TargetError(text: text, problem: "name a commune, a criterion (#c) or both") }
        self.commune = commune
        self.criterion = criterion
        self.year = year
        self.text = text
    }

    /// Parses `text`, checking the commune and the criterion against the scenario's.
    public init(_ text: String, communes: Set<String>, criteria: CriteriaSet) throws(TargetError) {
        try self.init(parsing: text)
        try check(communes: communes, criteria: criteria)
    }

    /// Whether its commune and criterion are the scenario's.
    public func check(communes: Set<String>, criteria: CriteriaSet) throws(TargetError) {
        if let code = criterion, !criteria.criteria.contains(where: { $0.code == code }), !criteria.criteria.contains(where: { criteria.plannedCodes(of: $0).contains(code) }) {
            throw TargetError(text: text, problem: "criterion \(quoted(code)) is not in \(criteria.id)")
        }
        if let commune, !communes.contains(commune) {
            let suggestion = ScenarioSchema.closest(to: commune, in: communes).map { "; did you mean \(quoted($0))?" as Message } ?? " (use a locality id of the scenario, see ntp show)"
            throw TargetError(text: text, problem: "unknown commune \(quoted(commune))\(suggestion)")
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw FieldError(codingPath: decoder.codingPath, error.message)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public var description: String { text }
}

public struct TargetError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public let problem: Message
    public var message: Message { "\(text): \(problem)" }
    public var description: String { message.text(.en) }
}

/// Coefficients by which the `formula` baseline splits central money across communes: each commune
/// gets the highest coefficient of the classes it belongs to.
public struct AllocationCoefficients: Sendable, Equatable {
    /// Class → coefficient: `especially_difficult`, `border`, `ethnic_zone_III`, `ethnic_zone_II`,
    /// `ethnic_zone_I`, `safe_zone`, `island`, `other`.
    public let byClass: [String: Decimal]
    public let basis: String

    public static let classes = ["especially_difficult", "border", "safe_zone", "island", "ethnic_zone_III", "ethnic_zone_II", "ethnic_zone_I", "other"]

    public init(byClass: [String: Decimal], basis: String) {
        self.byClass = byClass
        self.basis = basis
    }

    /// The coefficient of `commune`: the highest of the classes it is known to belong to, else `other`
    /// (1 when the scenario gives no `other`).
    public func coefficient(of commune: Locality) -> Decimal {
        var classes: [String] = ["other"]
        if commune.especiallyDifficult == true { classes.append("especially_difficult") }
        if commune.border == true { classes.append("border") }
        if let zone = commune.ethnicZone { classes.append("ethnic_zone_\(zone.rawValue)") }
        return classes.compactMap { byClass[$0] }.max() ?? 1
    }
}

struct ScenarioOptionsFile: Decodable {
    struct Costs: Decodable { let kinds: [String]? }
    struct Policy: Decodable {
        let capacity: YAMLScalar?
        let minimum_progress: YAMLScalar?
        let standard_bonus: YAMLScalar?
        let priority: [String: YAMLScalar]?
        let official_targets: Bool?
        let targets: [String]?
    }
    struct Objective: Decodable {
        let kind: String?
        let cost_source: String?
    }
    struct Solver: Decodable {
        let method: String?
        let time_limit: YAMLScalar?
        let gap: YAMLScalar?
    }
    struct Baseline: Decodable { let coefficients: Coefficients? }
    /// The name of the coefficients' catalog, or coefficients by class.
    enum Coefficients: Decodable {
        case catalog(String)
        case byClass([String: YAMLScalar])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let name = try? container.decode(String.self) { self = .catalog(name) } else { self = .byClass(try container.decode([String: YAMLScalar].self)) }
        }
    }

    let phase: String?
    let horizon: YAMLScalar?
    let costs: Costs?
    let policy: Policy?
    let objective: Objective?
    let solver: Solver?
    let baseline: Baseline?
}

extension ScenarioOptions {
    /// The options of a resolved scenario, checked against its communes and criteria (`costs`).
    public static func load(_ scenario: ResolvedScenario, costs: CostScenario, catalogs: Catalogs, diagnostics: inout Diagnostics) -> ScenarioOptions? {
        guard let record = scenario.decode(ScenarioOptionsFile.self, diagnostics: &diagnostics) else { return nil }
        let before = diagnostics.errors.count
        func error(_ key: String, _ message: Message) { diagnostics.add(scenario.diagnostic(key, message)) }
        func whole(_ scalar: YAMLScalar?, _ key: String, _ limit: Limit<Int>) -> Int? {
            guard let scalar else { return nil }
            switch limitedInt(scalar.text, limit) {
            case .success(let value): return value
            case .failure(let problem):
                error(key, problem.message)
                return nil
            }
        }
        func number(_ scalar: YAMLScalar?, _ key: String, _ limit: Limit<Double>) -> Double? {
            guard let scalar else { return nil }
            switch limitedDouble(scalar.text, limit) {
            case .success(let value): return value
            case .failure(let problem):
                error(key, problem.message)
                return nil
            }
        }

        var options = ScenarioOptions()
        if let text = record.horizon?.text {
            let phase = record.phase.flatMap { catalogs.phase($0) }
            if let years = BudgetScenario.parseYears(text) {
                if let phase, let problem = phase.horizonProblem(years) {
                    error("horizon", "\(quoted(text)) \(problem.message)")
                } else {
                    options.horizon = years
                }
            } else {
                error("horizon", "\(quoted(text)) must read like 2022-2025")
            }
        }
        if let names = record.costs?.kinds {
            var kinds = Set<MoneyKind>()
            for (index, name) in names.enumerated() {
                if let kind = MoneyKind(rawValue: name) { kinds.insert(kind) } else {
                    let names = MoneyKind.allCases.map(\.rawValue)
                    error("costs.kinds[\(index)]", "\(quoted(name)) is not a kind of money (\(names.joined(separator: ", ")))")
                }
            }
            options.kinds = KindSelection(kinds)
        }
        let communes = Set(costs.communes.map(\.locality.id))
        if let policy = record.policy {
            options.capacity = whole(policy.capacity, "policy.capacity", Limits.capacity)
            options.minimumProgress = whole(policy.minimum_progress, "policy.minimum_progress", Limits.minimumProgress)
            options.standardBonus = whole(policy.standard_bonus, "policy.standard_bonus", Limits.standardBonus)
            options.officialTargets = policy.official_targets
            for (key, scalar) in (policy.priority ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let weight = whole(scalar, "policy.priority.\(key)", Limits.priorityWeight) else { continue }
                let priorityKey = PriorityKey(key)
                if case .commune(let id) = priorityKey, !communes.contains(id) {
                    let classes = [PriorityKey.border, .especiallyDifficult].map(\.description)
                    let suggestion = ScenarioSchema.closest(to: key, in: communes.union(classes)).map { "; did you mean \(quoted($0))?" as Message } ?? ""
                    error("policy.priority.\(key)", "neither border, especially-difficult nor a commune of the scenario\(suggestion)")
                    continue
                }
                options.priority.weights.append(PriorityWeights.Weight(priorityKey, weight))
            }
            let phase = record.phase.flatMap { catalogs.phase($0) }
            for (index, text) in (policy.targets ?? []).enumerated() {
                do {
                    let target = try TargetSpec(text, communes: communes, criteria: costs.criteriaSet)
                    if let year = target.year, let problem = phase?.targetYearProblem(year) {
                        error("policy.targets[\(index)]", "\(text): \(problem.message)")
                        continue
                    }
                    options.targets.append(target)
                } catch let problem {
                    error("policy.targets[\(index)]", problem.message)
                }
            }
        }
        if let objective = record.objective {
            if let kind = objective.kind {
                if let objective = ObjectiveKind(rawValue: kind) { options.objective = objective } else {
                    error("objective.kind", "\(quoted(kind)) must be \(oneOf(ObjectiveKind.allCases.map(\.rawValue)))")
                }
            }
            if let source = objective.cost_source {
                if catalogs.source(source) == nil { error("objective.cost_source", "unknown capital source \(quoted(source))") }
                if options.objective != .minCost { error("objective.cost_source", "goes with kind: min-cost") }
                options.costSource = source
            }
        }
        if let solver = record.solver {
            if let method = solver.method {
                if let method = SearchMethod(rawValue: method) { options.method = method } else {
                    error("solver.method", "\(quoted(method)) must be \(oneOf(SearchMethod.allCases.map(\.rawValue)))")
                }
            }
            options.timeLimitSeconds = number(solver.time_limit, "solver.time_limit", Limits.timeLimitSeconds)
            options.gap = number(solver.gap, "solver.gap", Limits.gap)
        }
        if case .catalog(let name)? = record.baseline?.coefficients {
            if name != CentralAllocationSplit.catalogName {
                error("baseline.coefficients", "\(quoted(name)) is not a coefficients catalog; expected \(CentralAllocationSplit.catalogName), or coefficients by commune class")
            } else if catalogs.centralCoefficients == nil {
                error("baseline.coefficients", "the data folder has no \(CoefficientsLoader.file)")
            } else {
                options.coefficients = .central
            }
        }
        if case .byClass(let coefficients)? = record.baseline?.coefficients {
            var byClass: [String: Decimal] = [:]
            for (key, scalar) in coefficients.sorted(by: { $0.key < $1.key }) where key != "basis" {
                guard AllocationCoefficients.classes.contains(key) else {
                    let suggestion = ScenarioSchema.closest(to: key, in: AllocationCoefficients.classes).map { "; did you mean \(quoted($0))?" as Message } ?? ""
                    error("baseline.coefficients.\(key)", "unknown commune class\(suggestion)")
                    continue
                }
                switch limitedDecimal(scalar.text, Limits.allocationCoefficient) {
                case .success(let value): byClass[key] = value
                case .failure(let problem): error("baseline.coefficients.\(key)", problem.message)
                }
            }
            let basis = coefficients["basis"]?.text ?? ""
            if basis.trimmingCharacters(in: .whitespaces).isEmpty { error("baseline.coefficients.basis", "is missing: give the legal basis or \"assumption:\" and the reason") }
            options.coefficients = .byClass(AllocationCoefficients(byClass: byClass, basis: basis))
        }
        guard diagnostics.errors.count == before else { return nil }
        return options
    }
}

/// "a, b or c".
func oneOf(_ values: [String]) -> String {
    values.count < 2 ? values.joined() : values.dropLast().joined(separator: ", ") + " or " + values[values.count - 1]
}
