import Foundation
import NTPDomain
import NTPText
import Yams

/// A what-if on a scenario, written as a new scenario file that `extends` it (Scenarios/README.md,
/// "Inheritance"): planning choices changed, envelopes scaled by a percent or set to an amount. The
/// text is validated by the loaders like any scenario file, and `field(ofKey:)` places each error they
/// report at the form field it comes from. Values are kept as the user typed them: the loaders, not the
/// form, say what is wrong with them.
public struct ScenarioEdit: Sendable, Equatable {
    /// A field of the what-if form.
    public enum Field: Hashable, Sendable {
        case name, description, horizon, capacity, minimumProgress, standardBonus, officialTargets, targets, priority
        /// The envelope change at this position of `envelopeChanges`.
        case envelopeChange(Int)
    }

    /// The planning choices as a form shows them: text, one target per line, priority as
    /// `border=2, especially-difficult=2, COMMUNE=3`.
    public struct Values: Sendable, Equatable {
        public var horizon = ""
        public var capacity = ""
        public var minimumProgress = ""
        public var standardBonus = ""
        public var officialTargets = false
        public var targets = ""
        public var priority = ""

        public init() {}

        /// The values a scenario's options give (an absent value is empty).
        public init(_ options: ScenarioOptions) {
            horizon = options.horizon.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" } ?? ""
            capacity = options.capacity.map(String.init) ?? ""
            minimumProgress = options.minimumProgress.map(String.init) ?? ""
            standardBonus = options.standardBonus.map(String.init) ?? ""
            officialTargets = options.officialTargets ?? false
            targets = options.targets.map(\.text).joined(separator: "\n")
            priority = options.priority.weights.map { "\($0.key)=\($0.weight)" }.joined(separator: ", ")
        }

        /// One target per non-empty line (or comma).
        var targetList: [String] {
            targets.split(whereSeparator: { $0 == "\n" || $0 == "," || $0 == "\r" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    /// Envelopes chosen by program, source (and the sources below it), level and years, each optional,
    /// scaled by `percent` or set to `amount` (in the scenario's money unit): one `envelope_changes` entry.
    public struct EnvelopeChange: Sendable, Equatable {
        public var program, source, level, years: String?
        public var percent, amount: String?
        public var reason: String?

        public init(program: String? = nil, source: String? = nil, level: String? = nil, years: String? = nil, percent: String? = nil, amount: String? = nil, reason: String? = nil) {
            func given(_ text: String?) -> String? { text.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
            self.program = given(program)
            self.source = given(source)
            self.level = given(level)
            self.years = given(years)
            self.percent = given(percent)
            self.amount = given(amount)
            self.reason = given(reason)
        }

        /// Neither a percent nor an amount: the row of the form was left as it was.
        public var isEmpty: Bool { percent == nil && amount == nil }
    }

    /// A change of one value: nil keeps the scenario's, an empty text removes it.
    public var name: String?
    public var description: String?
    public var horizon: String?
    public var capacity: String?
    public var minimumProgress: String?
    public var standardBonus: String?
    public var officialTargets: Bool?
    public var targets: [String]?
    public var priority: String?
    /// The priority keys the scenario has, removed (`null`) when a new priority leaves them out: a
    /// mapping merges key by key over the parent's.
    var priorityKeysBefore: [String] = []
    public var envelopeChanges: [EnvelopeChange] = []

    public init() {}

    /// The edit from what the scenario has (`current`) to what the form asks (`wanted`): only the values
    /// that differ, and the envelope changes that say something.
    public init(from current: Values, to wanted: Values, envelopeChanges: [EnvelopeChange], name: String? = nil, description: String? = nil) {
        func changed(_ old: String, _ new: String) -> String? {
            let new = new.trimmingCharacters(in: .whitespacesAndNewlines)
            return new == old ? nil : new
        }
        horizon = changed(current.horizon, wanted.horizon)
        capacity = changed(current.capacity, wanted.capacity)
        minimumProgress = changed(current.minimumProgress, wanted.minimumProgress)
        standardBonus = changed(current.standardBonus, wanted.standardBonus)
        officialTargets = current.officialTargets == wanted.officialTargets ? nil : wanted.officialTargets
        targets = current.targetList == wanted.targetList ? nil : wanted.targetList
        let before = Self.priorityParts(current.priority), after = Self.priorityParts(wanted.priority)
        priority = before.map { "\($0.key)=\($0.value)" } == after.map { "\($0.key)=\($0.value)" } ? nil : wanted.priority
        priorityKeysBefore = before.map(\.key)
        self.envelopeChanges = envelopeChanges.filter { !$0.isEmpty }
        self.name = name.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
        self.description = description.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Nothing would change.
    public var isEmpty: Bool {
        name == nil && horizon == nil && capacity == nil && minimumProgress == nil && standardBonus == nil && officialTargets == nil
            && targets == nil && priority == nil && envelopeChanges.isEmpty
    }

    /// `key=value` parts separated by commas or lines, as typed (the value is not checked here).
    static func priorityParts(_ text: String) -> [(key: String, value: String, text: String)] {
        text.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "\r" }).compactMap { part in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            let pair = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return (pair[0], pair.count == 2 ? pair[1] : "", trimmed)
        }
    }

    /// The scenario file of the what-if: `extends: parent`, then the changed values. A priority part
    /// that is not `KEY=WEIGHT` is refused here, since no key would carry it to the loader.
    public func yaml(extending parent: String) throws(ScenarioEditError) -> String {
        func scalar(_ text: String) -> Node { text.isEmpty ? Node("null") : Node(text) }
        var pairs: [(Node, Node)] = [(Node("extends"), Node(parent))]
        if let name { pairs.append((Node("name"), Node(name))) }
        if let description { pairs.append((Node("description"), Node(description))) }
        if let horizon { pairs.append((Node("horizon"), scalar(horizon))) }
        var policy: [(Node, Node)] = []
        if let capacity { policy.append((Node("capacity"), scalar(capacity))) }
        if let minimumProgress { policy.append((Node("minimum_progress"), scalar(minimumProgress))) }
        if let standardBonus { policy.append((Node("standard_bonus"), scalar(standardBonus))) }
        if let priority {
            var weights: [(Node, Node)] = []
            let parts = Self.priorityParts(priority)
            for part in parts {
                guard !part.key.isEmpty, !part.value.isEmpty else {
                    throw ScenarioEditError(field: .priority, message: "“\(part.text)”: write KEY=WEIGHT, e.g. border=2")
                }
                weights.append((Node(part.key), Node(part.value)))
            }
            for key in priorityKeysBefore where !parts.contains(where: { $0.key == key }) { weights.append((Node(key), Node("null"))) }
            policy.append((Node("priority"), Node(weights)))
        }
        if let officialTargets { policy.append((Node("official_targets"), Node(officialTargets ? "true" : "false"))) }
        if let targets { policy.append((Node("targets"), Node(targets.map { Node($0) }))) }
        if !policy.isEmpty { pairs.append((Node("policy"), Node(policy))) }
        if !envelopeChanges.isEmpty {
            let changes = envelopeChanges.map { change -> Node in
                var entry: [(Node, Node)] = []
                for (key, value) in [("program", change.program), ("source", change.source), ("level", change.level), ("years", change.years),
                                     ("percent", change.percent), ("amount", change.amount), ("reason", change.reason)] {
                    if let value { entry.append((Node(key), Node(value))) }
                }
                return Node(entry)
            }
            pairs.append((Node("envelope_changes"), Node(changes)))
        }
        do { return try Yams.serialize(node: Node(pairs), allowUnicode: true) } catch {
            throw ScenarioEditError(field: nil, message: "cannot write the scenario: \(error)")
        }
    }

    /// The form field a key path of the scenario file belongs to (`policy.capacity`,
    /// `envelope_changes[2].percent`, `policy.targets[0]`); nil for a key the form does not edit.
    public static func field(ofKey key: String) -> Field? {
        if key.hasPrefix("envelope_changes[") {
            let digits = key.dropFirst("envelope_changes[".count).prefix { $0.isNumber }
            return Int(digits).map { .envelopeChange($0) }
        }
        let table: [(String, Field)] = [
            ("name", .name), ("description", .description), ("horizon", .horizon), ("policy.capacity", .capacity),
            ("policy.minimum_progress", .minimumProgress), ("policy.standard_bonus", .standardBonus),
            ("policy.official_targets", .officialTargets), ("policy.targets", .targets), ("policy.priority", .priority),
        ]
        return table.first { key == $0.0 || key.hasPrefix($0.0 + ".") || key.hasPrefix($0.0 + "[") }?.1
    }
}

/// A what-if the form cannot write as a scenario file: the field and what is wrong.
public struct ScenarioEditError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: ScenarioEdit.Field?
    public let message: Message

    public init(field: ScenarioEdit.Field?, message: Message) {
        self.field = field
        self.message = message
    }

    public var description: String { message.text(.en) }
}
