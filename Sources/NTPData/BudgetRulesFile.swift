import Foundation
import NTPDomain
import NTPText

/// `Data/catalogs/budget-rules.yaml`, and the `rules:` section of a scenario that overrides it.
struct BudgetRulesFile: Decodable {
    struct CarryOver: Decodable {
        let source: String
        let allowed: Bool
        let cap_percent: YAMLScalar?
        let basis: String
    }

    struct Counterpart: Decodable {
        let program: String
        let ratio: YAMLScalar
        let basis: String
    }

    struct SourceRule: Decodable {
        let source: String
        let criteria: [YAMLScalar]?
        let share_cap_percent: YAMLScalar?
        let basis: String
    }

    struct ProgramRule: Decodable {
        let program: String
        let sources: [String]?
        let ethnic_zone: [String]?
        let especially_difficult: Bool?
        let only: [String]?
        let excluding: [String]?
        let basis: String
    }

    /// The criteria set whose codes `source_eligibility` names (the default rules'); a scenario's own
    /// rules name codes of the scenario's set.
    let criteria_set: String?
    let carry_over: [CarryOver]?
    let counterpart: [Counterpart]?
    let source_eligibility: [SourceRule]?
    let program_eligibility: [ProgramRule]?
}

enum BudgetRulesLoader {
    /// The default rules, and the criteria set their source-eligibility codes belong to.
    static func load(root: URL, diagnostics: inout Diagnostics) -> (BudgetRules, criteriaSet: String?) {
        let file = "catalogs/budget-rules.yaml"
        guard let decoded = decodeYAML(BudgetRulesFile.self, url: root.appendingPathComponent(file), file: file, diagnostics: &diagnostics)
        else { return (BudgetRules(), nil) }
        return (rules(decoded, file: file, keyPrefix: "", diagnostics: &diagnostics), decoded.criteria_set)
    }

    /// The source-eligibility rules of other criteria sets (`catalogs/budget-rules-<set>.yaml`, each
    /// naming its `criteria_set` and holding only `source_eligibility`), keyed by set id: in another set
    /// the default rule's codes mean other criteria, so such a file restates them in that set's codes.
    static func loadEligibilityBySet(root: URL, diagnostics: inout Diagnostics) -> [String: [SourceEligibility]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("catalogs").path)) ?? []
        var result: [String: [SourceEligibility]] = [:]
        for name in names.sorted() where name.hasPrefix("budget-rules-") && name.hasSuffix(".yaml") {
            let file = "catalogs/\(name)"
            guard let decoded = decodeYAML(BudgetRulesFile.self, url: root.appendingPathComponent(file), file: file, diagnostics: &diagnostics) else { continue }
            guard let set = decoded.criteria_set else {
                diagnostics.add(Diagnostic(.error, file: file, key: "criteria_set", message: "is missing: name the criteria set whose codes the rules use"))
                continue
            }
            if decoded.carry_over != nil || decoded.counterpart != nil || decoded.program_eligibility != nil {
                diagnostics.add(Diagnostic(.error, file: file, message: "a criteria set's own rules are source_eligibility only; the other rules are in catalogs/budget-rules.yaml"))
            }
            if result[set] != nil { diagnostics.add(Diagnostic(.error, file: file, key: "criteria_set", message: "a second rules file for \(set)")) }
            result[set] = rules(decoded, file: file, keyPrefix: "", diagnostics: &diagnostics).sourceEligibility
        }
        return result
    }

    /// Builds rules from a file's records; `keyPrefix` places them in the file for messages.
    static func rules(_ file: BudgetRulesFile, file name: String, keyPrefix: String, diagnostics: inout Diagnostics) -> BudgetRules {
        func percent(_ scalar: YAMLScalar?, _ key: String) -> Decimal? {
            guard let scalar else { return nil }
            switch limitedDecimal(scalar.text, Limit(0...100, unit: .percent, reason: "a share of an amount")) {
            case .success(let value): return value
            case .failure(let problem):
                diagnostics.add(Diagnostic(.error, file: name, key: keyPrefix + key, message: "a percentage: \(problem)"))
                return nil
            }
        }
        func basis(_ text: String, _ key: String) -> Provenance {
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                diagnostics.add(Diagnostic(.error, file: name, key: keyPrefix + key, message: "is empty: give the legal basis, or \"assumption:\" and the reason"))
            }
            return Provenance(text)
        }
        var rules = BudgetRules()
        for (index, record) in (file.carry_over ?? []).enumerated() {
            let key = "carry_over[\(index)]"
            rules.carryOver.append(
                CarryOverRule(source: record.source, allowed: record.allowed, capPercent: percent(record.cap_percent, "\(key).cap_percent"), basis: basis(record.basis, "\(key).basis")))
        }
        for (index, record) in (file.counterpart ?? []).enumerated() {
            let key = "counterpart[\(index)]"
            let ratio: Decimal
            switch limitedDecimal(record.ratio.text, Limits.counterpartRatio) {
            case .success(let value): ratio = value
            case .failure(let problem):
                diagnostics.add(Diagnostic(.error, file: name, key: "\(keyPrefix)\(key).ratio", message: "\(problem) (0.1 for local ≥ 10 % of central)"))
                continue
            }
            rules.counterparts.append(CounterpartRule(program: record.program, ratio: ratio, basis: basis(record.basis, "\(key).basis")))
        }
        for (index, record) in (file.source_eligibility ?? []).enumerated() {
            let key = "source_eligibility[\(index)]"
            rules.sourceEligibility.append(
                SourceEligibility(
                    source: record.source, criteria: record.criteria.map { Set($0.map(\.text)) },
                    shareCapPercent: percent(record.share_cap_percent, "\(key).share_cap_percent"), basis: basis(record.basis, "\(key).basis")))
        }
        for (index, record) in (file.program_eligibility ?? []).enumerated() {
            let key = "program_eligibility[\(index)]"
            var conditions: [ProgramEligibility.Condition] = []
            if let zones = record.ethnic_zone {
                let parsed = zones.compactMap(EthnicZone.init(rawValue:))
                if parsed.count != zones.count {
                    diagnostics.add(Diagnostic(.error, file: name, key: "\(keyPrefix)\(key).ethnic_zone", message: "zones are I, II and III, not \(zones.joined(separator: ", "))"))
                }
                conditions.append(.ethnicZone(Set(parsed)))
            }
            if record.especially_difficult == true { conditions.append(.especiallyDifficult) }
            if let only = record.only { conditions.append(.only(Set(only))) }
            if let excluding = record.excluding { conditions.append(.excluding(Set(excluding))) }
            guard conditions.count == 1, let condition = conditions.first else {
                diagnostics.add(Diagnostic(.error, file: name, key: keyPrefix + key, message: "needs exactly one of ethnic_zone, especially_difficult, only, excluding"))
                continue
            }
            rules.programEligibility.append(
                ProgramEligibility(program: record.program, sources: record.sources.map(Set.init), condition: condition, basis: basis(record.basis, "\(key).basis")))
        }
        return rules
    }
}

extension BudgetRules {
    /// These rules with `overrides` in place of the rules for the same source or program.
    func overridden(by overrides: BudgetRules) -> BudgetRules {
        let carrySources = Set(overrides.carryOver.map(\.source))
        let counterpartPrograms = Set(overrides.counterparts.map(\.program))
        let eligibilitySources = Set(overrides.sourceEligibility.map(\.source))
        let programs = Set(overrides.programEligibility.map(\.program))
        return BudgetRules(
            carryOver: carryOver.filter { !carrySources.contains($0.source) } + overrides.carryOver,
            counterparts: counterparts.filter { !counterpartPrograms.contains($0.program) } + overrides.counterparts,
            sourceEligibility: sourceEligibility.filter { !eligibilitySources.contains($0.source) } + overrides.sourceEligibility,
            programEligibility: programEligibility.filter { !programs.contains($0.program) } + overrides.programEligibility)
    }
}
