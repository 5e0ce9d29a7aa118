import Foundation
import NTPData
import NTPDomain
import NTPText
import XLSXSwift

/// The workbook a department fills in to describe its own district or province (`ntp template`):
/// instructions; the scenario and its policy; the communes; the criteria status in the layout of the
/// "Biểu kế hoạch thực hiện tiêu chí" for the chosen criteria set; capital envelopes by program, source,
/// level and years; optional cost overrides; and a hidden sheet of the lists the drop-downs offer.
///
/// Labels, formulas and the chosen phase, criteria set and unit are on protected sheets (no password:
/// it keeps a form from being broken by mistake); the cells to fill are unlocked and, where the values
/// are known, offer a drop-down (`x`, the plan's years; sources; yes/no). `ntp import` reads it back,
/// in either language. A template filled from an existing scenario (`prefill`) reads back to it.
public struct WorkbookTemplate: Sendable {
    public struct Options: Sendable {
        /// Default: the latest phase (the one departments plan today).
        public var phaseID: String?
        /// Default: the phase's one commune criteria set.
        public var criteriaSetID: String?
        public var unit: MoneyUnit
        /// The plan's years, offered in the status drop-down; default: the years of the phase in which the
        /// criteria set is valid.
        public var horizon: ClosedRange<Int>?
        public var language: Language
        /// Empty rows left for communes (and for envelopes, targets and overrides) when not prefilled.
        public var blankRows: Int
        public var scopeID: String?

        public init(
            phaseID: String? = nil, criteriaSetID: String? = nil, unit: MoneyUnit = .trieu, horizon: ClosedRange<Int>? = nil, language: Language = .vi,
            blankRows: Int = 30, scopeID: String? = nil
        ) {
            self.phaseID = phaseID
            self.criteriaSetID = criteriaSetID
            self.unit = unit
            self.horizon = horizon
            self.language = language
            self.blankRows = blankRows
            self.scopeID = scopeID
        }
    }

    /// Why no template can be made for the options given, in either language.
    public struct TemplateError: Error, Sendable, CustomStringConvertible {
        public let message: Message

        public var description: String { message.description }
    }

    public let workbook: Workbook

    /// The template for `options`, filled with `prefill` when given (its communes, status, envelopes,
    /// policy and overrides), against the catalogs of `data`.
    public init(options: Options, data: DataSet, prefill: WorkbookScenario? = nil) throws(TemplateError) {
        let catalogs = data.catalogs
        let phaseID = options.phaseID ?? prefill?.phaseID ?? catalogs.phases.max { $0.years.lowerBound < $1.years.lowerBound }?.id ?? ""
        guard let phase = catalogs.phase(phaseID) else {
            throw TemplateError(message: "unknown phase \(quoted(phaseID)); the phases are \(catalogs.phases.map(\.id).joined(separator: ", "))")
        }
        let communeSets = catalogs.criteriaSets.values.filter { $0.level == .commune && $0.valid.overlaps(phase.years) }.map(\.id).sorted()
        guard let setID = options.criteriaSetID ?? prefill?.criteriaSetID ?? (communeSets.count == 1 ? communeSets[0] : nil) else {
            throw TemplateError(message: communeSets.isEmpty ? "name the criteria set: the phase \(phase.id) has no commune set" : "name the criteria set: the phase \(phase.id) has \(communeSets.joined(separator: ", "))")
        }
        guard let set = catalogs.criteriaSets[setID] else {
            throw TemplateError(message: "unknown criteria set \(quoted(setID)); the sets are \(catalogs.criteriaSets.keys.sorted().joined(separator: ", "))")
        }
        // A set may be planned outside its own years (a scenario's stated assumption, as phase-2026-2030.yaml
        // plans QĐ 318's criteria in 2026-2030); the default years are those it covers in the phase.
        let valid = set.valid.overlaps(phase.years)
            ? max(phase.years.lowerBound, set.valid.lowerBound)...min(phase.years.upperBound, set.valid.upperBound) : phase.years
        let horizon = options.horizon ?? prefill?.horizon ?? valid
        guard phase.years.contains(horizon.lowerBound), phase.years.contains(horizon.upperBound) else {
            throw TemplateError(message: "the years \(horizon.lowerBound)-\(horizon.upperBound) are not within the phase \(phase.id) (\(phase.years.lowerBound)-\(phase.years.upperBound))")
        }
        guard (1...10_000).contains(options.blankRows) else {
            throw TemplateError(message: "the number of empty rows must be 1 to 10000, not \(options.blankRows)")
        }
        if let scope = options.scopeID, catalogs.localities[scope] == nil, prefill == nil {
            // A new area is described on the scenario sheet; its id must still be usable.
            if !Self.isSlugPath(scope) { throw TemplateError(message: "\(quoted(scope)) is not an area id (lower-case letters, digits, hyphens, parts joined by /)") }
        }
        let layout = TemplateLayout(
            lang: options.language, phase: phase, set: set, unit: options.unit, horizon: horizon, catalogs: catalogs,
            blankRows: options.blankRows, scopeID: prefill?.scopeID ?? options.scopeID, prefill: prefill)
        let book = layout.workbook
        do { try book.validate() } catch { throw TemplateError(message: "the template cannot be written: \(Message.verbatim("\(error)"))") }
        workbook = book
    }

    static func isSlugPath(_ id: String) -> Bool {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
    }
}

func quoted(_ value: String) -> String { "“\(value)”" }
