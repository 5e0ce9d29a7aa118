import Foundation
import NTPData
import NTPDomain

/// The text of each file of an imported scenario.
enum ScenarioText {
    /// A YAML double-quoted scalar: any text, escaped.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += String(format: "\\u%04X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// An amount in `unit`, exactly, in plain notation that cannot be read as Vietnamese (`70.2850`,
    /// never `70.285`).
    static func amount(_ money: Money, in unit: MoneyUnit) -> String {
        var text = "\(money.amount(in: unit))"
        if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) == 4 { text += "0" }
        return text
    }

    static func years(_ years: ClosedRange<Int>) -> String {
        years.lowerBound == years.upperBound ? "\(years.lowerBound)" : "\(years.lowerBound)-\(years.upperBound)"
    }

    static func comment(_ place: String?) -> String { place.map { "  # \($0)" } ?? "" }

    static func yaml(_ scenario: WorkbookScenario, workbook: String) -> String {
        let from = scenario.identityProvenance
        var out = "# Written by ntp import from \(workbook). Each value names the cell it was read from (a comment, or\n"
        out += "# the provenance of an envelope or a table row). Edit the workbook and import it again rather than this file.\n"
        out += "name: \(quote(scenario.name))\(comment(from["name"]))\n"
        if let description = scenario.description { out += "description: \(quote(description))\n" }
        out += "phase: \(quote(scenario.phaseID))\(comment(from["phase"]))\n"
        out += "scope: \(quote(scenario.scopeID))\(comment(from["scope"]))\n"
        out += "criteria_set: \(quote(scenario.criteriaSetID))\(comment(from["criteria_set"]))\n"
        out += "money_unit: \(scenario.unit.rawValue)\(comment(from["money_unit"]))\n"
        if !scenario.newLocalities.isEmpty { out += "localities: localities.csv\n" }
        out += "envelopes:\n"
        if scenario.envelopes.isEmpty { out = String(out.dropLast()) + " []\n" }
        for envelope in scenario.envelopes {
            var fields = ["program: \(quote(envelope.program))", "source: \(quote(envelope.source))"]
            if let level = envelope.level { fields.append("level: \(level.rawValue)") }
            fields.append("years: \(quote(years(envelope.years)))")
            fields.append("amount: \(quote(amount(envelope.amount, in: scenario.unit)))")
            if let integrated = envelope.integratedFrom { fields.append("integrated_from: \(quote(integrated))") }
            fields.append("provenance: \(quote(envelope.provenance.text))")
            out += "  - {\(fields.joined(separator: ", "))}\n"
        }
        if !scenario.lines.isEmpty { out += "plan:\n  file: plan.csv\n" }
        out += "status:\n  file: status.csv\n"
        out += "costs:\n  level: base\n"
        if !scenario.overrides.isEmpty { out += "  overrides: overrides.csv\n" }
        let policy = scenario.policy
        if let kinds = policy.kinds {
            let places = kinds.compactMap { policy.provenance["costs.kinds.\($0.rawValue)"] }
            out += "  kinds: [\(kinds.map(\.rawValue).joined(separator: ", "))]\(comment(places.isEmpty ? nil : places.joined(separator: ", ")))\n"
        }
        if let horizon = scenario.horizon { out += "horizon: \(quote(years(horizon)))\(comment(policy.provenance["horizon"]))\n" }
        var policyLines: [String] = []
        if let capacity = policy.capacity { policyLines.append("  capacity: \(capacity)\(comment(policy.provenance["policy.capacity"]))") }
        if let minimum = policy.minimumProgress { policyLines.append("  minimum_progress: \(minimum)\(comment(policy.provenance["policy.minimum_progress"]))") }
        if let official = policy.officialTargets { policyLines.append("  official_targets: \(official)\(comment(policy.provenance["policy.official_targets"]))") }
        if !policy.targets.isEmpty {
            policyLines.append("  targets:")
            for (index, target) in policy.targets.enumerated() {
                policyLines.append("    - \(quote(target.text))\(comment(policy.provenance["policy.targets[\(index)]"]))")
            }
        }
        if !policyLines.isEmpty { out += "policy:\n" + policyLines.joined(separator: "\n") + "\n" }
        return out
    }

    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        // CSV.swift writes to memory; a failure there is not something a user's input can cause.
        guard let text = try? CSVText(header: header) else { return header.joined(separator: ",") + "\n" }
        for row in rows { try? text.add(row) }
        return String(decoding: text.data(), as: UTF8.self)
    }

    static func status(_ scenario: WorkbookScenario) -> String {
        var rows: [[String]] = []
        for commune in scenario.communes {
            for (code, status) in commune.status.sorted(by: { order($0.key).lexicographicallyPrecedes(order($1.key)) }) {
                switch status.state {
                case .met: rows.append([commune.locality.id, code, "met", "", status.provenance.text])
                case .planned(let year): rows.append([commune.locality.id, code, "planned", "\(year)", status.provenance.text])
                case .missing: rows.append([commune.locality.id, code, "missing", "", status.provenance.text])
                }
            }
        }
        return csv(["locality", "criterion", "status", "year", "provenance"], rows)
    }

    /// Criterion codes in their numeric order (`2` before `10`).
    static func order(_ code: String) -> [Int] { code.split(separator: ".").map { Int($0) ?? Int.max } }

    static func localities(_ scenario: WorkbookScenario) -> String {
        func flag(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "" }
        return csv(
            ["id", "level", "unit_type", "name", "parent_id", "valid_from", "valid_to", "especially_difficult", "border", "ethnic_zone", "safe_zone", "provenance"],
            scenario.newLocalities.map {
                [$0.id, $0.level.rawValue, $0.unitType, $0.name, $0.parentID ?? "", $0.validFrom ?? "", $0.validTo ?? "", flag($0.especiallyDifficult), flag($0.border),
                 $0.ethnicZone?.rawValue ?? "", flag($0.safeZone), $0.provenance.text]
            })
    }

    static func unitCode(_ unit: MoneyUnit) -> String {
        switch unit {
        case .dong: "dong"
        case .nghin: "nghin_dong"
        case .trieu: "trieu_dong"
        case .ty: "ty_dong"
        }
    }

    static func overrides(_ scenario: WorkbookScenario) -> String {
        csv(
            ["locality", "criterion", "amount", "unit", "construction", "recurrent", "credit", "community_enterprise", "provenance"],
            scenario.overrides.map { item in
                [item.locality, item.criterion, amount(item.amount, in: scenario.unit), unitCode(scenario.unit)]
                    + MoneyKind.allCases.map { kind in item.split.map { "\($0[kind] ?? 0)" } ?? "" } + [item.basis]
            })
    }

    /// Allocation lines in exact đồng.
    static func plan(_ scenario: WorkbookScenario) -> String {
        csv(
            ["locality", "criterion", "program", "source", "year", "amount", "unit", "provenance"],
            scenario.lines.map { [$0.locality, $0.criterion ?? "", $0.program, $0.source, "\($0.year)", "\($0.amount.dong)", "dong", $0.provenance?.text ?? ""] })
    }
}
