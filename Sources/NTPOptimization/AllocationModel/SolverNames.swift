import NTPDomain

/// The names the solver and the model files see: each row and column named by its family and what it is
/// about (commune id, criterion code, kind of money, envelope, calendar year), so that a model file or a
/// breached row reads without the instance at hand, e.g.
/// `funded(cao-bang.quang-hoa.be-van-dan,5,construction,2023)`.
///
/// GLPK and the model files need names of printable ASCII without blanks, at most 255 bytes, no two
/// alike (shared/GLPK-NOTES.md, `LinearProblem.validate`). Locality ids and codes are ASCII slugs
/// already; each part of a name keeps the printable ASCII characters of what it names, writes '/' as
/// '.', and writes the name's own punctuation (parentheses, commas) and anything else as '_'. A part is
/// cut to 60 characters, so a name stays within 255 bytes. Parts that are still alike (two envelopes of
/// one program, source and years at different levels, say) get "#2", "#3"… in the instance's order.
struct SolverNames: Sendable {
    let years: [Int]
    /// "commune,criterion" of each item.
    let items: [String]
    /// The part naming each commune.
    let communes: [String: String]
    /// "program.source.years" of each envelope.
    let envelopes: [String]
    /// The source of each source-eligibility rule.
    let shareRules: [String]
    /// The program of each counterpart rule.
    let counterpartRules: [String]

    init(_ instance: AllocationInstance) {
        years = instance.years
        let communeOrder = instance.communes
        let communeParts = Self.unique(communeOrder.map(Self.part))
        communes = Dictionary(uniqueKeysWithValues: zip(communeOrder, communeParts))
        let communes = self.communes
        items = Self.unique(instance.items.map { "\(communes[$0.commune] ?? Self.part($0.commune)),\(Self.part($0.criterion))" })
        envelopes = Self.unique(instance.envelopes.map { envelope in
            let span = envelope.years.count == 1 ? "\(envelope.years.lowerBound)" : "\(envelope.years.lowerBound)-\(envelope.years.upperBound)"
            return "\(Self.part(envelope.program)).\(Self.part(envelope.source)).\(span)" + (envelope.locality.map { ".\(communes[$0] ?? Self.part($0))" } ?? "")
        })
        shareRules = Self.unique(instance.rules.sourceEligibility.map { Self.part($0.source) })
        counterpartRules = Self.unique(instance.rules.counterparts.map { Self.part($0.program) })
    }

    func year(_ index: Int) -> String { String(years[index]) }
    func commune(_ id: String) -> String { communes[id] ?? Self.part(id) }

    func name(_ row: ModelRow) -> String {
        let fields: [String] =
            switch row {
            case .staysDone(let key): [items[key.item], year(key.year)]
            case .funded(let key): [items[key.item], key.kind.rawValue, year(key.year)]
            case .noOverpay(let key): [items[key.item], key.kind.rawValue]
            case .spendWindow(let key): [items[key.item], key.kind.rawValue, year(key.year)]
            case .maintained(let key): [items[key.item], year(key.year)]
            case .envelope(let envelope): [envelopes[envelope]]
            case .shareCap(let key): [items[key.item], shareRules[key.rule]]
            case .counterpart(let key): [counterpartRules[key.rule], year(key.year)]
            case .capacity(let key): [commune(key.commune), year(key.year)]
            case .atStandard(let key): [items[key.item], year(key.year)]
            case .minProgress(let key): [commune(key.commune), year(key.year)]
            case .criterionMet(let key): [items[key.item], year(key.year)]
            case .criterionMetAll(let key): [commune(key.unit.commune), Self.part(key.unit.criterion), year(key.year)]
            }
        return "\(row.family.rawValue)(\(fields.joined(separator: ",")))"
    }

    func name(_ column: ModelColumn) -> String {
        switch column {
        case .done(let key): "done(\(items[key.item]),\(year(key.year)))"
        case .pay(let item, let kind, let envelope, let t): "pay(\(items[item]),\(kind.rawValue),\(envelopes[envelope]),\(year(t)))"
        case .upkeep(let item, let envelope, let t): "upkeep(\(items[item]),\(envelopes[envelope]),\(year(t)))"
        case .carry(let envelope): "carry(\(envelopes[envelope]))"
        case .standard(let key): "standard(\(commune(key.commune)),\(year(key.year)))"
        case .shortfall(let key): "short(\(commune(key.commune)),\(year(key.year)))"
        case .met(let key): "met(\(commune(key.unit.commune)),\(Self.part(key.unit.criterion)),\(year(key.year)))"
        }
    }

    /// One part of a name: printable ASCII, '/' as '.', the name's punctuation and anything else as '_',
    /// at most 60 characters.
    static func part(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars.prefix(60) {
            switch scalar {
            case "/": scalars.append(".")
            case "(", ")", ",": scalars.append("_")
            default: scalars.append((0x21...0x7E).contains(scalar.value) ? scalar : "_")
            }
        }
        return scalars.isEmpty ? "_" : String(scalars)
    }

    /// The labels with "#2", "#3"… added to the second and later of any that are alike.
    static func unique(_ labels: [String]) -> [String] {
        var taken = Set(labels)
        var seen = Set<String>()
        return labels.map { label in
            if seen.insert(label).inserted { return label }
            var n = 2
            while taken.contains("\(label)#\(n)") { n += 1 }
            taken.insert("\(label)#\(n)")
            return "\(label)#\(n)"
        }
    }
}
