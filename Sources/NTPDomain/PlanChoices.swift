/// The choices a department makes when it plans, as the scenario file, the command line, the workbench
/// and the plan file all name them. Each list of values is stated here once.

/// What a plan maximises or minimises (docs/model.md, "Objective").
public enum ObjectiveKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// Criteria met summed over the years of the horizon, so earlier counts more.
    case criteriaYears = "criteria-years"
    /// Meet the targets at the least cost.
    case minCost = "min-cost"
    /// The most communes at full standard by the last year; criteria-years break ties.
    case maxStandard = "max-standard"
}

/// How the optimizer searches (docs/model.md, "Search").
public enum SearchMethod: String, Sendable, Codable, CaseIterable, Hashable {
    /// The search by commune at every size (as `decomposition`).
    case automatic
    /// GLPK's branch-and-cut on the whole model, from the rounded LP relaxation.
    case direct
    /// Dantzig-Wolfe decomposition by commune, the mixed communes planned together, then local and
    /// neighbourhood search (docs/model.md, "Search").
    case decomposition
}

/// The kinds of money a plan pays from the scenario's envelopes; the others are taken to be financed
/// outside them.
public struct KindSelection: Sendable, Hashable, CustomStringConvertible {
    public let kinds: Set<MoneyKind>

    public init(_ kinds: Set<MoneyKind>) { self.kinds = kinds }

    public static let all = KindSelection(Set(MoneyKind.allCases))

    /// `construction,recurrent`: kind names separated by commas; nil when one is not a kind of money
    /// or none is given.
    public init?(parsing text: String) {
        let parsed = text.split(separator: ",").map { MoneyKind(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        guard !parsed.isEmpty, parsed.allSatisfy({ $0 != nil }) else { return nil }
        kinds = Set(parsed.compactMap { $0 })
    }

    public func contains(_ kind: MoneyKind) -> Bool { kinds.contains(kind) }

    /// In the order of `MoneyKind.allCases`, comma-separated: how the plan file and `--kinds` write it.
    public var description: String { MoneyKind.allCases.filter(kinds.contains).map(\.rawValue).joined(separator: ",") }
}

/// Who a priority weight applies to: a class of communes or one commune.
public enum PriorityKey: Sendable, Hashable, CustomStringConvertible {
    case border
    case especiallyDifficult
    case commune(String)

    /// `border`, `especially-difficult`, or anything else as a commune id.
    public init(_ text: String) {
        switch text {
        case "border": self = .border
        case "especially-difficult": self = .especiallyDifficult
        default: self = .commune(text)
        }
    }

    public var description: String {
        switch self {
        case .border: "border"
        case .especiallyDifficult: "especially-difficult"
        case .commune(let id): id
        }
    }
}

/// Priority weights on the criteria-years a commune gains, in the order stated; a commune takes the
/// highest weight that applies to it.
public struct PriorityWeights: Sendable, Hashable, CustomStringConvertible {
    public struct Weight: Sendable, Hashable {
        public let key: PriorityKey
        public let weight: Int

        public init(_ key: PriorityKey, _ weight: Int) {
            self.key = key
            self.weight = weight
        }
    }

    public var weights: [Weight]

    public init(_ weights: [Weight] = []) { self.weights = weights }

    public var isEmpty: Bool { weights.isEmpty }

    /// `border=2,especially-difficult=2,lang-son/x=3`; the problem with the first malformed part otherwise.
    public static func parse(_ text: String) -> Result<PriorityWeights, PriorityError> {
        var weights: [Weight] = []
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, !pair[0].isEmpty, let weight = Int(pair[1]), Limits.priorityWeight.admits(weight) else {
                return .failure(PriorityError(part: String(part)))
            }
            weights.append(Weight(PriorityKey(pair[0]), weight))
        }
        return .success(PriorityWeights(weights))
    }

    /// As `parse` reads it.
    public var description: String { weights.map { "\($0.key)=\($0.weight)" }.joined(separator: ",") }

    /// Weight by commune id for the communes given (with their border and especially-difficult flags):
    /// the highest that applies; a commune no weight applies to is absent (its weight is 1).
    public func byCommune(_ communes: [Locality]) -> [String: Int] {
        var result: [String: Int] = [:]
        for entry in weights {
            let matching: [Locality]
            switch entry.key {
            case .border: matching = communes.filter { $0.border == true }
            case .especiallyDifficult: matching = communes.filter { $0.especiallyDifficult == true }
            case .commune(let id): matching = communes.filter { $0.id == id }
            }
            for commune in matching { result[commune.id] = max(result[commune.id] ?? 1, entry.weight) }
        }
        return result
    }
}

/// A priority part that is not `KEY=WEIGHT` with a whole weight within `Limits.priorityWeight`.
public struct PriorityError: Error, Sendable, Equatable {
    public let part: String
}

/// What a plan does with a criterion (or indicator) whose status needs a new assessment (cần đánh giá
/// lại): a status carried into a new criteria set that the old assessment cannot settle. A scenario
/// whose status has any must say which (`status.needs_assessment`); the plan's summary and reports say
/// how many there were and where.
public enum NeedsAssessmentPolicy: String, Sendable, Codable, CaseIterable, Hashable {
    /// Planned as missing: costed, and met only by the plan's money (the cautious reading).
    case presumeMissing = "presume_missing"
    /// Left out of the plan until assessed: neither planned nor met, so the commune is not at standard.
    case exclude
}
