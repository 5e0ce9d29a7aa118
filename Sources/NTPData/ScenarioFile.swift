import Foundation
import NTPDomain
import NTPText
import Yams

/// A scenario file with its `extends` chain resolved: the effective inputs as one YAML mapping, and for
/// every key the file that set it (Scenarios/README.md, "Inheritance").
///
/// Resolution of a file: check every key against the schema (a typo gets the closest valid key), resolve
/// the file it extends, merge its own keys over the parent's (mappings key by key; a list or a value
/// replaces the parent's), then apply its `envelope_changes` to the merged envelopes.
///
/// Sendable although Yams's `Node` is not: the node tree is built once and never mutated, and its
/// `Tag` objects are only read.
public struct ResolvedScenario: @unchecked Sendable {
    /// The file as given, then the files it extends, nearest first.
    public let chain: [String]
    let node: Node
    /// Key path (`envelopes`, `policy.capacity`) → the file whose value it is.
    let origins: [String: String]

    public var file: String { chain[0] }

    /// The file a key path's value comes from: the file that set the longest prefix of the path.
    public func origin(of key: String?) -> String {
        guard var path = key else { return file }
        while !path.isEmpty {
            if let origin = origins[path] { return origin }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = String(path[..<cut])
        }
        return file
    }

    /// An error about a key of the effective scenario, placed in the file its value comes from.
    func diagnostic(_ key: String?, _ message: Message, line: Int? = nil, column: Int? = nil) -> Diagnostic {
        let origin = origin(of: key)
        return Diagnostic(.error, file: origin == file ? file : "\(origin) (extended by \(file))", line: line, column: column, key: key, message: message)
    }

    /// Decodes the effective scenario, each failure placed in the file its key comes from.
    func decode<T: Decodable>(_ type: T.Type, diagnostics: inout Diagnostics) -> T? {
        var found = Diagnostics()
        let value = decodeYAML(type, node: node, file: file, diagnostics: &found)
        // The merged tree keeps each value's place in the file it came from.
        for problem in found.all {
            diagnostics.add(problem.file == file ? diagnostic(problem.key, problem.message, line: problem.line, column: problem.column) : problem)
        }
        return value
    }

    /// Every value of the effective scenario as (key path, value), in file order: what `ntp
    /// diff-scenarios` compares. A list item that is an envelope or a rule is named by what it is about
    /// (`envelopes[program=NTM,source=local,years=2021-2025].amount`), not by its position, so that
    /// reordering a list changes nothing.
    public var values: [(key: String, value: String)] {
        var out: [(String, String)] = []
        func walk(_ node: Node, _ path: String) {
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping { walk(value, path.isEmpty ? key.string ?? "?" : "\(path).\(key.string ?? "?")") }
            case .sequence(let sequence):
                if sequence.isEmpty { out.append((path, "[]")) }
                var seen: [String: Int] = [:]
                for (index, value) in sequence.enumerated() {
                    let identity = ["program", "source", "level", "years"].compactMap { field in value.mapping?[field]?.string.map { "\(field)=\($0)" } }
                    var name = identity.isEmpty ? "\(index)" : identity.joined(separator: ",")
                    // Two items about the same thing keep their order among themselves.
                    seen[name, default: 0] += 1
                    if !identity.isEmpty, seen[name]! > 1 { name += "#\(seen[name]!)" }
                    walk(value, "\(path)[\(name)]")
                }
            case .scalar(let scalar):
                out.append((path, scalar.string))
            case .alias:
                out.append((path, "*alias"))
            }
        }
        walk(node, "")
        return out
    }
}

/// One value that differs between two resolved scenarios (nil: the key is absent from that one).
public struct ScenarioDifference: Sendable, Equatable {
    public let key: String
    public let first: String?
    public let second: String?
}

extension ResolvedScenario {
    /// The values that differ from `other`'s, this scenario's keys first, in file order.
    public func differences(from other: ResolvedScenario) -> [ScenarioDifference] {
        let left = Dictionary(values, uniquingKeysWith: { first, _ in first })
        let right = Dictionary(other.values, uniquingKeysWith: { first, _ in first })
        let keys = values.map(\.key) + other.values.map(\.key).filter { left[$0] == nil }
        return keys.filter { left[$0] != right[$0] }.map { ScenarioDifference(key: $0, first: left[$0], second: right[$0]) }
    }

    /// Resolves `url` and what it extends. Problems go to `diagnostics`; nil when the scenario cannot be
    /// used. `catalogs` tells which sources lie below a source an envelope change names.
    public static func load(url: URL, catalogs: Catalogs, diagnostics: inout Diagnostics) -> ResolvedScenario? {
        let before = diagnostics.errors.count
        guard let (node, origins, chain) = resolve(path: url.relativePath, stack: [], catalogs: catalogs, diagnostics: &diagnostics),
            diagnostics.errors.count == before
        else { return nil }
        return ResolvedScenario(chain: chain, node: node, origins: origins)
    }

    /// Keys whose values are file paths, relative to the file that gives them.
    static let pathKeys: Set<String> = ["plan.file", "status.file", "classification.file", "costs.overrides", "costs.calibration", "localities"]

    /// The effective scenario as one YAML document: what it extends merged in, its envelope changes
    /// applied (and their key dropped), file paths as the working directory sees them.
    public var resolvedYAML: String { (try? Yams.serialize(node: node)) ?? "" }

    /// The files the effective scenario names (status table, plan, overrides, calibration), by key.
    public var referencedFiles: [(key: String, path: String)] {
        Self.pathKeys.sorted().compactMap { key in
            let parts = key.split(separator: ".").map(String.init)
            if parts.count == 1 { return node[parts[0]]?.string.map { (key, $0) } }
            guard case .mapping(let section)? = node[parts[0]], let path = section[parts[1]]?.string else { return nil }
            return (key, path)
        }
    }

    /// The effective scenario with each file path given in `paths` (by key) replaced.
    func resolvedYAML(paths: [String: String]) -> String {
        guard case .mapping(var root) = node else { return resolvedYAML }
        for (key, path) in paths {
            let parts = key.split(separator: ".").map(String.init)
            if parts.count == 1 {
                root[parts[0]] = Node(path)
            } else if case .mapping(var section)? = root[parts[0]] {
                section[parts[1]] = Node(path)
                root[parts[0]] = .mapping(section)
            }
        }
        return (try? Yams.serialize(node: .mapping(root))) ?? ""
    }

    private static func resolve(
        path: String, stack: [String], catalogs: Catalogs, diagnostics: inout Diagnostics
    ) -> (Node, [String: String], [String])? {
        let url = URL(fileURLWithPath: path)
        guard let text = readText(url: url, file: path, diagnostics: &diagnostics) else { return nil }
        guard let parsed = composeYAML(text, file: path, diagnostics: &diagnostics) else { return nil }
        guard case .mapping(var own) = parsed else {
            diagnostics.add(Diagnostic(.error, file: path, message: "is not a scenario: expected a mapping of keys such as name, phase, envelopes"))
            return nil
        }
        let before = diagnostics.errors.count
        ScenarioSchema.check(.mapping(own), shape: ScenarioSchema.scenario, path: "", file: path, diagnostics: &diagnostics)
        guard diagnostics.errors.count == before else { return nil }

        // Paths in the file are relative to it; from here on they are relative to the working directory.
        let directory = (path as NSString).deletingLastPathComponent
        for key in pathKeys {
            let parts = key.split(separator: ".").map(String.init)
            if parts.count == 1, let value = own[parts[0]]?.string {
                own[parts[0]] = Node(workingPath(value, from: directory))
            } else if parts.count == 2, case .mapping(var section)? = own[parts[0]], let value = section[parts[1]]?.string {
                section[parts[1]] = Node(workingPath(value, from: directory))
                own[parts[0]] = .mapping(section)
            }
        }
        let changes = own["envelope_changes"]
        own["envelope_changes"] = nil

        var merged: Node = .mapping(own)
        var origins: [String: String] = [:]
        var chain = [path]
        if let parentNode = own["extends"] {
            own["extends"] = nil
            merged = .mapping(own)
            guard let parentName = parentNode.string else {
                diagnostics.add(Diagnostic(.error, file: path, key: "extends", message: "must be the path of another scenario file"))
                return nil
            }
            let parentPath = parentName.hasPrefix("/") || directory.isEmpty ? parentName : (directory as NSString).appendingPathComponent(parentName)
            let canonical = { (p: String) in URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path }
            let visiting = stack + [canonical(path)]
            if visiting.contains(canonical(parentPath)) {
                let names = (stack + [canonical(path), canonical(parentPath)]).map { ($0 as NSString).lastPathComponent }
                diagnostics.add(Diagnostic(.error, file: path, key: "extends", message: "a cycle: \(names.joined(separator: " → "))"))
                return nil
            }
            guard FileManager.default.fileExists(atPath: parentPath) else {
                diagnostics.add(Diagnostic(.error, file: path, key: "extends", message: "\(quoted(parentName)) does not exist (looked for \(parentPath))"))
                return nil
            }
            guard let (parent, parentOrigins, parentChain) = resolve(path: parentPath, stack: visiting, catalogs: catalogs, diagnostics: &diagnostics)
            else { return nil }
            merged = merge(parent, .mapping(own))
            origins = parentOrigins
            chain += parentChain
        }
        // This file's keys: every path it sets, and everything under a list or value it replaces.
        for (key, _) in leafPaths(.mapping(own)) {
            origins = origins.filter { !($0.key == key || $0.key.hasPrefix(key + ".") || $0.key.hasPrefix(key + "[")) }
            origins[key] = path
        }
        if let changes {
            guard let changed = applyEnvelopeChanges(changes, to: merged, file: path, catalogs: catalogs, diagnostics: &diagnostics) else { return nil }
            merged = changed
            origins["envelopes"] = origins["envelopes"] ?? path
        }
        return (merged, origins, chain)
    }

    /// `path`, given relative to `directory`, as the working directory sees it: relative when it lies
    /// below it (`Scenarios/plans/x.csv`), else absolute, with `..` resolved either way, so that two
    /// spellings of one file compare equal.
    static func workingPath(_ path: String, from directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : (directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path))
        let absolute = URL(fileURLWithPath: joined).standardizedFileURL.path
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path + "/"
        return absolute.hasPrefix(here) ? String(absolute.dropFirst(here.count)) : absolute
    }

    /// `child` over `parent`: mappings merge key by key; anything else in the child replaces the parent's,
    /// and `null` removes the parent's key (`status: {document: null, file: …}`).
    static func merge(_ parent: Node, _ child: Node) -> Node {
        guard case .mapping(var result) = parent, case .mapping(let overrides) = child else { return child }
        for (key, value) in overrides {
            result[key] = value.null != nil ? nil : result[key].map { merge($0, value) } ?? value
        }
        return .mapping(result)
    }

    /// The key paths a node sets: mapping keys down to the first list or value.
    private static func leafPaths(_ node: Node, _ path: String = "") -> [(String, Node)] {
        guard case .mapping(let mapping) = node else { return [(path, node)] }
        return mapping.flatMap { key, value in leafPaths(value, path.isEmpty ? key.string ?? "?" : "\(path).\(key.string ?? "?")") }
    }

    /// Applies `envelope_changes`: each entry selects envelopes (by program, source and the sources below
    /// it, level, years; all optional) and scales them by `percent` or sets their `amount`. A scaled amount
    /// is rounded to the đồng, half away from zero, and written back in the scenario's unit.
    private static func applyEnvelopeChanges(
        _ changes: Node, to merged: Node, file: String, catalogs: Catalogs, diagnostics: inout Diagnostics
    ) -> Node? {
        func error(_ key: String, _ message: Message) { diagnostics.add(Diagnostic(.error, file: file, key: key, message: message)) }
        guard case .mapping(var scenario) = merged, let unitName = scenario["money_unit"]?.string, let unit = MoneyUnit(rawValue: unitName),
            case .sequence(var envelopes)? = scenario["envelopes"]
        else {
            error("envelope_changes", "needs envelopes and a money_unit, here or in the scenario it extends")
            return nil
        }
        let before = diagnostics.errors.count
        let tree = Eligibility(sources: catalogs.sources, rules: BudgetRules())
        for (index, change) in (changes.sequence ?? []).enumerated() {
            let key = "envelope_changes[\(index)]"
            guard let change = change.mapping else { continue }
            let percent = change["percent"]?.string, amount = change["amount"]?.string
            guard (percent == nil) != (amount == nil) else {
                error(key, "give either percent (e.g. -20) or amount, not both or neither")
                continue
            }
            if let source = change["source"]?.string, catalogs.source(source) == nil { error("\(key).source", "unknown capital source \(quoted(source))") }
            let years = change["years"]?.string
            if let years, BudgetScenario.parseYears(years) == nil { error("\(key).years", "\(quoted(years)) must be a year or a span such as 2022-2025") }
            var factor: Decimal?
            if let percent {
                switch limitedDecimal(percent, Limits.percentChange) {
                case .success(let value): factor = (100 + value) / 100
                case .failure(let problem):
                    error("\(key).percent", problem.message)
                    continue
                }
            }
            // An amount to set is read once: a bad one is one error, however many envelopes it matches.
            var setTo: Money?
            if let amount {
                do {
                    setTo = try inputMoney(amount, unit: unit)
                } catch let problem {
                    error("\(key).amount", amountProblem(problem))
                    continue
                }
            }
            var matched = 0
            for (e, envelope) in envelopes.enumerated() {
                guard var fields = envelope.mapping else { continue }
                let matches = ["program", "level"].allSatisfy { field in change[field]?.string.map { $0 == fields[field]?.string } ?? true }
                    && (change["source"]?.string.map { source in fields["source"]?.string.map { tree.lineage(of: $0).contains(source) } ?? false } ?? true)
                    && (years.map { $0 == fields["years"]?.string } ?? true)
                guard matches, let current = fields["amount"]?.string else { continue }
                matched += 1
                let new: Money
                if let setTo {
                    new = setTo
                } else {
                    do {
                        // Within range: the old amount is at most Limits.largestAmount and the factor 11.
                        new = try inputMoney(current, unit: unit).times(factor!)
                        if new.dong > Limits.largestAmount.dong { throw AmountBeyondLimit(text: plainAmount(new, in: unit), unit: unit) }
                    } catch let problem {
                        error("envelopes[\(e)].amount", amountProblem(problem))
                        continue
                    }
                }
                fields["amount"] = Node(plainAmount(new, in: unit))
                let reason = change["reason"]?.string.map { "; \($0)" } ?? ""
                let was = fields["provenance"]?.string ?? ""
                fields["provenance"] = Node("\(was) [\(amount == nil ? "\(percent!) %" : "set to \(amount!)") by \((file as NSString).lastPathComponent)\(reason)]")
                envelopes[e] = .mapping(fields)
            }
            if matched == 0 { error(key, "matches no envelope of the scenario") }
        }
        guard diagnostics.errors.count == before else { return nil }
        scenario["envelopes"] = .sequence(envelopes)
        return .mapping(scenario)
    }

    /// An amount in `unit`, exactly, in plain notation that cannot be read as Vietnamese (`56228.0125`,
    /// never `70.285`).
    static func plainAmount(_ money: Money, in unit: MoneyUnit) -> String {
        var text = "\(money.amount(in: unit))"
        if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) == 4 { text += "0" }
        return text
    }
}

/// The keys a scenario file may have (Scenarios/README.md).
enum ScenarioSchema {
    indirect enum Shape: Sendable {
        /// A value (or a list of values, or any structure under a free-form key).
        case value
        /// A mapping with exactly these keys.
        case mapping([String: Shape])
        /// A mapping with keys of the user's choosing (criterion groups, priority classes).
        case freeMapping
        /// A list of items of this shape.
        case list(Shape)
    }

    static let envelope = Shape.mapping([
        "program": .value, "source": .value, "level": .value, "years": .value, "amount": .value, "integrated_from": .value, "locality": .value, "provenance": .value,
    ])
    static let centralAllocation = Shape.mapping([
        "program": .value, "source": .value, "level": .value, "years": .value, "amount": .value, "coefficients": .value, "coefficient_total": .value,
        "over": .value, "provenance": .value,
    ])
    static let scenario = Shape.mapping([
        "extends": .value, "name": .value, "description": .value, "phase": .value, "scope": .value, "criteria_set": .value, "money_unit": .value,
        "localities": .value,
        "horizon": .value,
        "envelopes": .list(envelope),
        "central_allocation": .list(centralAllocation),
        "envelope_changes": .list(.mapping(["program": .value, "source": .value, "level": .value, "years": .value, "percent": .value, "amount": .value, "reason": .value])),
        "plan": .mapping(["file": .value]),
        "rules": .mapping([
            "carry_over": .list(.mapping(["source": .value, "allowed": .value, "cap_percent": .value, "basis": .value])),
            "counterpart": .list(.mapping(["program": .value, "ratio": .value, "basis": .value])),
            "source_eligibility": .list(.mapping(["source": .value, "criteria": .value, "share_cap_percent": .value, "basis": .value])),
            "program_eligibility": .list(.mapping([
                "program": .value, "sources": .value, "ethnic_zone": .value, "especially_difficult": .value, "only": .value, "excluding": .value, "basis": .value,
            ])),
        ]),
        "status": .mapping(["document": .value, "file": .value, "needs_assessment": .value]),
        "classification": .mapping(["file": .value]),
        "costs": .mapping(["level": .value, "overrides": .value, "calibration": .value, "scale": .freeMapping, "kinds": .value]),
        "policy": .mapping([
            "capacity": .value, "minimum_progress": .value, "standard_bonus": .value, "priority": .freeMapping, "official_targets": .value, "targets": .value,
        ]),
        "objective": .mapping(["kind": .value, "cost_source": .value]),
        "solver": .mapping(["method": .value, "time_limit": .value, "gap": .value]),
        "baseline": .mapping(["coefficients": .value]),
    ])

    static func check(_ node: Node, shape: Shape, path: String, file: String, diagnostics: inout Diagnostics) {
        switch (shape, node) {
        case (.mapping(let keys), .mapping(let mapping)):
            for (key, value) in mapping {
                let name = key.string ?? "?"
                let keyPath = path.isEmpty ? name : "\(path).\(name)"
                guard let inner = keys[name] else {
                    let suggestion = closest(to: name, in: keys.keys).map { "; did you mean \(quoted($0))?" as Message } ?? ""
                    diagnostics.add(Diagnostic(.error, file: file, line: key.mark.map { $0.line }, key: keyPath, message: "unknown key\(suggestion)"))
                    continue
                }
                check(value, shape: inner, path: keyPath, file: file, diagnostics: &diagnostics)
            }
        case (.mapping, _):
            diagnostics.add(Diagnostic(.error, file: file, line: node.mark.map { $0.line }, key: path, message: "must be a mapping of keys"))
        case (.list(let item), .sequence(let sequence)):
            for (index, value) in sequence.enumerated() { check(value, shape: item, path: "\(path)[\(index)]", file: file, diagnostics: &diagnostics) }
        case (.list, _):
            diagnostics.add(Diagnostic(.error, file: file, line: node.mark.map { $0.line }, key: path, message: "must be a list"))
        case (.freeMapping, .mapping), (.value, _):
            break
        case (.freeMapping, _):
            diagnostics.add(Diagnostic(.error, file: file, line: node.mark.map { $0.line }, key: path, message: "must be a mapping"))
        }
    }

    /// The valid key nearest `name` by edit distance, when near enough to be a likely typo.
    static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        let scored = candidates.map { ($0, editDistance(name.lowercased(), $0)) }.min { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let (best, distance) = scored, distance <= max(2, name.count / 3) else { return nil }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
