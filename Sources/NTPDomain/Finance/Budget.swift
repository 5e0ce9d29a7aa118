/// Money available to a program from one source, managed at one level of government, for a year or a
/// span of years (a phase plan states five-year totals; a yearly plan one year).
public struct BudgetEnvelope: Hashable, Sendable, Codable {
    public var program: String
    public var source: String
    public var level: GovernmentLevel?
    public var years: ClosedRange<Int>
    public var amount: Money
    /// For integrated capital (vốn lồng ghép): the program whose money it is, so that totals over
    /// several programs count it once.
    public var integratedFrom: String?
    public var provenance: Provenance

    public init(
        program: String, source: String, level: GovernmentLevel? = nil, years: ClosedRange<Int>, amount: Money,
        integratedFrom: String? = nil, provenance: Provenance
    ) {
        self.program = program
        self.source = source
        self.level = level
        self.years = years
        self.amount = amount
        self.integratedFrom = integratedFrom
        self.provenance = provenance
    }
}

/// One line of an allocation: money from a source, under a program, spent in a year on a criterion of
/// a commune. A plan that does not split by commune or criterion names the district and no criterion.
public struct AllocationLine: Hashable, Sendable {
    public var locality: String
    public var criterion: String?
    public var program: String
    public var source: String
    public var year: Int
    public var amount: Money
    public var provenance: Provenance?

    public init(
        locality: String, criterion: String?, program: String, source: String, year: Int, amount: Money,
        provenance: Provenance? = nil
    ) {
        self.locality = locality
        self.criterion = criterion
        self.program = program
        self.source = source
        self.year = year
        self.amount = amount
        self.provenance = provenance
    }
}

/// An allocation: who gets what, from which source, in which year.
public struct AllocationPlan: Hashable, Sendable {
    public var name: String
    public var lines: [AllocationLine]

    public init(name: String, lines: [AllocationLine]) {
        self.name = name
        self.lines = lines
    }
}

/// A capital source in a year: the cell spend is summed into.
public struct SourceYear: Hashable, Comparable, Sendable {
    public let source: String
    public let year: Int

    public init(source: String, year: Int) {
        self.source = source
        self.year = year
    }

    public static func < (a: SourceYear, b: SourceYear) -> Bool { (a.source, a.year) < (b.source, b.year) }

    /// The money of `lines` by source and year (lines whose sum a plan's reader has bounded).
    public static func totals(_ lines: [AllocationLine]) -> [SourceYear: Money] {
        var totals: [SourceYear: Int64] = [:]
        for line in lines { totals[SourceYear(source: line.source, year: line.year), default: 0] += line.amount.dong }
        return totals.mapValues { Money(dong: $0) }
    }
}
