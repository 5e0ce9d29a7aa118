import Foundation
import GLPKSwift
import NTPData
import NTPDomain

/// What a plan is made from: the scenario, the data and every planning choice (the scenario's own
/// options, overridden one by one by the front end). Recorded in the plan file, so that `ntp explain`
/// rebuilds the same model and a run can be repeated.
public struct PlanSettings: Sendable, Equatable {
    public var scenario: String
    public var data: String
    /// The planning years; nil for the years the status document plans.
    public var horizon: ClosedRange<Int>?
    public var kinds: KindSelection
    public var objective: ObjectiveKind
    /// The source whose money min-cost counts (nil: all money).
    public var costSource: String?
    public var capacity: Int?
    public var minimumProgress: Int?
    public var standardBonus: Int
    public var priority: PriorityWeights
    public var officialTargets: Bool
    /// The scenario's targets, then the front end's.
    public var targets: [TargetSpec]
    /// A plan whose decisions up to `lockThrough` are kept while the rest is re-planned.
    public var lockPlan: String?
    public var lockThrough: Int?
    public var method: SearchMethod
    /// Wall-clock seconds.
    public var timeLimit: Double
    /// The relative gap at which the search stops.
    public var gap: Double

    /// Overrides a front end gives: nil (or empty) leaves the scenario's value.
    public struct Overrides: Sendable {
        public var horizon: ClosedRange<Int>?
        public var kinds: KindSelection?
        public var objective: ObjectiveKind?
        public var costSource: String?
        public var capacity: Int?
        public var minimumProgress: Int?
        public var standardBonus: Int?
        public var priority: PriorityWeights?
        public var officialTargets: Bool?
        /// Added to the scenario's targets.
        public var targets: [TargetSpec] = []
        public var lockPlan: String?
        public var lockThrough: Int?
        public var method: SearchMethod?
        public var timeLimit: Double?
        public var gap: Double?

        public init() {}
    }

    public static let defaultTimeLimit = 60.0

    /// The loaded scenario's options with the overrides over them, every value checked against its
    /// limit and the scenario's phase (`check`).
    public init(_ loaded: LoadedScenario, overrides: Overrides = Overrides()) throws(PlanningError) {
        self.init(scenario: loaded.path, data: loaded.dataFolder, options: loaded.options, overrides: overrides)
        try check(phase: loaded.dataSet.catalogs.phase(loaded.budget.phaseID))
    }

    /// The scenario's options with the overrides over them.
    public init(scenario: String, data: String, options: ScenarioOptions, overrides: Overrides = Overrides()) {
        self.scenario = scenario
        self.data = data
        horizon = overrides.horizon ?? options.horizon
        kinds = overrides.kinds ?? options.kinds ?? .all
        objective = overrides.objective ?? options.objective ?? .criteriaYears
        costSource = overrides.costSource ?? (overrides.objective == nil || overrides.objective == .minCost ? options.costSource : nil)
        capacity = overrides.capacity ?? options.capacity
        minimumProgress = overrides.minimumProgress ?? options.minimumProgress
        standardBonus = overrides.standardBonus ?? options.standardBonus ?? 0
        priority = overrides.priority ?? options.priority
        officialTargets = overrides.officialTargets ?? options.officialTargets ?? false
        targets = options.targets + overrides.targets
        lockPlan = overrides.lockPlan
        lockThrough = overrides.lockThrough
        method = overrides.method ?? options.method ?? .automatic
        timeLimit = overrides.timeLimit ?? options.timeLimitSeconds ?? Self.defaultTimeLimit
        gap = overrides.gap ?? options.gap ?? 0
    }

    /// Refuses a value beyond its limit (docs/limits.md), naming the setting: a horizon or a target
    /// year outside `phase`, a time limit, gap, capacity, minimum progress, standard bonus or priority
    /// weight outside its range.
    public func check(phase: Phase?) throws(PlanningError) {
        if let horizon, let phase, let problem = phase.horizonProblem(horizon) {
            throw .invalidSetting(.horizon, "\(horizon.lowerBound)-\(horizon.upperBound) \(problem.message)")
        }
        if let phase {
            for target in targets {
                if let year = target.year, let problem = phase.targetYearProblem(year) { throw .invalidSetting(.targets, "\(target.text): \(problem.message)") }
            }
            if let lockThrough, let problem = phase.targetYearProblem(lockThrough) { throw .invalidSetting(.lockThrough, problem.message) }
        }
        if let problem = Limits.timeLimitSeconds.problem(timeLimit) { throw .invalidSetting(.timeLimit, problem.message) }
        if let problem = Limits.gap.problem(gap) { throw .invalidSetting(.gap, problem.message) }
        if let capacity, let problem = Limits.capacity.problem(capacity) { throw .invalidSetting(.capacity, problem.message) }
        if let minimumProgress, let problem = Limits.minimumProgress.problem(minimumProgress) { throw .invalidSetting(.minimumProgress, problem.message) }
        if let problem = Limits.standardBonus.problem(standardBonus) { throw .invalidSetting(.standardBonus, problem.message) }
        for entry in priority.weights {
            if let problem = Limits.priorityWeight.problem(entry.weight) { throw .invalidSetting(.priority, "\(entry.key)=\(entry.weight): the weight \(problem.message)") }
        }
    }

    /// The search options of these settings, with progress reported every `progressInterval`. The time
    /// limit is taken within `Limits.timeLimitSeconds` (`check` refuses one outside), so that no value
    /// read from a file can make the conversion to milliseconds overflow.
    public func solverOptions(progressInterval: Duration = .seconds(1)) -> MILPOptions {
        let range = Limits.timeLimitSeconds.range
        let seconds = timeLimit.isNaN ? PlanSettings.defaultTimeLimit : min(max(timeLimit, range.lowerBound), range.upperBound)
        return MILPOptions(timeLimit: .milliseconds(Int64((seconds * 1000).rounded(.up))), relativeGap: gap, progressInterval: progressInterval)
    }
}

extension PlanSettings: Codable {
    /// The plan file's keys (docs/plan-format.md): kinds, priority and targets are written as the
    /// command line writes them.
    enum CodingKeys: String, CodingKey {
        case scenario, data, horizon, kinds, objective, costSource, capacity, minimumProgress, standardBonus, priority, officialTargets
        case targets, lockPlan, lockThrough, method, timeLimit, gap
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scenario = try container.decode(String.self, forKey: .scenario)
        data = try container.decode(String.self, forKey: .data)
        if let years = try container.decodeIfPresent([Int].self, forKey: .horizon) {
            // Compared pairwise: building first...last from a damaged file could trap or fill the memory.
            guard let first = years.first, let last = years.last, zip(years, years.dropFirst()).allSatisfy({ $0 < Int.max && $1 == $0 + 1 }) else {
                throw FieldError(codingPath: container.codingPath + [CodingKeys.horizon], "the years must follow each other, e.g. [2022, 2023]")
            }
            horizon = first...last
        }
        let kindsText = try container.decode(String.self, forKey: .kinds)
        guard let kinds = KindSelection(parsing: kindsText) else {
            throw FieldError(codingPath: container.codingPath + [CodingKeys.kinds], "“\(kindsText)” is not a list of kinds of money")
        }
        self.kinds = kinds
        objective = try container.decode(ObjectiveKind.self, forKey: .objective)
        costSource = try container.decodeIfPresent(String.self, forKey: .costSource)
        capacity = try container.decodeIfPresent(Int.self, forKey: .capacity)
        minimumProgress = try container.decodeIfPresent(Int.self, forKey: .minimumProgress)
        standardBonus = try container.decode(Int.self, forKey: .standardBonus)
        switch PriorityWeights.parse(try container.decodeIfPresent(String.self, forKey: .priority) ?? "") {
        case .success(let weights): priority = weights
        case .failure(let error):
            throw FieldError(codingPath: container.codingPath + [CodingKeys.priority], "“\(error.part)” is not KEY=WEIGHT")
        }
        officialTargets = try container.decode(Bool.self, forKey: .officialTargets)
        targets = try container.decode([TargetSpec].self, forKey: .targets)
        lockPlan = try container.decodeIfPresent(String.self, forKey: .lockPlan)
        lockThrough = try container.decodeIfPresent(Int.self, forKey: .lockThrough)
        method = try container.decodeIfPresent(SearchMethod.self, forKey: .method) ?? .automatic
        timeLimit = try container.decodeIfPresent(Double.self, forKey: .timeLimit) ?? Self.defaultTimeLimit
        gap = try container.decodeIfPresent(Double.self, forKey: .gap) ?? 0
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scenario, forKey: .scenario)
        try container.encode(data, forKey: .data)
        try container.encodeIfPresent(horizon.map { Array($0) }, forKey: .horizon)
        try container.encode(kinds.description, forKey: .kinds)
        try container.encode(objective, forKey: .objective)
        try container.encodeIfPresent(costSource, forKey: .costSource)
        try container.encodeIfPresent(capacity, forKey: .capacity)
        try container.encodeIfPresent(minimumProgress, forKey: .minimumProgress)
        try container.encode(standardBonus, forKey: .standardBonus)
        try container.encodeIfPresent(priority.isEmpty ? nil : priority.description, forKey: .priority)
        try container.encode(officialTargets, forKey: .officialTargets)
        try container.encode(targets, forKey: .targets)
        try container.encodeIfPresent(lockPlan, forKey: .lockPlan)
        try container.encodeIfPresent(lockThrough, forKey: .lockThrough)
        try container.encode(method, forKey: .method)
        try container.encode(timeLimit, forKey: .timeLimit)
        try container.encode(gap, forKey: .gap)
    }
}
