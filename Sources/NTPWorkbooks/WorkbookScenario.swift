import NTPData
import NTPDomain

/// A scenario as a planning workbook holds it: what the template lays out for a department to fill
/// in, what the import reads back, and what `ScenarioFolder` writes as a scenario folder. Every value
/// carries its provenance: the workbook cell it was read from (`book.xlsx:Biểu tiêu chí!F7`), or the
/// file it was taken from when a template is filled from an existing scenario.
public struct WorkbookScenario: Sendable {
    /// One commune's row of the criteria status ("Biểu kế hoạch thực hiện tiêu chí").
    public struct Commune: Sendable, Equatable {
        public var locality: Locality
        /// By criterion code: met at the start (`x`), planned in a year, or missing (blank).
        public var status: [String: CriterionStatus]
        /// Where the commune's row is (its name cell).
        public var provenance: Provenance

        public init(locality: Locality, status: [String: CriterionStatus], provenance: Provenance) {
            self.locality = locality
            self.status = status
            self.provenance = provenance
        }

        public var met: [String] { status.filter { $0.value.state == .met }.map(\.key) }
    }

    public struct CriterionStatus: Sendable, Equatable {
        public enum State: Sendable, Equatable {
            case met
            case planned(Int)
            case missing
        }

        public var state: State
        public var provenance: Provenance

        public init(_ state: State, provenance: Provenance) {
            self.state = state
            self.provenance = provenance
        }
    }

    /// The plan options the workbook states (Scenarios/README.md, "Plan options"); nil where it is silent.
    public struct Policy: Sendable, Equatable {
        public var capacity: Int?
        public var minimumProgress: Int?
        /// The status sheet's planned years become targets.
        public var officialTargets: Bool?
        /// `COMMUNE@YEAR`, `COMMUNE#CRITERION@YEAR`, `*#CRITERION@YEAR`, with commune ids.
        public var targets: [TargetSpec] = []
        /// The kinds of money the plan pays from the envelopes; nil for all four.
        public var kinds: [MoneyKind]?
        /// Option key (`policy.capacity`, `horizon`, `policy.targets[0]`…) → the cell it comes from.
        public var provenance: [String: String] = [:]

        public init() {}
    }

    public var name: String
    public var description: String?
    public var phaseID: String
    /// The province or district the scenario covers.
    public var scopeID: String
    public var criteriaSetID: String
    /// The unit the scenario states its amounts in.
    public var unit: MoneyUnit
    public var horizon: ClosedRange<Int>?
    /// Units the data does not know (the area itself, its communes), in order: they become the
    /// scenario's own `localities:` file.
    public var newLocalities: [Locality] = []
    public var communes: [Commune] = []
    public var envelopes: [BudgetEnvelope] = []
    public var policy = Policy()
    public var overrides: [CostOverride] = []
    /// Allocation lines (an exported plan's funding), which `ntp budget` checks against the envelopes.
    public var lines: [AllocationLine] = []
    /// Where the identity fields (name, phase, scope, set, unit) were read, by key.
    public var identityProvenance: [String: String] = [:]

    public init(name: String, phaseID: String, scopeID: String, criteriaSetID: String, unit: MoneyUnit) {
        self.name = name
        self.phaseID = phaseID
        self.scopeID = scopeID
        self.criteriaSetID = criteriaSetID
        self.unit = unit
    }
}
