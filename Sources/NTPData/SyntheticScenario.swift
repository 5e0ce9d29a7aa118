import Foundation
import NTPFiles
import NTPDomain
import NTPText

/// A deterministic synthetic province written in the real data formats (`ntp generate`): a scenario file,
/// its status table and a data folder, which `ntp plan`, `ntp baseline` and `ntp validate` read unchanged.
///
/// The distributions and every assumption are in docs/generate.md. In short:
/// - communes in districts of 15 (2021-2025 shape) or directly under the province (2026-2035);
/// - a class mix by flag (border, especially difficult, ethnic zones I-III, safe zone), a terrain and a
///   population per commune: the attributes the cost multipliers and the formula baseline's coefficients test;
/// - 6-15 of the 19 criteria met per commune (fewer in especially difficult and zone III communes), the
///   dearer criteria more often missing;
/// - costs from the data folder's cost model (norms at base level, the multipliers of the commune);
/// - envelopes from seven sources for every year, covering a share of the need drawn in [1/3, 1/2];
/// - an official schedule (the status's `planned` rows) of 1-3 of each commune's missing criteria a year,
///   the cheaper roughly first, which the money cannot all pay (as in the seeds).
///
/// The same parameters and source data always give the same bytes (SplitMix64, no clock, sorted output).
public struct SyntheticScenario: Sendable {
    public struct Parameters: Sendable, Equatable {
        public var communes: Int
        public var years: Int
        public var seed: UInt64
        /// At most this many criteria per commune a year (policy.capacity); nil for none.
        public var capacity: Int?

        public init(communes: Int, years: Int, seed: UInt64, capacity: Int? = 3) {
            self.communes = communes
            self.years = years
            self.seed = seed
            self.capacity = capacity
        }

        public static let maximumCommunes = 99_999
        public static let maximumYears = 10

        /// Why the parameters cannot make a province, or nil.
        public var problem: Message? {
            if communes < 1 { return "--communes must be at least 1 (got \(communes))" }
            if communes > Self.maximumCommunes { return "--communes must be at most \(Self.maximumCommunes) (got \(communes))" }
            if years < 1 { return "--years must be at least 1 (got \(years))" }
            if years > Self.maximumYears {
                return "--years must be at most \(Self.maximumYears) (got \(years)): 1-5 years end in 2025 (phase 2021-2025), 6-10 start in 2026 (phase 2026-2035)"
            }
            if let capacity, capacity < 1 { return "--capacity must be at least 1 (got \(capacity))" }
            return nil
        }
    }

    /// Why no province was written, in either language.
    public struct GenerationError: Error, CustomStringConvertible {
        public let message: Message

        public var description: String { message.description }
    }

    /// One generated file: its path relative to the output folder, and its bytes.
    public struct File: Sendable, Equatable {
        public let path: String
        public let contents: Data
    }

    /// Summary figures of the generated province (for messages and tests).
    public struct Summary: Sendable, Equatable {
        public var communes: Int
        public var years: ClosedRange<Int>
        public var missingCriteria: Int
        public var needDong: Int64
        public var envelopesDong: Int64
        public var fundedShare: Double
        public var classCounts: [String: Int]
    }

    public let parameters: Parameters
    public let files: [File]
    public let summary: Summary

    /// The scenario file's path within the output folder.
    public static let scenarioFile = "scenario.yaml"
    /// The data folder's path within the output folder (`ntp plan scenario.yaml --data data`).
    public static let dataFolder = "data"
    public static let provinceID = "tong-hop"

    /// The sources of the envelopes and the share of each kind of need each one carries.
    static let sourceShares: [(source: String, construction: Double, recurrent: Double, credit: Double, communityEnterprise: Double)] = [
        ("central_investment", 0.70, 0, 0, 0),
        ("central_recurrent", 0, 0.70, 0, 0),
        ("local_province", 0.15, 0.15, 0, 0),
        ("integrated", 0.15, 0.15, 0, 0),
        ("credit", 0, 0, 1, 0),
        ("enterprise", 0, 0, 0, 0.25),
        ("community", 0, 0, 0, 0.75),
    ]

    /// Builds the files of the province. `source` is the data folder whose catalogs are copied and whose
    /// cost model prices the missing criteria (the repository's `Data/`).
    public init(_ parameters: Parameters, source: DataSet) throws {
        if let problem = parameters.problem { throw GenerationError(message: problem) }
        guard let catalog = source.costs else { throw GenerationError(message: "\(source.root.path): the cost catalogs did not load; run ntp validate") }
        guard let set = source.catalogs.criteriaSets[catalog.criteriaSetID] else {
            throw GenerationError(message: "\(source.root.path): no criteria set \(catalog.criteriaSetID)")
        }
        self.parameters = parameters
        var random = SplitMix64(seed: parameters.seed)
        let twoLevel = parameters.years > 5
        let firstYear = twoLevel ? 2026 : 2026 - parameters.years
        let years = firstYear...(firstYear + parameters.years - 1)
        let phase = twoLevel ? "2026-2035" : "2021-2025"
        guard let phaseRecord = source.catalogs.phase(phase), let program = phaseRecord.programCodes.first else {
            throw GenerationError(message: "\(source.root.path): catalogs/programs.yaml has no phase \(phase)")
        }
        let model = CostModel(norms: catalog.norms, multipliers: catalog.multipliers)
        let criteria = set.criteria
        let norms = Dictionary(uniqueKeysWithValues: catalog.norms.map { ($0.criterion, $0) })
        // Dearer criteria are more often missing (works cost most and are what communes still lack);
        // organisational criteria (16, 18, 19) rarely.
        let missWeights = criteria.map { criterion in
            1 + (Double(norms[criterion.code]?.base.dong ?? 0) / 150_000_000).squareRoot()
        }

        let tag = "ntp generate --communes \(parameters.communes) --years \(parameters.years) --seed \(parameters.seed)"
        let localities = try CSVText(header: LocalityLoader.localityColumns)
        let attributes = try CSVText(header: ["locality_id", "attribute", "value", "provenance"])
        let status = try CSVText(header: ["locality", "criterion", "status", "year", "provenance"])
        try localities.add([Self.provinceID, "province", "tỉnh", "Tổng Hợp", "", "", "", "", "", "", "", "assumption: synthetic province (\(tag))"])

        var need: [MoneyKind: Int64] = [:]
        var missingTotal = 0
        var classCounts: [String: Int] = [:]
        let perDistrict = 15
        let districts = twoLevel ? 0 : (parameters.communes + perDistrict - 1) / perDistrict
        for d in 0..<districts {
            let id = "\(Self.provinceID)/huyen-\(Self.padded(d + 1, 3))"
            try localities.add([id, "district", "huyện", "Huyện \(Self.padded(d + 1, 3))", Self.provinceID, "", "", "", "", "", "", "assumption: synthetic district (\(tag))"])
        }
        for c in 0..<parameters.communes {
            let number = Self.padded(c + 1, 5)
            let parent = twoLevel ? Self.provinceID : "\(Self.provinceID)/huyen-\(Self.padded(c / perDistrict + 1, 3))"
            let id = "\(parent)/xa-\(number)"
            let communeClass = CommuneClass.draw(&random)
            classCounts[communeClass.rawValue, default: 0] += 1
            let safeZone = random.unit() < 0.05
            let terrain = switch random.unit() { case ..<0.60: "mountainous"; case ..<0.75: "highland"; default: "lowland" }
            // Log-normal around 7.000 people (pre-2025 communes), spread ×/÷ 1,6.
            let population = Int((7_000 * exp(0.47 * random.normal())).rounded())
            let flags = communeClass.flags
            try localities.add([
                id, "commune", "xã", "Xã \(number)", parent, "", "", flags.especiallyDifficult ? "yes" : "no", flags.border ? "yes" : "no",
                flags.zone ?? "", safeZone ? "yes" : "no", "assumption: synthetic commune, class \(communeClass.rawValue) (\(tag))",
            ])
            try attributes.add([id, "population", String(population), "assumption: synthetic, log-normal around 7000 (\(tag))"])
            try attributes.add([id, "terrain", terrain, "assumption: synthetic, 60 % mountainous, 15 % highland, 25 % lowland (\(tag))"])

            let met = communeClass.metRange.lowerBound + Int(random.next() % UInt64(communeClass.metRange.count))
            var missing = Set<Int>()
            while missing.count < criteria.count - met { missing.insert(random.pick(weights: missWeights)) }
            let attribute: (String) -> String? = { name in
                switch name {
                case "border": flags.border ? "yes" : "no"
                case "especially_difficult": flags.especiallyDifficult ? "yes" : "no"
                case "safe_zone": safeZone ? "yes" : "no"
                case "ethnic_zone": flags.zone
                case "terrain": terrain
                case "population": String(population)
                default: nil
                }
            }
            var costs: [(index: Int, amount: Double)] = []
            for index in missing.sorted() {
                let criterion = criteria[index]
                guard let cost = model.cost(of: criterion.code, group: criterion.group, in: id, level: .base, attribute: attribute) else {
                    throw GenerationError(message: "no cost norm for criterion \(criterion.code)")
                }
                for (kind, money) in cost.byKind { need[kind, default: 0] += money.dong }
                costs.append((index, Double(cost.amount.dong) * (0.5 + random.unit())))
            }
            missingTotal += missing.count
            for index in criteria.indices where !missing.contains(index) {
                try status.add([id, criteria[index].code, "met", "", "assumption: synthetic (\(tag))"])
            }
            // The official schedule: cheaper (with noise) first, 1-3 a year (within capacity).
            var order = costs.sorted { ($0.amount, $0.index) < ($1.amount, $1.index) }.map(\.index)
            var planned: [(index: Int, year: Int)] = []
            for year in years where !order.isEmpty {
                let count = min(order.count, min(parameters.capacity ?? 3, 1 + Int(random.next() % 3)))
                planned += order.prefix(count).map { ($0, year) }
                order.removeFirst(count)
            }
            for (index, year) in planned.sorted(by: { $0.index < $1.index }) {
                try status.add([id, criteria[index].code, "planned", String(year), "assumption: synthetic official schedule (\(tag))"])
            }
        }

        // Envelopes: a share of each kind's need, split by source and evenly over the years (to the triệu).
        let share = 1.0 / 3.0 + random.unit() / 6.0
        var envelopeLines: [String] = []
        var envelopesDong: Int64 = 0
        for (source, construction, recurrent, credit, community) in Self.sourceShares {
            let total = share * (construction * Double(need[.construction] ?? 0) + recurrent * Double(need[.recurrent] ?? 0)
                + credit * Double(need[.credit] ?? 0) + community * Double(need[.communityEnterprise] ?? 0))
            let totalTrieu = Int64((total / 1_000_000).rounded())
            guard totalTrieu > 0 else { continue }
            let perYear = totalTrieu / Int64(parameters.years)
            for (offset, year) in years.enumerated() {
                let amount = perYear + (offset == parameters.years - 1 ? totalTrieu - perYear * Int64(parameters.years) : 0)
                guard amount > 0 else { continue }
                envelopesDong += amount * 1_000_000
                envelopeLines.append(
                    "  - {program: \(program), source: \(source), years: \(year), amount: \"\(amount)\", provenance: \"assumption: synthetic, \(Self.percent(share)) of the need of the kinds this source pays, even over the years (\(tag))\"}")
            }
        }

        let totalNeed = need.values.reduce(0, +)
        summary = Summary(
            communes: parameters.communes, years: years, missingCriteria: missingTotal, needDong: totalNeed, envelopesDong: envelopesDong,
            fundedShare: share, classCounts: classCounts)

        var yaml = """
            # Synthetic province written by `\(tag)`\(parameters.capacity.map { " --capacity \($0)" } ?? " --no-capacity").
            # Every figure is an assumption drawn from the distributions of docs/generate.md; the costs come from the
            # cost model of the data folder (catalogs/cost-norms.yaml at base level, catalogs/cost-multipliers.yaml).
            # \(parameters.communes) communes, \(missingTotal) missing criteria, need \(Self.trieu(totalNeed)) triệu; envelopes \(Self.trieu(envelopesDong)) triệu (\(Self.percent(share)) of the need).
            # Plan it with its data folder: ntp plan \(Self.scenarioFile) --data \(Self.dataFolder)
            name: "Tỉnh tổng hợp: \(parameters.communes) xã, \(years.lowerBound)-\(years.upperBound), hạt giống \(parameters.seed)"
            description: "Synthetic province for benchmarks (\(tag)): \(parameters.communes) communes, \(missingTotal) missing criteria, envelopes covering \(Self.percent(share)) of the need."
            phase: "\(phase)"
            scope: \(Self.provinceID)
            criteria_set: \(set.id)
            money_unit: trieu
            horizon: \(years.lowerBound)-\(years.upperBound)
            envelopes:

            """
        yaml += envelopeLines.joined(separator: "\n") + "\n"
        yaml += """
            status:
              file: status.csv
            costs:
              level: base
              kinds: [construction, recurrent, credit, community_enterprise]
            policy:

            """
        if let capacity = parameters.capacity { yaml += "  capacity: \(capacity)\n" }
        yaml += """
              standard_bonus: 0
              official_targets: false
            objective:
              kind: criteria-years
            solver:
              method: automatic
              time_limit: 60
              gap: 0.005
            baseline:
              coefficients:
                basis: "assumption: the 2026-2030 stated ratios (Scenarios/phase-2026-2030.yaml): 50 for zone III, especially difficult, safe-zone and border communes, 40 zone II, 30 zone I, 25 others"
                especially_difficult: 50
                border: 50
                safe_zone: 50
                ethnic_zone_III: 50
                ethnic_zone_II: 40
                ethnic_zone_I: 30
                other: 25

            """

        var files: [File] = [
            File(path: Self.scenarioFile, contents: Data(yaml.utf8)),
            File(path: "status.csv", contents: status.data()),
            File(path: "\(Self.dataFolder)/localities/localities.csv", contents: localities.data()),
            File(path: "\(Self.dataFolder)/localities/attributes.csv", contents: attributes.data()),
            File(path: "\(Self.dataFolder)/localities/merges.csv", contents: try CSVText(header: LocalityLoader.mergeColumns).data()),
        ]
        files += try Self.catalogFiles(of: source.root)
        self.files = files.sorted { $0.path < $1.path }
    }

    /// Every file under the source's `catalogs/`, copied byte for byte.
    static func catalogFiles(of root: URL) throws -> [File] {
        let base = root.appendingPathComponent("catalogs")
        var result: [File] = []
        func walk(_ relative: String) throws {
            let url = relative.isEmpty ? base : base.appendingPathComponent(relative)
            let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
            for name in names where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: base.appendingPathComponent(path).path, isDirectory: &isDirectory)
                if isDirectory.boolValue {
                    try walk(path)
                } else {
                    result.append(File(path: "\(dataFolder)/catalogs/\(path)", contents: try InputFile.data(at: base.appendingPathComponent(path).path)))
                }
            }
        }
        do { try walk("") } catch let error as FileError { throw GenerationError(message: "cannot read the catalogs: \(error.message)") } catch {
            throw GenerationError(message: "\(base.path): cannot read the catalogs: \(Message(.reason(of: error)))")
        }
        return result
    }

    /// Writes the files under `folder` as a whole (`OutputFolder`): they fill a new folder beside it,
    /// which then takes its place in one step, so that `folder` is at every instant the old folder
    /// whole or the new one whole, and a failure leaves it as it was. An existing folder that is not
    /// empty is refused unless `replace`; a file, device, named pipe or symbolic link always is.
    public func write(to folder: URL, replace: Bool) throws {
        do {
            try OutputFolder.checkDestination(folder.path)
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if !contents.isEmpty && !replace {
                throw GenerationError(message: "\(folder.path) exists and is not empty; give --force to replace it")
            }
            try OutputFolder.replace(folder.path) { staging in
                for file in files { try OutputFolder.add(file.contents, at: (staging as NSString).appendingPathComponent(file.path)) }
            }
        } catch let error as GenerationError {
            throw error
        } catch let error as FileError {
            throw GenerationError(message: error.message)
        } catch {
            throw GenerationError(message: "\(folder.path): cannot write: \(Message(.reason(of: error)))")
        }
    }

    // MARK: - Distributions

    /// A commune's class: which flags it carries and how many criteria it meets.
    enum CommuneClass: String, CaseIterable {
        case border, especiallyDifficult = "especially_difficult", zoneIII = "ethnic_zone_III", zoneII = "ethnic_zone_II"
        case zoneI = "ethnic_zone_I", other

        /// 8 % border, 17 % especially difficult, 10 % zone III, 20 % zone II, 20 % zone I, 25 % other.
        static func draw(_ random: inout SplitMix64) -> CommuneClass {
            switch random.unit() {
            case ..<0.08: .border
            case ..<0.25: .especiallyDifficult
            case ..<0.35: .zoneIII
            case ..<0.55: .zoneII
            case ..<0.75: .zoneI
            default: .other
            }
        }

        var flags: (especiallyDifficult: Bool, border: Bool, zone: String?) {
            switch self {
            case .border: (false, true, "III")
            case .especiallyDifficult: (true, false, "III")
            case .zoneIII: (false, false, "III")
            case .zoneII: (false, false, "II")
            case .zoneI: (false, false, "I")
            case .other: (false, false, nil)
            }
        }

        /// Criteria met of 19: especially difficult communes are furthest behind.
        var metRange: ClosedRange<Int> {
            switch self {
            case .especiallyDifficult: 6...10
            case .border, .zoneIII: 7...13
            case .zoneII, .zoneI, .other: 8...15
            }
        }
    }

    static func padded(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    public static func trieu(_ dong: Int64) -> String { Numbers.format(Decimal(dong) / 1_000_000, decimals: 0) }
    public static func percent(_ share: Double) -> String { String(format: "%.1f %%", share * 100) }
}
