import Foundation
import NTPData
import NTPDomain
import NTPText
import XLSXSwift

/// What the caller knows that a workbook may not say: a department's own workbook has no scenario
/// sheet, so its area, criteria set, phase and unit come from here (`ntp import --scope …`). A value
/// given both here and in the workbook must agree.
public struct ImportContext: Sendable {
    public var phaseID: String?
    public var scopeID: String?
    public var criteriaSetID: String?
    public var unit: MoneyUnit?
    public var name: String?

    public init(phaseID: String? = nil, scopeID: String? = nil, criteriaSetID: String? = nil, unit: MoneyUnit? = nil, name: String? = nil) {
        self.phaseID = phaseID
        self.scopeID = scopeID
        self.criteriaSetID = criteriaSetID
        self.unit = unit
        self.name = name
    }
}

/// A planning workbook read into a scenario (`ntp import`; the workbench's uploads): the template
/// `WorkbookTemplate` writes, the product's own export, or a department's own "Biểu" and capital
/// tables. Sheets are recognised by name, else by what they hold; columns by their headers. Every
/// problem is collected (`diagnostics`), each placed at its sheet and cell with the value found and
/// what was expected; with any error there is no scenario.
public struct WorkbookImport: Sendable {
    /// A part of the scenario and the sheet it was read from.
    public struct SheetUse: Sendable, Equatable {
        public enum Part: String, Sendable {
            case scenario, communes, status, capital, overrides, funding

            /// What the part holds, as a message names it.
            public var name: Message {
                switch self {
                case .scenario: "scenario and its policy"
                case .communes: "list of communes"
                case .status: "criteria status"
                case .capital: "capital"
                case .overrides: "cost overrides"
                case .funding: "funding lines"
                }
            }
        }
        public let part: Part
        public let sheet: String
    }

    public let scenario: WorkbookScenario?
    public let diagnostics: [WorkbookDiagnostic]
    public let sheetsRead: [SheetUse]

    public var errors: [WorkbookDiagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [WorkbookDiagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// Reads the workbook at `url`; it is named by its file name.
    public init(url: URL, context: ImportContext = ImportContext(), data: DataSet) {
        let name = url.lastPathComponent
        do {
            try self.init(document: XLSXDocument(contentsOf: url), name: name, context: context, data: data)
        } catch {
            self.init(unreadable: error, name: name)
        }
    }

    /// Reads a workbook held in memory (an upload); `name` names it in messages and provenance.
    public init(bytes: Data, name: String, context: ImportContext = ImportContext(), data: DataSet) {
        do {
            try self.init(document: XLSXDocument(data: bytes, name: name), name: name, context: context, data: data)
        } catch {
            self.init(unreadable: error, name: name)
        }
    }

    private init(unreadable error: XLSXReadError, name: String) {
        scenario = nil
        diagnostics = [WorkbookDiagnostic(.error, workbook: name, sheet: error.sheet, cell: error.cell?.description, error.message)]
        sheetsRead = []
    }

    public init(document: XLSXDocument, name: String, context: ImportContext = ImportContext(), data: DataSet) {
        var reading = Reading(name: name, context: context, data: data, views: document.sheets.filter { $0.kind == .worksheet }.map { SheetView(sheet: $0, workbook: name) })
        let scenario = reading.run()
        self.scenario = reading.diagnostics.hasErrors ? nil : scenario
        diagnostics = reading.diagnostics.all
        sheetsRead = reading.uses
    }
}

/// One import's state: the sheets, what was found so far, and the diagnostics.
private struct Reading {
    let name: String
    let context: ImportContext
    let data: DataSet
    let views: [SheetView]
    var diagnostics = WorkbookDiagnostics()
    var uses: [WorkbookImport.SheetUse] = []
    var catalogs: Catalogs { data.catalogs }

    init(name: String, context: ImportContext, data: DataSet, views: [SheetView]) {
        self.name = name
        self.context = context
        self.data = data
        self.views = views
    }

    func workbookError(_ message: Message) -> WorkbookDiagnostic { WorkbookDiagnostic(.error, workbook: name, message) }
    func workbookWarning(_ message: Message) -> WorkbookDiagnostic { WorkbookDiagnostic(.warning, workbook: name, message) }

    // MARK: Sheets by role

    static let ignored: [Label] = [
        SheetNames.instructions, SheetNames.lists, Label("Theo nguồn và năm", "By source and year"), Label("Vốn còn thiếu", "Unfunded"),
        Label("So sánh", "Comparison"), Label("Phân bổ theo xã", "By commune"),
    ]

    mutating func assignSheets() -> [WorkbookImport.SheetUse.Part: SheetView] {
        var roles: [WorkbookImport.SheetUse.Part: SheetView] = [:]
        let byName: [(Label, WorkbookImport.SheetUse.Part)] = [
            (SheetNames.scenario, .scenario), (SheetNames.exportSummary, .scenario), (SheetNames.communes, .communes), (SheetNames.status, .status),
            (SheetNames.exportSchedule, .status), (SheetNames.capital, .capital), (SheetNames.exportSourcesAndUses, .capital),
            (SheetNames.overrides, .overrides), (SheetNames.exportFunding, .funding),
        ]
        var unnamed: [SheetView] = []
        for view in views {
            if let (_, part) = byName.first(where: { $0.0.matches(view.name) }) {
                if let other = roles[part] {
                    diagnostics.add(workbookError("two sheets hold the \(part.name): \(quoted(other.name)) and \(quoted(view.name)); keep one"))
                } else {
                    roles[part] = view
                }
            } else if !Self.ignored.contains(where: { $0.matches(view.name) }) {
                unnamed.append(view)
            }
        }
        // A department's own sheets, recognised by what they hold.
        let numbers = (1...99).map(String.init)
        if roles[.status] == nil {
            let found = unnamed.filter { StatusSheet.locate($0, codes: numbers, names: [:]) != nil }
            if found.count > 1 {
                diagnostics.add(workbookError("several sheets look like the criteria status (\(found.map { quoted($0.name) }.joined(separator: ", "))); keep one, or name it \(quoted(SheetNames.status.vi))"))
            } else if let view = found.first {
                roles[.status] = view
                unnamed.removeAll { $0.name == view.name }
            }
        }
        if roles[.capital] == nil {
            let found = unnamed.filter { CapitalSheet.isCapital($0) }
            if found.count > 1 {
                diagnostics.add(workbookError("several sheets look like capital tables (\(found.map { quoted($0.name) }.joined(separator: ", "))); keep one, or name it \(quoted(SheetNames.capital.vi))"))
            } else if let view = found.first {
                roles[.capital] = view
            }
        }
        return roles
    }

    // MARK: The run

    mutating func run() -> WorkbookScenario? {
        if views.isEmpty {
            diagnostics.add(workbookError("the workbook has no worksheet"))
            return nil
        }
        let roles = assignSheets()
        for part in [WorkbookImport.SheetUse.Part.scenario, .communes, .status, .capital, .overrides, .funding] {
            if let view = roles[part] { uses.append(.init(part: part, sheet: view.name)) }
        }
        let fields = roles[.scenario].map { ScenarioSheet(view: $0, diagnostics: &diagnostics) }

        // The identity: what the workbook says, else the caller; both must agree.
        func identity(_ label: Label, _ given: String?, option: String) -> (value: String, place: String)? {
            let field = fields?.field(label)
            if let field, let given, Fold.key(field.text) != Fold.key(given) {
                diagnostics.add(fields!.error(field, "the workbook says \(quoted(field.text)), \(option) says \(quoted(given)); correct one of them"))
            }
            if let field { return (field.text, fields!.provenance(field)) }
            return given.map { ($0, option) }
        }
        let setText = identity(ScenarioFields.criteriaSet, context.criteriaSetID, option: "--criteria-set")
        let phaseText = identity(ScenarioFields.phase, context.phaseID, option: "--phase")
        let scopeText = identity(ScenarioFields.scope, context.scopeID, option: "--scope")
        var identityProvenance: [String: String] = [:]

        guard let statusView = roles[.status] else {
            diagnostics.add(workbookError("no sheet holds the criteria status: a table with a commune column (\(Columns.commune.vi)) and one column per criterion, found by its number or name; the template's is \(quoted(SheetNames.status.vi))"))
            return nil
        }

        // The criteria set: stated, or the only commune set whose criteria are exactly the columns found.
        var set: CriteriaSet?
        if let setText {
            set = catalogs.criteriaSets[setText.value]
            if set == nil { report(at: setText.place, fields: fields, label: ScenarioFields.criteriaSet, "unknown criteria set \(quoted(setText.value)); the sets are \(catalogs.criteriaSets.keys.sorted().joined(separator: ", "))") }
            identityProvenance["criteria_set"] = setText.place
        } else {
            // The criteria columns by number: a set fits when they are exactly its criteria; else by name.
            let phase = phaseText.flatMap { catalogs.phase($0.value) }
            let numbered = Set(StatusSheet.locate(statusView, codes: (1...99).map(String.init), names: [:])?.criteria.map(\.0) ?? [])
            let communeSets = catalogs.criteriaSets.values.filter { set in set.level == .commune && (phase.map { set.valid.overlaps($0.years) } ?? true) }.sorted { $0.id < $1.id }
            var candidates = communeSets.filter { Set($0.criteria.map(\.code)) == numbered }
            if candidates.isEmpty {
                candidates = communeSets.filter { candidate in
                    StatusSheet.locate(statusView, codes: candidate.criteria.map(\.code), names: Self.names(candidate)).map { $0.criteria.count == candidate.criteria.count } == true
                }
            }
            if candidates.count == 1 {
                set = candidates[0]
                diagnostics.add(workbookWarning("the criteria set is not stated; read as \(candidates[0].id) (\(candidates[0].criteria.count) criteria columns in \(quoted(statusView.name)))"))
            } else {
                diagnostics.add(workbookError(candidates.isEmpty
                    ? "the criteria set is not stated and the columns of \(quoted(statusView.name)) fit no set; give it on the scenario sheet (\(ScenarioFields.criteriaSet.vi)) or with --criteria-set"
                    : "the criteria set is not stated and the columns of \(quoted(statusView.name)) fit \(candidates.map(\.id).joined(separator: ", ")); give it on the scenario sheet (\(ScenarioFields.criteriaSet.vi)) or with --criteria-set"))
            }
            identityProvenance["criteria_set"] = set.map { _ in "\(name):\(statusView.name) (its criteria columns)" }
        }
        // The phase: stated, or the only one in which the set is valid.
        var phase: Phase?
        if let phaseText {
            phase = catalogs.phase(phaseText.value)
            if phase == nil { report(at: phaseText.place, fields: fields, label: ScenarioFields.phase, "unknown phase \(quoted(phaseText.value)); the phases are \(catalogs.phases.map(\.id).joined(separator: ", "))") }
            identityProvenance["phase"] = phaseText.place
        } else if let set {
            let candidates = catalogs.phases.filter { $0.years.overlaps(set.valid) }
            if candidates.count == 1 {
                phase = candidates[0]
                identityProvenance["phase"] = "the criteria set \(set.id) (valid \(set.valid.lowerBound)-\(set.valid.upperBound))"
            } else {
                diagnostics.add(workbookError("the phase is not stated; give it with --phase (\(catalogs.phases.map(\.id).joined(separator: ", ")))"))
            }
        }
        guard let set, let phase else { return nil }

        // The status table.
        guard let status = StatusSheet(view: statusView, codes: set.criteria.map(\.code), names: Self.names(set), years: phase.years, diagnostics: &diagnostics) else {
            diagnostics.add(WorkbookDiagnostic(.error, workbook: name, sheet: statusView.name, "no table of communes and criteria: a header with a commune column (\(Columns.commune.vi)) and the criteria's numbers (1…\(set.criteria.count)) or names"))
            return nil
        }
        if status.rows.isEmpty { diagnostics.add(WorkbookDiagnostic(.error, workbook: name, sheet: statusView.name, "the criteria status lists no commune")) }

        // The horizon.
        var horizon: ClosedRange<Int>?
        var horizonPlace: String?
        if let fields {
            let first = fields.whole(ScenarioFields.firstYear, atLeast: 1, diagnostics: &diagnostics)
            let last = fields.whole(ScenarioFields.lastYear, atLeast: 1, diagnostics: &diagnostics)
            if let first, let last {
                if first <= last, phase.years.contains(first), phase.years.contains(last) {
                    horizon = first...last
                    horizonPlace = fields.field(ScenarioFields.firstYear).map(fields.provenance)
                } else {
                    diagnostics.add(fields.error(fields.field(ScenarioFields.firstYear)!, "the years \(first)-\(last) are not a span within the phase \(phase.id) (\(phase.years.lowerBound)-\(phase.years.upperBound))"))
                }
            } else if let listed = fields.field(ScenarioFields.years) {
                let years = listed.text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
                if let first = years.min(), let last = years.max(), phase.years.contains(first), phase.years.contains(last) {
                    horizon = first...last
                    horizonPlace = fields.provenance(listed)
                }
            }
        }

        // The unit.
        var unit: MoneyUnit?
        var unitPlace: String?
        if let field = fields?.field(ScenarioFields.unit) {
            unit = MoneyUnitWords.named(field.text)
            if unit == nil { diagnostics.add(fields!.error(field, "found \(quoted(field.text)); expected triệu đồng, tỷ đồng, nghìn đồng or đồng")) }
            unitPlace = fields!.provenance(field)
            if let unit, let given = context.unit, given != unit {
                diagnostics.add(fields!.error(field, "the workbook says \(unit.nameVi), --unit says \(given.nameVi); correct one of them"))
            }
        }
        unit = unit ?? context.unit

        // The area and its communes.
        let communesSheet = roles[.communes].flatMap { CommunesSheet(view: $0, diagnostics: &diagnostics) }
        var newLocalities: [Locality] = []
        var scopeID = scopeText?.value
        if let scopeText { identityProvenance["scope"] = scopeText.place }
        if let id = scopeID, catalogs.localities[id] == nil {
            if let scope = newScope(id, place: scopeText!.place, fields: fields) { newLocalities.append(scope) } else { scopeID = nil }
        } else if scopeID == nil {
            scopeID = inferScope(status.rows.map(\.name), sheet: statusView)
            if scopeID != nil { identityProvenance["scope"] = "the communes of \(name):\(statusView.name)" }
        }
        guard let scopeID else { return nil }
        let registry = catalogs.localities.adding(newLocalities)
        if let scope = registry[scopeID], scope.level >= .commune {
            diagnostics.add(workbookError("the area \(quoted(scopeID)) is \(scope.unitType) \(quoted(scope.name)); the area of a scenario is a district or a province"))
            return nil
        }
        var communes: [WorkbookScenario.Commune] = []
        var listed: [String: Provenance] = [:]
        var resolver = CommuneResolver(scopeID: scopeID, registry: registry, sheet: communesSheet, workbook: name)
        for row in status.rows {
            guard let locality = resolver.resolve(name: row.name, id: row.id, view: statusView, row: row.row, column: status.communeColumn, diagnostics: &diagnostics) else { continue }
            if let first = listed[locality.id] {
                diagnostics.add(statusView.error(row.row, status.communeColumn, "\(quoted(row.name)) is the commune \(locality.id), already listed (\(first.text)); give each commune one row"))
                continue
            }
            listed[locality.id] = Provenance(statusView.provenance(row.row, status.communeColumn))
            communes.append(WorkbookScenario.Commune(locality: locality, status: row.cells, provenance: Provenance(statusView.provenance(row.row, status.communeColumn))))
        }
        newLocalities += resolver.created
        if let sheet = communesSheet {
            for row in sheet.rows where !resolver.used.contains(row.row) {
                diagnostics.add(sheet.view.warning(row.row, row.nameColumn, "\(quoted(row.name)) is not in the criteria status (\(quoted(statusView.name))); it is left out of the scenario"))
            }
        }
        let index = CommuneIndex(communes)

        // Capital.
        var envelopes: [BudgetEnvelope] = []
        var capitalUnit: MoneyUnit?
        if let view = roles[.capital] {
            let capital = CapitalSheet(view: view, vocabulary: Vocabulary(catalogs: catalogs), phase: phase, unit: unit, diagnostics: &diagnostics)
            if let stated = capital.statedUnit {
                capitalUnit = stated.unit
                if let unit, unit != stated.unit, unitPlace != nil {
                    diagnostics.add(view.warning(stated.row, stated.column, "the capital is in \(stated.unit.nameVi), the scenario in \(unit.nameVi); the amounts are converted exactly"))
                }
            }
            envelopes = capital.entries.map {
                BudgetEnvelope(program: $0.program, source: $0.source, level: $0.level, years: $0.years, amount: $0.amount, integratedFrom: $0.integratedFrom, provenance: Provenance($0.provenance))
            }
            if envelopes.isEmpty && !capital.view.sheet.rows.isEmpty && !diagnostics.hasErrors {
                diagnostics.add(WorkbookDiagnostic(.warning, workbook: name, sheet: view.name, "no envelope was found; the scenario has no money"))
            }
        } else {
            diagnostics.add(workbookWarning("no sheet holds capital (a table with \(Columns.source.vi) and \(Columns.amount.vi), or amounts by year); the scenario has no money"))
        }
        let scenarioUnit = unit ?? capitalUnit ?? .trieu

        var policy = WorkbookScenario.Policy()
        if let fields { policy = readPolicy(fields, set: set, phase: phase, communes: index) }
        if let horizonPlace { policy.provenance["horizon"] = horizonPlace }
        var overrides: [CostOverride] = []
        if let view = roles[.overrides] { overrides = readOverrides(view, set: set, unit: scenarioUnit, communes: index) }
        var lines: [AllocationLine] = []
        if let view = roles[.funding] { lines = readLines(view, unit: capitalUnit ?? unit, set: set, phase: phase, registry: registry, communes: index) }

        // The name.
        var scenarioName = "Nhập từ \(name)"
        if let field = fields?.field(ScenarioFields.name) {
            scenarioName = field.text
            identityProvenance["name"] = fields!.provenance(field)
        } else if let given = context.name {
            scenarioName = given
        }
        var scenario = WorkbookScenario(name: scenarioName, phaseID: phase.id, scopeID: scopeID, criteriaSetID: set.id, unit: scenarioUnit)
        scenario.description = fields?.field(ScenarioFields.description)?.text
        scenario.horizon = horizon
        scenario.newLocalities = newLocalities
        scenario.communes = communes
        scenario.envelopes = envelopes
        scenario.policy = policy
        scenario.overrides = overrides
        scenario.lines = lines
        identityProvenance["money_unit"] = unitPlace
        scenario.identityProvenance = identityProvenance
        return scenario
    }

    /// The folded names of each criterion, for headers that name rather than number them.
    static func names(_ set: CriteriaSet) -> [String: [String]] {
        Dictionary(set.criteria.map { ($0.code, [Fold.key($0.nameVi), Fold.key($0.nameEn)]) }, uniquingKeysWith: { first, _ in first })
    }

    /// The plan options of the scenario sheet: capacity, minimum progress, official targets, the kinds
    /// of money planned, and the required targets, with commune names turned into ids.
    mutating func readPolicy(_ fields: ScenarioSheet, set: CriteriaSet, phase: Phase, communes: CommuneIndex) -> WorkbookScenario.Policy {
        var policy = WorkbookScenario.Policy()
        policy.capacity = fields.whole(ScenarioFields.capacity, atLeast: 1, diagnostics: &diagnostics)
        policy.minimumProgress = fields.whole(ScenarioFields.minimumProgress, atLeast: 1, diagnostics: &diagnostics)
        policy.officialTargets = fields.answer(ScenarioFields.officialTargets, diagnostics: &diagnostics)
        for (key, label) in [("policy.capacity", ScenarioFields.capacity), ("policy.minimum_progress", ScenarioFields.minimumProgress), ("policy.official_targets", ScenarioFields.officialTargets)] {
            if let field = fields.field(label) { policy.provenance[key] = fields.provenance(field) }
        }
        var chosen: [MoneyKind] = []
        var answered: ScenarioSheet.Field?
        for (kind, label) in ScenarioFields.kinds {
            guard let answer = fields.answer(label, diagnostics: &diagnostics), let field = fields.field(label) else { continue }
            answered = answered ?? field
            if answer { chosen.append(kind) }
            policy.provenance["costs.kinds.\(kind.rawValue)"] = fields.provenance(field)
        }
        if let answered {
            if chosen.isEmpty {
                diagnostics.add(fields.error(answered, "no kind of money is planned; answer có for at least one"))
            } else if chosen.count < MoneyKind.allCases.count {
                policy.kinds = chosen
            }
        }
        for (index, target) in fields.targets.enumerated() {
            let before = diagnostics.errorCount
            var text = "*"
            if !target.commune.isEmpty {
                if let id = communes.id(of: target.commune) { text = id } else {
                    diagnostics.add(fields.view.error(target.row, 0, "found \(quoted(target.commune)); expected a commune of the criteria status"))
                }
            }
            if !target.criterion.isEmpty {
                if set.criteria.contains(where: { $0.code == target.criterion }) { text += "#" + target.criterion } else {
                    diagnostics.add(fields.view.error(target.row, 1, "found \(quoted(target.criterion)); expected a criterion of \(set.id) (\(set.criteria.map(\.code).joined(separator: ", ")))"))
                }
            }
            if let year = target.year {
                if phase.years.contains(year) { text += "@\(year)" } else {
                    diagnostics.add(fields.view.error(target.row, target.yearColumn, "found \(year); expected a year of the phase \(phase.id)"))
                }
            }
            guard diagnostics.errorCount == before, let spec = try? TargetSpec(parsing: text) else { continue }
            policy.targets.append(spec)
            policy.provenance["policy.targets[\(index)]"] = fields.view.provenance(target.row, 0)
        }
        return policy
    }

    /// The cost overrides, each of a commune of the status and a criterion of the set, once.
    mutating func readOverrides(_ view: SheetView, set: CriteriaSet, unit: MoneyUnit, communes: CommuneIndex) -> [CostOverride] {
        guard let sheet = OverridesSheet(view: view, diagnostics: &diagnostics) else { return [] }
        var overrides: [CostOverride] = []
        var seen: [String: Int] = [:]
        for row in sheet.rows {
            guard let id = communes.id(of: row.commune) else {
                diagnostics.add(view.error(row.row, row.communeColumn, "found \(quoted(row.commune)); expected a commune of the criteria status"))
                continue
            }
            guard set.criteria.contains(where: { $0.code == row.criterion }) else {
                diagnostics.add(view.error(row.row, row.criterionColumn, "found \(quoted(row.criterion)); expected a criterion of \(set.id)"))
                continue
            }
            if let first = seen.updateValue(row.row, forKey: "\(id)#\(row.criterion)") {
                diagnostics.add(view.error(row.row, row.criterionColumn, "a second override for this commune and criterion (the first is on row \(first + 1))"))
                continue
            }
            guard let money = try? Money(row.amount, unit) else {
                diagnostics.add(view.error(row.row, row.amountColumn, "found \(view.found(row.row, row.amountColumn)); not a whole number of đồng in \(unit.nameVi)"))
                continue
            }
            overrides.append(CostOverride(
                locality: id, criterion: row.criterion, amount: money, split: row.split,
                basis: view.provenance(row.row, row.amountColumn) + (row.basis.isEmpty ? "" : "; " + row.basis)))
        }
        return overrides
    }

    /// An exported plan's funding lines, which become the scenario's allocation lines.
    mutating func readLines(
        _ view: SheetView, unit: MoneyUnit?, set: CriteriaSet, phase: Phase, registry: LocalityRegistry, communes: CommuneIndex
    ) -> [AllocationLine] {
        guard let sheet = FundingSheet(view: view, unit: unit, diagnostics: &diagnostics) else { return [] }
        let vocabulary = Vocabulary(catalogs: catalogs)
        var lines: [AllocationLine] = []
        for row in sheet.rows {
            let before = diagnostics.errorCount
            func fail(_ column: Int, _ message: Message) { diagnostics.add(view.error(row.row, column, message)) }
            // A line may pay a commune, or the area as a whole.
            let id = registry[row.commune] != nil ? row.commune : communes.id(of: row.commune)
            if id == nil { fail(row.communeColumn, "found \(quoted(row.commune)); expected a commune id of the scenario") }
            if let criterion = row.criterion, !set.criteria.contains(where: { $0.code == criterion }) {
                fail(row.criterionColumn ?? row.communeColumn, "found criterion \(quoted(criterion)), not of \(set.id)")
            }
            let program = vocabulary.program(row.program, phase: phase)
            if program == nil { fail(row.programColumn, "found \(quoted(row.program)); expected a program of the phase \(phase.id)") }
            let source = vocabulary.source(row.source)
            if source == nil { fail(row.sourceColumn, "found \(quoted(row.source)); expected a source of funds of the catalog") }
            if !(row.year.map(phase.years.contains) ?? false) { fail(row.yearColumn, "found \(view.found(row.row, row.yearColumn)); expected a year of the phase \(phase.id)") }
            guard diagnostics.errorCount == before, let id, let program, let source, let year = row.year, let amount = row.amount else { continue }
            lines.append(AllocationLine(
                locality: id, criterion: row.criterion, program: program, source: source, year: year, amount: amount,
                provenance: Provenance(view.provenance(row.row, row.amountColumn))))
        }
        return lines
    }

    /// An error about a value that came from the workbook (a cell of the scenario sheet) or an option.
    mutating func report(at place: String, fields: ScenarioSheet?, label: Label, _ message: Message) {
        if let fields, let field = fields.field(label), fields.provenance(field) == place {
            diagnostics.add(fields.error(field, message))
        } else {
            diagnostics.add(workbookError("\(place): \(message)"))
        }
    }

    /// A new area, described on the scenario sheet (name, level, province).
    mutating func newScope(_ id: String, place: String, fields: ScenarioSheet?) -> Locality? {
        guard let fields, let idField = fields.field(ScenarioFields.scope) else {
            diagnostics.add(workbookError("\(place): unknown area \(quoted(id)); give the id of a district or province of the data (ntp show), or describe the new area on the scenario sheet"))
            return nil
        }
        let before = diagnostics.errorCount
        if !WorkbookTemplate.isSlugPath(id) {
            diagnostics.add(fields.error(idField, "\(quoted(id)) is not in the data; a new area's id is lower-case ASCII letters, digits and hyphens, parts joined by / (e.g. cao-bang/huyen-moi)"))
        }
        let nameField = fields.field(ScenarioFields.scopeName)
        if nameField == nil { diagnostics.add(fields.error(idField, "the area \(quoted(id)) is not in the data: give its name (\(ScenarioFields.scopeName.vi))")) }
        var level: LocalityLevel?
        if let field = fields.field(ScenarioFields.scopeLevel) {
            switch Fold.key(field.text) {
            case "huyện", "district": level = .district
            case "tỉnh", "province": level = .province
            default: diagnostics.add(fields.error(field, "found \(quoted(field.text)); expected huyện or tỉnh"))
            }
        } else {
            diagnostics.add(fields.error(idField, "the area \(quoted(id)) is not in the data: give its level (\(ScenarioFields.scopeLevel.vi): huyện or tỉnh)"))
        }
        var parent: String?
        if level == .district {
            if let field = fields.field(ScenarioFields.scopeParent) {
                if catalogs.localities[field.text]?.level == .province { parent = field.text } else {
                    diagnostics.add(fields.error(field, "found \(quoted(field.text)); expected the id of a province of the data"))
                }
            } else {
                diagnostics.add(fields.error(idField, "a new district needs its province (\(ScenarioFields.scopeParent.vi))"))
            }
        }
        guard diagnostics.errorCount == before, let level, let nameField else { return nil }
        return Locality(
            id: id, level: level, unitType: level == .district ? "huyện" : "tỉnh", name: nameField.text, parentID: parent,
            provenance: Provenance(fields.provenance(nameField)))
    }

    /// The area the communes of the status lie in, when none is stated: the smallest unit holding every
    /// one of them, each found by its name in the data.
    mutating func inferScope(_ names: [String], sheet: SheetView) -> String? {
        let registry = catalogs.localities
        var byName: [String: [Locality]] = [:]
        for locality in registry.localities.values where locality.level == .commune { byName[Fold.key(locality.name), default: []].append(locality) }
        var paths: [[String]] = []
        for name in names {
            let found = CommuneResolver.keys(name).flatMap { byName[$0] ?? [] }.sorted { $0.id < $1.id }
            guard found.count == 1 else {
                diagnostics.add(WorkbookDiagnostic(.error, workbook: self.name, sheet: sheet.name,
                    found.isEmpty
                    ? "the area is not stated, and \(quoted(name)) is no commune of the data; give the area on the scenario sheet (\(ScenarioFields.scope.vi)) or with --scope"
                    : "the area is not stated, and \(quoted(name)) names \(found.count) communes (\(found.map(\.id).joined(separator: ", "))); give the area on the scenario sheet (\(ScenarioFields.scope.vi)) or with --scope"))
                return nil
            }
            paths.append(registry.path(to: found[0].id).dropLast().map(\.id))
        }
        guard var common = paths.first else { return nil }
        for path in paths.dropFirst() { common = Array(zip(common, path).prefix { $0 == $1 }.map(\.0)) }
        guard let scope = common.last else { return nil }
        diagnostics.add(workbookWarning("the area is not stated; read as \(scope) (the unit holding every commune of \(quoted(sheet.name)))"))
        return scope
    }
}

/// The scenario's communes by id, by name and by name without its unit type: how targets, overrides
/// and funding lines name them.
private struct CommuneIndex {
    private var ids: Set<String> = []
    private var byName: [String: String] = [:]

    init(_ communes: [WorkbookScenario.Commune]) {
        for commune in communes {
            ids.insert(commune.locality.id)
            for key in CommuneResolver.keys(commune.locality.name) where byName[key] == nil { byName[key] = commune.locality.id }
        }
    }

    func id(of text: String) -> String? {
        if ids.contains(text) { return text }
        return CommuneResolver.keys(text).lazy.compactMap { byName[$0] }.first
    }
}
