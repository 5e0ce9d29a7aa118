import ArgumentParser
import Foundation
import GLPKSwift
import NTPData
import NTPDomain
import NTPOptimization

/// The terminal summary of an optimized plan.
struct PlanSummary {
    let instance: AllocationInstance
    let result: AllocationResult
    let communes: [CostScenario.Commune]
    /// How many criteria make the standard (19 for the national commune set).
    let standardSize: Int
    let catalogs: Catalogs
    let lang: Language

    var text: String {
        var out = lang.pick("Trạng thái: ", "Status: ") + result.termination.label
        if let gap = result.relativeGap { out += lang.pick(", khoảng cách ", ", gap ") + lang.format(Decimal(gap * 100), decimals: 2) + "%" }
        out += "\n" + lang.pick("Mục tiêu ", "Objective ") + objectiveName + ": "
            + (result.objectiveValue.map { lang.format(Decimal($0), decimals: 1) }
                ?? lang.pick("– (lịch trình vi phạm một ràng buộc của mô hình: vốn, năng lực hoặc mục tiêu)", "– (the schedule breaks a row of the model: money, capacity or a target)"))
        if let bound = result.bestBound { out += lang.pick(" (cận ", " (bound ") + lang.format(Decimal(bound), decimals: 1) + ")" }
        out += "\n" + lang.pick("Tiêu chí-năm đạt thêm: ", "Criteria-years gained: ") + "\(result.criteriaYears(over: instance.years) ?? 0)"
        out += "\n\n"

        var table = TextTable([(lang.pick("Năm", "Year"), .left), (lang.pick("Tiêu chí đạt", "Criteria met"), .right), (lang.pick("Xã đạt chuẩn", "Communes at standard"), .right)])
        for year in instance.years {
            let met = result.completion.values.filter { $0 == year }.count
            // Communes with nothing missing are at standard already; the others once all their items are met.
            let atStandard = communes.filter { $0.missing.isEmpty && $0.met.count >= standardSize }.count
                + result.communesCompleting(by: year, items: instance.items).count
            table.add(["\(year)", "\(met)", "\(atStandard)"])
        }
        table.addRule()
        table.add([lang.pick("Cộng", "Total"), "\(result.completion.count) / \(instance.items.count)", ""])
        out += table.text

        // Spend by source and year, shown in triệu with exact totals.
        let keys = Array(Set(result.plan.lines.map { "\($0.source)|\($0.year)" })).sorted()
        let amounts = keys.map { key in Money(dong: result.plan.lines.filter { "\($0.source)|\($0.year)" == key }.reduce(0) { $0 + $1.amount.dong }) }
        let shown = LargestRemainder.round(amounts, in: .trieu, decimals: 0)
        var spend = TextTable([(lang.pick("Nguồn vốn", "Source"), .left), (lang.pick("Năm", "Year"), .left), (lang.pick("Số tiền (triệu đồng)", "Amount (million VND)"), .right)])
        for (index, key) in keys.enumerated() {
            let parts = key.split(separator: "|").map(String.init)
            let name = catalogs.source(parts[0]).map { lang == .vi ? $0.nameVi : $0.nameEn } ?? parts[0]
            spend.add([name, parts[1], lang.format(shown.parts[index], decimals: 0)])
        }
        spend.addRule()
        spend.add([lang.pick("Cộng", "Total"), "", lang.format(shown.total, decimals: 0)])
        out += "\n" + spend.text

        if !result.shortfalls.isEmpty {
            out += "\n" + lang.pick(
                "Không đủ vốn để mỗi xã đạt thêm \(instance.policy.minimumProgress ?? 0) tiêu chí/năm; thiếu (tính cộng dồn đến cuối năm):",
                "The money cannot give every commune \(instance.policy.minimumProgress ?? 0) more criteria a year; short by (counted to the end of the year):") + "\n"
            var short = TextTable([(lang.pick("Xã", "Commune"), .left), (lang.pick("Năm", "Year"), .left), (lang.pick("Số tiêu chí thiếu", "Criteria short"), .right)])
            for shortfall in result.shortfalls {
                short.add([communes.first { $0.locality.id == shortfall.commune }?.locality.name ?? shortfall.commune, "\(shortfall.year)", "\(shortfall.criteria)"])
            }
            out += short.text
        }
        return out
    }

    private var objectiveName: String {
        switch instance.objective {
        case .criteriaYears: lang.pick("tiêu chí-năm", "criteria-years")
        case .maxStandard: lang.pick("số xã đạt chuẩn (trọng số)", "communes at standard (weighted)")
        case .minCost(let source): lang.pick("chi phí (triệu đồng", "cost (million VND") + (source.map { ", \($0)" } ?? "") + ")"
        }
    }
}

/// The plan file (docs/plan-format.md).
struct PlanDocument: Codable {
    struct Completion: Codable {
        let commune, criterion: String
        let year: Int
    }

    struct Line: Codable {
        let locality: String
        let criterion: String?
        let program, source: String
        let year: Int
        let amount_dong: Int64
    }

    struct Shortfall: Codable {
        let commune: String
        let year: Int
        let criteria: Int
    }

    /// Money a baseline's schedule needs beyond the envelopes.
    struct Unfunded: Codable {
        let commune, criterion, kind: String
        let year: Int
        let amount_dong: Int64
    }

    static let currentVersion = 2
    var format = "ntp-plan"
    var version = PlanDocument.currentVersion
    let generated_by: String
    let settings: PlanSettings
    let scenario_name: String
    let years: [Int]
    let termination: String
    let objective_value: Double?
    let criteria_years: Int?
    let best_bound: Double?
    let relative_gap: Double?
    let completions: [Completion]
    let shortfalls: [Shortfall]
    let lines: [Line]
    /// `optimizer`, or the baseline that made the plan (`official`, `formula`, `greedy`); absent in
    /// plans written before baselines existed, which are the optimizer's.
    var method: String?
    /// Baselines only: money the schedule needs beyond the envelopes.
    var unfunded: [Unfunded]?

    init(settings: PlanSettings, scenarioName: String, years: [Int], result: AllocationResult, method: String = "optimizer", unfunded: [BaselinePlan.Unfunded]? = nil) {
        generated_by = NTP.configuration.version
        self.method = method
        self.unfunded = unfunded?.map {
            Unfunded(commune: $0.commune, criterion: $0.criterion, kind: $0.kind.rawValue, year: $0.year, amount_dong: $0.amount.dong)
        }
        self.settings = settings
        scenario_name = scenarioName
        self.years = years
        termination = result.termination.rawValue
        objective_value = result.objectiveValue
        criteria_years = result.criteriaYears(over: years)
        best_bound = result.bestBound
        relative_gap = result.relativeGap
        completions = result.completion.map { Completion(commune: $0.key.commune, criterion: $0.key.criterion, year: $0.value) }
            .sorted { ($0.commune, Int($0.criterion) ?? 0) < ($1.commune, Int($1.criterion) ?? 0) }
        shortfalls = result.shortfalls.map { Shortfall(commune: $0.commune, year: $0.year, criteria: $0.criteria) }
        lines = result.plan.lines.map {
            Line(locality: $0.locality, criterion: $0.criterion, program: $0.program, source: $0.source, year: $0.year, amount_dong: $0.amount.dong)
        }
    }

    /// Writes the plan atomically: the file appears whole or not at all.
    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: url, options: .atomic)
    }

    /// Reads a plan file, refusing other formats and versions this program does not know.
    static func read(from path: String) throws -> PlanDocument {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw ValidationError("\(path): cannot read the plan file (\(error.localizedDescription))") }
        struct Header: Decodable { let format: String?; let version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == "ntp-plan" else {
            throw ValidationError("\(path): not an ntp plan file (no \"format\": \"ntp-plan\")")
        }
        guard header.version == currentVersion else {
            throw ValidationError("\(path): plan format version \(header.version.map(String.init) ?? "?") is not \(currentVersion), the one this ntp reads; make the plan again with ntp plan")
        }
        do { return try JSONDecoder().decode(PlanDocument.self, from: data) } catch {
            throw ValidationError("\(path): the plan file is damaged: \(error)")
        }
    }
}
