import Foundation
import NTPDomain
import NTPText

// The files of the 2026-2030 phase (documented in Data/README.md and docs/phase-2026-2030.md): a
// department's requirements for a set whose annex is not sourced, the mappings between criteria sets,
// the commune classification of the new map, the central-money coefficients, and the notes that name
// every unsourced part.

/// `catalogs/criteria/<set>.requirements.csv`: indicators and their requirement per commune group that
/// a department supplies where the legal annex is not sourced. One row per indicator and group.
enum RequirementsLoader {
    static let columns = ["criterion", "indicator", "name_vi", "group", "requirement_vi", "comparator", "value", "unit", "provenance"]
    static let comparators = ["≥", "≤", "=", ">", "<", ">=", "<="]

    static func supplement(_ sets: inout [String: CriteriaSet], root: URL, diagnostics: inout Diagnostics) {
        for id in sets.keys.sorted() {
            let file = "catalogs/criteria/\(id).requirements.csv"
            let url = root.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            guard let table = CSVTable(url: url, file: file, diagnostics: &diagnostics), requireColumns(columns, in: table, diagnostics: &diagnostics)
            else { continue }
            supplement(&sets[id]!, table: table, diagnostics: &diagnostics)
        }
    }

    static func supplement(_ set: inout CriteriaSet, table: CSVTable, diagnostics: inout Diagnostics) {
        var seen: [String: Int] = [:]
        var named: [String: (name: String, line: Int)] = [:]
        for row in table.rows {
            let value = { (column: String) in table.value(row, column)!.trimmingCharacters(in: .whitespaces) }
            func fail(_ column: String, _ message: Message) { diagnostics.add(table.diagnostic(.error, row, column, message)) }
            guard let criterionIndex = set.criteria.firstIndex(where: { $0.code == value("criterion") }) else {
                fail("criterion", "unknown criterion \(quoted(value("criterion"))) of \(set.id); expected one of \(set.criteria.map(\.code).joined(separator: ", "))")
                continue
            }
            let criterion = set.criteria[criterionIndex]
            let code = value("indicator")
            let suffix = code.hasPrefix(criterion.code + ".") ? String(code.dropFirst(criterion.code.count + 1)) : ""
            guard let number = Int(suffix), number > 0, String(number) == suffix else {
                fail("indicator", "unknown indicator code \(quoted(code)); expected \(criterion.code).<number> for criterion \(criterion.code)")
                continue
            }
            let listed = criterion.indicators.first { $0.code == code }
            if listed == nil && criterion.indicatorSourcing == .sourced {
                fail("indicator", "unknown indicator \(quoted(code)): the indicators of criterion \(criterion.code) are sourced, and this is not one of them")
                continue
            }
            let groupText = value("group")
            let scope: Threshold.Scope
            if groupText == "all" {
                scope = .all
            } else if let number = Int(groupText), let group = CommuneGroup(rawValue: number), set.communeGroups.contains(group) {
                scope = .communeClass(group.classCode)
            } else {
                let groups = set.communeGroups.map { String($0.rawValue) } + ["all"]
                fail("group", "wrong group \(quoted(groupText)); expected \(groups.joined(separator: ", "))")
                continue
            }
            if let first = seen.updateValue(row.line, forKey: "\(code)|\(groupText)") {
                fail("group", "a second requirement for \(code) in group \(groupText) (the first is on line \(first))")
                continue
            }
            let comparator = value("comparator").nilIfEmpty, numberText = value("value").nilIfEmpty, unit = value("unit").nilIfEmpty
            let requirement = value("requirement_vi").nilIfEmpty
            var number2: Double?
            if let numberText {
                guard let parsed = Double(numberText.replacingOccurrences(of: ",", with: ".")) else {
                    fail("value", "\(quoted(numberText)) is not a number")
                    continue
                }
                number2 = parsed
            }
            if let comparator, !comparators.contains(comparator) { fail("comparator", "\(quoted(comparator)) must be one of \(comparators.joined(separator: " "))") }
            if (comparator == nil) != (numberText == nil) { fail(comparator == nil ? "comparator" : "value", "a numeric requirement needs both a comparator and a value") }
            if requirement == nil && numberText == nil { fail("requirement_vi", "say what the indicator requires: in words, or as comparator, value and unit") }
            if numberText != nil && unit == nil { fail("unit", "a number needs its unit (%, km, triệu đồng/người/năm…)") }
            if value("provenance").isEmpty { fail("provenance", "is empty: say which document the requirement comes from") }
            let name = value("name_vi")
            if let listed {
                if !name.isEmpty && name.precomposedStringWithCanonicalMapping != listed.nameVi.precomposedStringWithCanonicalMapping {
                    diagnostics.add(table.diagnostic(.warning, row, "name_vi", "\(quoted(name)) differs from the catalog's name \(quoted(listed.nameVi))"))
                }
            } else if let first = named[code] {
                if !name.isEmpty && name != first.name {
                    fail("name_vi", "\(quoted(name)) differs from the name given on line \(first.line) (\(quoted(first.name)))")
                }
            } else if name.isEmpty {
                fail("name_vi", "indicator \(code) is not in the catalog: give its name on its first row")
                continue
            } else {
                named[code] = (name, row.line)
            }
            let supplied = Threshold(
                appliesTo: scope, requirementVi: requirement, comparator: comparator, value: number2, unit: unit, year: nil,
                provenance: Provenance("\(table.file):\(row.line) (supplied): \(value("provenance"))"))
            // A requirement the catalog states from a source: the department's must agree, or be reported.
            if let listed, let sourced = listed.thresholds.first(where: { $0.appliesTo == scope }) {
                if sourced.comparator != supplied.comparator || sourced.value != supplied.value || sourced.unit != supplied.unit {
                    let stated = [sourced.comparator, sourced.value.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }, sourced.unit].compactMap { $0 }.joined(separator: " ")
                    diagnostics.add(
                        table.diagnostic(
                            .warning, row, "value",
                            "disagrees with the sourced requirement of \(code) for group \(groupText): \(stated.isEmpty ? sourced.requirementVi ?? "" : stated) (\(sourced.provenance)); the catalog's is kept"))
                }
                continue
            }
            var criterionCopy = set.criteria[criterionIndex]
            if let index = criterionCopy.indicators.firstIndex(where: { $0.code == code }) {
                criterionCopy.indicators[index].thresholds.append(supplied)
            } else {
                criterionCopy.indicators.append(
                    Indicator(
                        code: code, nameVi: name, nameEn: nil, thresholds: [supplied],
                        provenance: Provenance("\(table.file):\(row.line) (supplied): \(value("provenance"))"),
                        sourcing: .supplied(Provenance("\(table.file):\(row.line)"))))
                criterionCopy.indicators.sort { CodeOrder.less($0.code, $1.code) }
            }
            set.criteria[criterionIndex] = criterionCopy
        }
        if let declared = set.declaredIndicatorCount {
            let total = set.criteria.reduce(0) { $0 + $1.indicators.count }
            if total > declared {
                diagnostics.add(
                    Diagnostic(.error, file: table.file, message: "with the supplied indicators the set has \(total), more than the \(declared) its source states"))
            }
        }
    }
}

/// `catalogs/criteria/mappings/<from>-to-<to>.csv`: how each criterion and sub-indicator of an old set
/// continues in a new one.
enum MappingLoader {
    static let columns = ["old_code", "new_criterion", "new_indicator", "relation", "requirement_change", "groups", "carries_cost", "provenance"]

    static func load(root: URL, sets: [String: CriteriaSet], diagnostics: inout Diagnostics) -> [CriteriaMapping] {
        let folder = root.appendingPathComponent("catalogs/criteria/mappings")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var mappings: [CriteriaMapping] = []
        for name in names.sorted() where name.hasSuffix(".csv") {
            let file = "catalogs/criteria/mappings/\(name)"
            let ids = name.dropLast(4).components(separatedBy: "-to-")
            // A set that exists but failed to load has its own error; the mapping is not checked against it.
            let setFiles = ids.map { root.appendingPathComponent("catalogs/criteria/\($0).yaml").path }
            if ids.count == 2 && !ids.allSatisfy({ sets[$0] != nil }) && setFiles.allSatisfy(FileManager.default.fileExists) { continue }
            guard ids.count == 2, let from = sets[ids[0]], let to = sets[ids[1]] else {
                diagnostics.add(Diagnostic(.error, file: file, message: "the name must be <old set>-to-<new set>.csv, with two criteria sets of catalogs/criteria"))
                continue
            }
            guard let table = CSVTable(url: folder.appendingPathComponent(name), file: file, diagnostics: &diagnostics),
                requireColumns(columns, in: table, diagnostics: &diagnostics)
            else { continue }
            if let mapping = load(table, from: from, to: to, diagnostics: &diagnostics) { mappings.append(mapping) }
        }
        return mappings
    }

    static func load(_ table: CSVTable, from: CriteriaSet, to: CriteriaSet, diagnostics: inout Diagnostics) -> CriteriaMapping? {
        let before = diagnostics.errors.count
        var lines: [CriteriaMappingLine] = []
        var seen: [String: Int] = [:]
        var costTargets: [String: [String]] = [:]
        for row in table.rows {
            let value = { (column: String) in table.value(row, column)!.trimmingCharacters(in: .whitespaces) }
            func fail(_ column: String, _ message: Message) { diagnostics.add(table.diagnostic(.error, row, column, message)) }
            let old = value("old_code")
            guard from.contains(code: old) else {
                fail("old_code", "\(quoted(old)) is not a criterion or listed sub-indicator of \(from.id)")
                continue
            }
            guard let relation = MappingRelation(rawValue: value("relation")) else {
                fail("relation", "\(quoted(value("relation"))) must be one of \(MappingRelation.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            guard let change = RequirementChange(rawValue: value("requirement_change")) else {
                fail("requirement_change", "\(quoted(value("requirement_change"))) must be one of \(RequirementChange.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            let newCriterion = value("new_criterion").nilIfEmpty, newIndicator = value("new_indicator").nilIfEmpty
            if relation == .noCounterpart {
                if newCriterion != nil || newIndicator != nil { fail("new_criterion", "must be empty when the relation is none") }
            } else if let newCriterion {
                guard let criterion = to.criteria.first(where: { $0.code == newCriterion }) else {
                    fail("new_criterion", "\(quoted(newCriterion)) is not a criterion of \(to.id)")
                    continue
                }
                if let newIndicator, !criterion.indicators.contains(where: { $0.code == newIndicator }) {
                    fail("new_indicator", "\(quoted(newIndicator)) is not an indicator of criterion \(newCriterion) in \(to.id)")
                    continue
                }
            } else {
                fail("new_criterion", "is empty: name the new criterion, or write relation none")
                continue
            }
            var groups: Set<CommuneGroup> = []
            for part in value("groups").split(separator: ";") {
                let text = part.trimmingCharacters(in: .whitespaces)
                guard let number = Int(text), let group = CommuneGroup(rawValue: number), to.communeGroups.contains(group) else {
                    fail("groups", "wrong group \(quoted(text)); expected group numbers of \(to.id) separated by ';', or empty for all")
                    continue
                }
                groups.insert(group)
            }
            let carries: Bool
            switch value("carries_cost") {
            case "yes": carries = true
            case "no": carries = false
            default:
                fail("carries_cost", "\(quoted(value("carries_cost"))) must be yes or no")
                continue
            }
            if carries && old.contains(".") { fail("carries_cost", "cost norms are per criterion: only a criterion-level line (not \(old)) can carry one") }
            if carries, let newCriterion { costTargets[old, default: []].append(newCriterion) }
            if value("provenance").isEmpty { fail("provenance", "is empty: give the source, or \"assumption:\" and why") }
            let key = "\(old)|\(newCriterion ?? "")|\(newIndicator ?? "")|\(value("groups"))"
            if let first = seen.updateValue(row.line, forKey: key) { fail("old_code", "the same line as line \(first)") }
            lines.append(
                CriteriaMappingLine(
                    oldCode: old, newCriterion: newCriterion, newIndicator: newIndicator, relation: relation, change: change, groups: groups,
                    carriesCost: carries, provenance: Provenance(value("provenance"))))
        }
        // Every old criterion and listed sub-indicator must be accounted for.
        let oldCodes = from.criteria.flatMap { [$0.code] + $0.indicators.map(\.code) }
        let missing = oldCodes.filter { code in !lines.contains { $0.oldCode == code } }
        if !missing.isEmpty {
            diagnostics.add(Diagnostic(.error, file: table.file, message: "no line for \(missing.joined(separator: ", ")) of \(from.id): map each, or write relation none"))
        }
        for criterion in from.criteria {
            let targets = costTargets[criterion.code] ?? []
            let continued = lines.contains { $0.oldCode == criterion.code && $0.relation != .noCounterpart }
            if continued && targets.count != 1 {
                diagnostics.add(
                    Diagnostic(
                        .error, file: table.file, key: criterion.code,
                        message: "criterion \(criterion.code)'s cost norm must be carried by exactly one line (carries_cost = yes), not \(targets.count)"))
            }
        }
        guard diagnostics.errors.count == before else { return nil }
        return CriteriaMapping(fromSet: from.id, toSet: to.id, lines: lines)
    }
}

/// `localities/classification-2026.csv`: group, zone, border, ATK, island, special zone and especially
/// difficult villages of communes of the new map. An empty cell is not known.
enum ClassificationLoader {
    static let file = "localities/classification-2026.csv"
    static let columns = [
        "locality_id", "commune_group", "ethnic_zone", "border", "safe_zone", "island", "special_zone", "especially_difficult_villages", "provenance",
    ]
    /// The day the new map began: a classified commune must still exist then.
    static let newMapStart = "2025-07-01"

    static func load(root: URL, registry: LocalityRegistry, diagnostics: inout Diagnostics) -> [String: CommuneClassification] {
        let url = root.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        guard let table = CSVTable(url: url, file: file, diagnostics: &diagnostics), requireColumns(columns, in: table, diagnostics: &diagnostics)
        else { return [:] }
        return load(table, registry: registry, diagnostics: &diagnostics)
    }

    static func load(_ table: CSVTable, registry: LocalityRegistry, diagnostics: inout Diagnostics) -> [String: CommuneClassification] {
        var result: [String: CommuneClassification] = [:]
        var lines: [String: Int] = [:]
        for row in table.rows {
            let value = { (column: String) in table.value(row, column)!.trimmingCharacters(in: .whitespaces) }
            func fail(_ column: String, _ message: Message) { diagnostics.add(table.diagnostic(.error, row, column, message)) }
            let id = value("locality_id")
            guard let locality = registry[id] else {
                fail("locality_id", "unknown locality \(quoted(id))")
                continue
            }
            guard locality.level == .commune, (locality.validTo ?? "9999") >= newMapStart else {
                fail("locality_id", "\(id) is not a commune of the map since \(newMapStart) (level \(locality.level.rawValue), valid to \(locality.validTo.map(Message.verbatim) ?? "open"))")
                continue
            }
            if let first = lines.updateValue(row.line, forKey: id) {
                fail("locality_id", "\(id) is classified twice (the first on line \(first))")
                continue
            }
            var ok = true
            func flag(_ column: String) -> Bool? {
                switch value(column) {
                case "": return nil
                case "yes": return true
                case "no": return false
                default:
                    fail(column, "\(quoted(value(column))) must be yes, no, or empty for not known")
                    ok = false
                    return nil
                }
            }
            var group: CommuneGroup?
            if !value("commune_group").isEmpty {
                group = Int(value("commune_group")).flatMap(CommuneGroup.init(rawValue:))
                if group == nil {
                    fail("commune_group", "wrong group \(quoted(value("commune_group"))); expected 1, 2, 3, or empty for not known")
                    ok = false
                }
            }
            var zone: CommuneClassification.Zone?
            switch value("ethnic_zone") {
            case "": zone = nil
            case "outside": zone = .outside
            case let text:
                if let ethnic = EthnicZone(rawValue: text) {
                    zone = .zone(ethnic)
                } else {
                    fail("ethnic_zone", "\(quoted(text)) must be I, II, III, outside, or empty for not known")
                    ok = false
                }
            }
            var villages: Int?
            if !value("especially_difficult_villages").isEmpty {
                villages = Int(value("especially_difficult_villages"))
                if villages == nil || villages! < 0 {
                    fail("especially_difficult_villages", "\(quoted(value("especially_difficult_villages"))) must be a count (0 or more), or empty for not known")
                    ok = false
                }
            }
            let border = flag("border"), safeZone = flag("safe_zone"), island = flag("island"), special = flag("special_zone")
            if value("provenance").isEmpty {
                fail("provenance", "is empty: give the decision or list each value comes from")
                ok = false
            }
            // The group must agree with the zone: group 3 is the zone II and III communes; group 2 the others.
            if case .zone(let ethnic)? = zone, ethnic != .I, group == .two {
                fail("commune_group", "a zone \(ethnic.rawValue) commune is in group 3 (or 1), not 2 (QĐ 51/2025/QĐ-TTg)")
                ok = false
            }
            if group == .three, let zone, zone == .outside || zone == .zone(.I) {
                fail("commune_group", "group 3 is for zone II and III communes; this one is \(zone == .outside ? Message("outside the zones") : "zone I")")
                ok = false
            }
            // The locality registry's flags and this table must not contradict each other.
            if let known = locality.border, let border, known != border { fail("border", "localities.csv says \(known ? Message("yes") : "no")") ; ok = false }
            if let known = locality.safeZone, let safeZone, known != safeZone { fail("safe_zone", "localities.csv says \(known ? Message("yes") : "no")") ; ok = false }
            guard ok else { continue }
            result[id] = CommuneClassification(
                commune: id, group: group, zone: zone, border: border, safeZone: safeZone, island: island, specialZone: special,
                especiallyDifficultVillages: villages, provenance: Provenance(value("provenance")))
        }
        return result
    }
}

/// `catalogs/allocation-coefficients-2026-2030.yaml`.
struct CoefficientsFile: Decodable {
    struct Coefficients: Decodable {
        let especially_difficult_village: Int
        let zone_III: Int
        let safe_zone: Int
        let border: Int
        let island: Int
        let special_zone: Int
        let zone_II: Int
        let zone_I: Int
        let other: Int
    }

    let decision: LegalReferenceRecord
    let coefficients: Coefficients
    let village_rule: String
    let village_rule_reading: String
    let provenance: String
}

enum CoefficientsLoader {
    static let file = "catalogs/allocation-coefficients-2026-2030.yaml"

    static func load(root: URL, diagnostics: inout Diagnostics) -> CentralCoefficients? {
        let url = root.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path),
            let record = decodeYAML(CoefficientsFile.self, url: url, file: file, diagnostics: &diagnostics)
        else { return nil }
        let before = diagnostics.errors.count
        let c = record.coefficients
        let values = [
            ("especially_difficult_village", c.especially_difficult_village), ("zone_III", c.zone_III), ("safe_zone", c.safe_zone), ("border", c.border),
            ("island", c.island), ("special_zone", c.special_zone), ("zone_II", c.zone_II), ("zone_I", c.zone_I), ("other", c.other),
        ]
        for (name, value) in values where value < 0 {
            diagnostics.add(Diagnostic(.error, file: file, key: "coefficients.\(name)", message: "\(value) must not be negative"))
        }
        let rule = VillageRule(rawValue: record.village_rule)
        if rule == nil {
            diagnostics.add(
                Diagnostic(.error, file: file, key: "village_rule", message: "\(quoted(record.village_rule)) must be one of \(VillageRule.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if record.provenance.trimmingCharacters(in: .whitespaces).isEmpty || record.village_rule_reading.trimmingCharacters(in: .whitespaces).isEmpty {
            diagnostics.add(Diagnostic(.error, file: file, key: "provenance", message: "the coefficients and the reading of the village rule need their basis"))
        }
        if record.decision.reference == "unknown" {
            diagnostics.add(Diagnostic(.note, file: file, key: "decision", message: "unsourced: the number of the decision that sets these coefficients was not found"))
        }
        guard diagnostics.errors.count == before, let rule else { return nil }
        return CentralCoefficients(
            perEspeciallyDifficultVillage: c.especially_difficult_village, zoneIII: c.zone_III, safeZone: c.safe_zone, border: c.border, island: c.island,
            specialZone: c.special_zone, zoneII: c.zone_II, zoneI: c.zone_I, other: c.other, villageRule: rule)
    }
}

/// Notes for every part of the catalogs that no source gave, so that `ntp validate` shows the gaps.
enum GapReport {
    static func note(catalogs: Catalogs, diagnostics: inout Diagnostics) {
        for set in catalogs.criteriaSets.values.sorted(by: { $0.id < $1.id }) {
            let file = "catalogs/criteria/\(set.id).yaml"
            for (index, criterion) in set.criteria.enumerated() {
                guard case .unsourced(let reason) = criterion.indicatorSourcing else { continue }
                let supplied = criterion.indicators.filter { if case .supplied = $0.sourcing { true } else { false } }.count
                let message: Message =
                    supplied == 0
                    ? "unsourced: the indicators of criterion \(criterion.code) (\(criterion.nameVi)) and their requirements per group: \(reason)"
                    : "unsourced: criterion \(criterion.code) (\(criterion.nameVi)) has \(supplied) indicators supplied by catalogs/criteria/\(set.id).requirements.csv, not checked against the legal text"
                diagnostics.add(Diagnostic(.note, file: file, key: "criteria[\(index)].indicators", message: message))
            }
            if let declared = set.declaredIndicatorCount {
                let listed = set.criteria.reduce(0) { $0 + $1.indicators.count }
                if listed < declared {
                    diagnostics.add(Diagnostic(.note, file: file, key: "indicator_count", message: "unsourced: \(declared - listed) of the \(declared) indicators are not listed"))
                }
            }
            for group in set.communeGroups {
                let missing = set.criteria.flatMap(\.indicators).filter { $0.requirements(for: group).isEmpty }.map(\.code)
                if !missing.isEmpty {
                    diagnostics.add(
                        Diagnostic(.note, file: file, key: group.classCode, message: "unsourced: no requirement for group \(group.rawValue) on \(missing.joined(separator: ", "))"))
                }
            }
        }
        for mapping in catalogs.criteriaMappings {
            guard let set = catalogs.criteriaSets[mapping.toSet] else { continue }
            let reached = CriteriaTransition.targets(of: set).filter { target in
                !mapping.lines.contains { $0.relation != .noCounterpart && $0.newCriterion == target.criterion && (target.indicator == nil || $0.newIndicator == target.indicator) }
            }
            if !reached.isEmpty {
                diagnostics.add(
                    Diagnostic(
                        .note, file: "catalogs/criteria/mappings/\(mapping.fromSet)-to-\(mapping.toSet).csv",
                        message: "no counterpart in \(mapping.fromSet) for \(reached.map(\.description).joined(separator: ", ")): every commune needs an assessment on these"))
            }
        }
        let unknown = catalogs.classifications.values.filter { $0.zone == nil || $0.especiallyDifficultVillages == nil || $0.group == nil }.count
        if unknown > 0 {
            diagnostics.add(
                Diagnostic(
                    .note, file: ClassificationLoader.file,
                    message: "unsourced: \(unknown) of \(catalogs.classifications.count) communes lack their group, zone or especially difficult villages; a department supplies them"))
        }
    }
}
