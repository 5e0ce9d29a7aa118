import Foundation
import GLPKSwift
import NTPData
import NTPDomain
import NTPOptimization
import NTPText

/// What one more billion VND in an envelope is worth: the LP dual with the plan's met criteria fixed,
/// and the gain of solving again with the billion added (docs/model.md, "Marginal value of money").
public struct MarginalValue: Sendable {
    public let envelope: BudgetEnvelope
    /// Objective gained per extra billion VND, from the LP duals.
    public let dualPerBillion: Double
    /// Objective gained by solving again with one billion more; nil when no plan was found in time.
    public let resolvedGain: Double?

    /// Per envelope, in envelope order; nil when the time ran out before the duals were found.
    public static func of(_ model: AllocationModel, _ result: AllocationResult, settings: PlanSettings) throws -> [MarginalValue]? {
        let limit = settings.solverOptions().timeLimit
        guard let values = try model.marginalValues(completion: result.completion, timeLimit: limit), let base = result.objectiveValue else { return nil }
        return try values.sorted(by: { $0.key < $1.key }).map { e, dual in
            let richer = try AllocationModel(model.instance.adding([e: Money(dong: 1_000_000_000)])).solve(
                options: MILPOptions(timeLimit: limit, relativeGap: settings.gap), method: settings.method)
            return MarginalValue(envelope: model.instance.envelopes[e], dualPerBillion: dual * 1000, resolvedGain: richer.objectiveValue.map { $0 - base })
        }
    }
}

/// A plan made without the optimizer (docs/baselines.md), measured against the scenario's own
/// objective and policy without its targets.
public struct BaselineRun: Sendable {
    public let settings: PlanSettings
    public let setup: PlanSetup
    public let plan: BaselinePlan
    public let method: PlanMethod

    /// `method` is a baseline, not `.optimizer`. `progress` hears what the baseline is doing.
    public init(
        _ method: PlanMethod, loaded: LoadedScenario, overrides: PlanSettings.Overrides, progress: ((BaselineProgress) -> Void)? = nil
    ) throws(PlanningError) {
        precondition(method != .optimizer, "a baseline is made without the optimizer")
        var settings = try PlanSettings(loaded, overrides: overrides)
        settings.officialTargets = false
        settings.targets = []
        if settings.objective == .minCost {
            settings.objective = .criteriaYears
            settings.costSource = nil
        }
        let setup = try PlanSetup(settings, loaded: loaded)
        let instance = setup.instance
        do {
            switch method {
            case .official:
                var schedule: [AllocationInstance.Item: Int] = [:]
                let items = Dictionary(instance.items.map { (CommuneCriterion($0.commune, $0.criterion), $0) }, uniquingKeysWith: { first, _ in first })
                for planned in loaded.costs.plannedCosts() {
                    if let item = items[CommuneCriterion(planned.cost.locality, planned.cost.criterion)] { schedule[item] = planned.year }
                }
                plan = try Baseline.official(instance, schedule: schedule, progress: progress)
            case .formula:
                guard let coefficients = loaded.options.coefficients else { throw PlanningError.formulaNeedsCoefficients(scenario: loaded.path) }
                plan = try Baseline.formula(instance, coefficients: Self.weights(coefficients, loaded: loaded), progress: progress)
            case .greedy, .optimizer:
                plan = try Baseline.greedy(instance, progress: progress)
            }
        } catch let error as PlanningError {
            throw error
        } catch {
            throw .solver("\(error)")
        }
        self.settings = settings
        self.setup = setup
        self.method = method
    }

    public var document: PlanDocument {
        PlanDocument(
            setup: setup, settings: settings, result: plan.result, method: method,
            unfunded: plan.unfunded)
    }

    /// Each commune's weight in the formula baseline: the highest coefficient of its classes as the
    /// scenario states them, or the 2026-2030 coefficient of its classification (the weight
    /// `central_allocation` splits by); a commune whose 2026-2030 class is not known is an error.
    static func weights(_ coefficients: BaselineCoefficients, loaded: LoadedScenario) throws(PlanningError) -> [String: Decimal] {
        let communes = loaded.costs.communes
        switch coefficients {
        case .byClass(let byClass):
            return Dictionary(uniqueKeysWithValues: communes.map { ($0.locality.id, byClass.coefficient(of: $0.locality)) })
        case .central:
            guard let central = loaded.dataSet.catalogs.centralCoefficients else { throw .formulaNeedsCoefficients(scenario: loaded.path) }
            var weights: [String: Decimal] = [:]
            var problems: [Message] = []
            for commune in communes {
                let id = commune.locality.id
                let classification = loaded.costs.classifications[id] ?? CommuneClassification(commune: id, provenance: Provenance("not classified"))
                switch central.coefficient(of: classification) {
                case .success(let value): weights[id] = Decimal(value)
                case .failure(let problem): problems.append(problem.message)
                }
            }
            guard problems.isEmpty else { throw .unknownCommuneClasses(scenario: loaded.path, problems) }
            return weights
        }
    }
}

/// A commune and one of its criteria: the key of a plan's decisions.
public struct CommuneCriterion: Hashable, Sendable {
    public let commune, criterion: String

    public init(_ commune: String, _ criterion: String) {
        self.commune = commune
        self.criterion = criterion
    }
}

/// The budget-outcome curve: the plan's figures as the money of some sources is scaled.
public struct SweepRun: Sendable {
    public struct Row: Sendable, Encodable {
        public let scale: Decimal
        public let money: Money
        public let objective: Double?
        public let gap: Double?
        public let criteriaYears: Int?
        public let criteriaMet: Int?
        public let communesAtStandard: Int?

        enum CodingKeys: String, CodingKey { case scale, money_dong, objective, relative_gap, criteria_years, criteria_met, communes_at_standard }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(scale, forKey: .scale)
            try container.encode(money.dong, forKey: .money_dong)
            try container.encode(objective, forKey: .objective)
            try container.encode(gap, forKey: .relative_gap)
            try container.encode(criteriaYears, forKey: .criteria_years)
            try container.encode(criteriaMet, forKey: .criteria_met)
            try container.encode(communesAtStandard, forKey: .communes_at_standard)
        }
    }

    public let rows: [Row]

    /// FROM:TO:STEP as exact decimals, TO included, every scale within `Limits.sweepScale` and at most
    /// `Limits.sweepPoints` of them.
    public static func scales(_ text: String) throws(PlanningError) -> [Decimal] {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Numbers.signedDecimal(String($0)) }
        guard parts.count == 3, let from = parts[0], let to = parts[1], let step = parts[2], from <= to, step > 0 else {
            throw .invalidSetting(.scale, "\(text): write FROM:TO:STEP with FROM ≤ TO and STEP > 0, e.g. 0.5:1.5:0.1")
        }
        if let problem = Limits.sweepScale.problem(from) ?? Limits.sweepScale.problem(to) {
            throw .invalidSetting(.scale, "\(text): a scale \(problem.message)")
        }
        guard let count = ((to - from) / step).rounded(0, .down).wholeInt64, count < Int64(Limits.sweepPoints) else {
            throw .invalidSetting(.scale, "\(text): more than \(Limits.sweepPoints) points")
        }
        return (0...Int(count)).map { from + Decimal($0) * step }
    }

    /// Solves the scenario at every scale of the money of `sources` (and the sources below them);
    /// `progress` hears each point as it starts and the search's progress at that point (at most every
    /// `interval`, at once for a new plan). Once `isCancelled` answers true, each search stops at its
    /// next callback (`MILPOptions.isCancelled`), so the rest of the sweep ends at once.
    public init(
        loaded: LoadedScenario, sources: [String], scales: [Decimal], overrides: PlanSettings.Overrides, interval: Duration = .seconds(1),
        progress: ((BudgetSweep.Progress) -> Void)? = nil, isCancelled: (@Sendable () -> Bool)? = nil
    ) throws(PlanningError) {
        for code in sources where loaded.dataSet.catalogs.source(code) == nil {
            throw .invalidSetting(.sources, "\(code): unknown capital source (see Data/catalogs/capital-sources.yaml)")
        }
        let settings = try PlanSettings(loaded, overrides: overrides)
        let setup = try PlanSetup(settings, loaded: loaded)
        let sweep = BudgetSweep(AllocationModel(setup.instance), sources: Set(sources))
        guard !sweep.envelopes.isEmpty else { throw .noEnvelopeOfSources(sources) }
        let points: [BudgetSweep.Point]
        var options = settings.solverOptions(progressInterval: interval)
        options.isCancelled = isCancelled
        do { points = try sweep.run(scales: scales, options: options, method: settings.method, progress: progress) } catch {
            throw .solver("\(error)")
        }
        let years = setup.instance.years
        let alreadyAtStandard = setup.communesAlreadyAtStandard
        rows = points.map { point in
            let found = point.result.objectiveValue != nil
            return Row(
                scale: point.scale, money: point.money, objective: point.result.objectiveValue, gap: point.result.relativeGap,
                criteriaYears: point.result.criteriaYears(over: years), criteriaMet: found ? point.result.completion.count : nil,
                communesAtStandard: found ? alreadyAtStandard + point.result.communesCompleting(by: years[years.count - 1], items: setup.instance.items).count : nil)
        }
    }
}

/// Why a commune's criteria land in the years a plan gives them, rebuilt from the plan's settings.
public struct ExplainRun: Sendable {
    public let commune: Locality
    public let criteria: CriteriaSet
    public let explanations: [Explanation]
    /// The commune's codes whose status needs a new assessment (cần đánh giá lại), and what the plan did
    /// with them (nil when it has none).
    public let needsAssessment: [String]
    public let needsAssessmentPolicy: NeedsAssessmentPolicy?
    /// The capital sources of the plan's inputs, by which its envelopes are named.
    public let sources: [CapitalSource]

    /// Whether the explanation's code needs a new assessment and was presumed missing.
    public func presumedMissing(_ explanation: Explanation) -> Bool { needsAssessment.contains(explanation.item.criterion) }

    /// `commune` is a locality id or a name (compared after NFC normalisation); `criterion` narrows to one.
    public init(plan path: String, document: PlanDocument, commune: String, criterion: String?) throws(PlanningError) {
        let setup = try document.setup(path: path)
        let instance = setup.instance
        let key = NameKey(commune)
        guard let match = setup.inputs.communes.first(where: { $0.locality.id == commune || NameKey($0.locality.name) == key }) else {
            throw .notACommuneOfScenario(commune, scenario: document.settings.scenario)
        }
        var items = instance.items.filter { $0.commune == match.locality.id }
        if let criterion {
            items = items.filter { $0.criterion == criterion || $0.countsTowards == criterion }
            guard !items.isEmpty else { throw .criterionNotMissing(commune: match.locality.name, criterion: criterion) }
        }
        let byKey = Dictionary(instance.items.map { (CommuneCriterion($0.commune, $0.criterion), $0) }, uniquingKeysWith: { first, _ in first })
        var completion: [AllocationInstance.Item: Int] = [:]
        for done in document.completions {
            if let item = byKey[CommuneCriterion(done.commune, done.criterion)] { completion[item] = done.year }
        }
        let allocation = document.allocationPlan(name: path)
        let model = AllocationModel(instance)
        do {
            let marginal = try model.marginalValues(completion: completion, timeLimit: .seconds(120)) ?? [:]
            explanations = try items.map { try model.explain($0, completion: completion, plan: allocation, marginal: marginal) }
        } catch let error as MoneyError {
            throw .planFile(path: path, reason: "the plan's amounts on one envelope add up beyond what can be counted (\(error))")
        } catch {
            throw .solver("\(error)")
        }
        self.commune = match.locality
        criteria = setup.inputs.criteriaSet
        needsAssessment = match.needsAssessment ?? []
        needsAssessmentPolicy = needsAssessment.isEmpty ? nil : setup.inputs.needsAssessmentPolicy
        sources = setup.inputs.sources
    }
}
