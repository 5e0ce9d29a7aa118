import Foundation
import GLPKSwift
import NTPData
import NTPDomain
import NTPFiles
import NTPOptimization
import NTPText

/// Checking a plan file before anything uses it: plans travel between colleagues, so a damaged or
/// changed file is refused naming the field, the value and what was expected (docs/plan-format.md,
/// docs/limits.md), never compared, exported or explained.
extension PlanDocument {
    /// A refusal lists at most this many problems and counts the rest.
    public static let problemsListed = 20

    /// What is wrong with the plan against the inputs it was made from (those it carries, or for a
    /// version 2 plan those rebuilt from its scenario), each as `field: what was found; what was
    /// expected`, in file order; empty when nothing is. The amounts are checked so that every sum the
    /// ledger and the reports take of them fits in `Money` (`Ledger.largestTotal`).
    public func problems(against inputs: PlanInputs) -> [Message] {
        var problems: [Message] = []
        func fail(_ field: String, _ message: Message) { problems.append("\(field): \(message)") }

        // Years: the plan's and its inputs', within Limits.year and following each other.
        for (index, year) in inputs.years.enumerated() {
            if let problem = Limits.year.problem(year) { fail("inputs.years[\(index)]", problem.message) }
        }
        if zip(inputs.years, inputs.years.dropFirst()).contains(where: { $1 != $0 &+ 1 }) || inputs.years.isEmpty {
            fail("inputs.years", "\(inputs.years) must be one year or more, each following the one before")
        }
        if years != inputs.years { fail("years", "\(years) are not the years the plan's inputs plan (\(inputs.years))") }
        let planYears = Set(inputs.years)
        let yearsText: Message = inputs.years.first.map { first in .verbatim("\(first)-\(inputs.years.last ?? first)") } ?? "none"
        func year(_ field: String, _ year: Int) {
            if !planYears.contains(year) { fail(field, "\(year) is outside the plan's years (\(yearsText))") }
        }

        // Amounts: each within 0...Limits.largestAmount, all of them together within Ledger.largestTotal.
        var total: Money? = .zero
        func amount(_ field: String, _ dong: Int64) {
            if dong < 0 {
                fail(field, "\(dong) dong is negative; a plan's amounts are 0 or more")
            } else if dong > Limits.largestAmount.dong {
                fail(field, "\(dong) dong is more than the largest amount a plan may hold (\(Limits.largestAmount.dong) dong, docs/limits.md)")
            } else {
                total = total.flatMap { try? $0.adding(Money(dong: dong)) }
            }
        }

        let communes = Set(inputs.communes.map(\.locality.id))
        let localities = Set(inputs.localities.map(\.id)).union(communes)
        let sources = Set(inputs.sources.map(\.code))
        let programs = Set(inputs.programs.map(\.code))
        let criteria = Set(inputs.criteriaSet.criteria.flatMap { [$0.code] + $0.indicators.map(\.code) })
        let items = Set(inputs.items.map { CommuneCriterion($0.commune, $0.criterion) })
        let missing = Dictionary(inputs.communes.map { ($0.locality.id, $0.missing.count) }, uniquingKeysWith: max)
        func commune(_ field: String, _ id: String) -> Bool {
            guard communes.contains(id) else {
                fail(field, "“\(id)” is not one of the plan's communes (\(inputs.scenario.scopeName))")
                return false
            }
            return true
        }
        func item(_ field: String, commune: String, criterion: String) {
            if !items.contains(CommuneCriterion(commune, criterion)) {
                fail(field, criteria.contains(criterion)
                    ? "\(commune) does not miss criterion \(criterion)" as Message : "“\(criterion)” is not a criterion of \(inputs.criteriaSet.id)")
            }
        }

        for (index, envelope) in inputs.envelopes.enumerated() {
            let field = "inputs.envelopes[\(index)]"
            if !programs.contains(envelope.program) { fail("\(field).program", "“\(envelope.program)” is not one of the plan's programs") }
            if !sources.contains(envelope.source) { fail("\(field).source", "“\(envelope.source)” is not one of the plan's sources") }
            amount("\(field).amount", envelope.amount.dong)
        }
        for (index, item) in inputs.items.enumerated() {
            let field = "inputs.items[\(index)]"
            if commune("\(field).commune", item.commune), !criteria.contains(item.criterion) {
                fail("\(field).criterion", "“\(item.criterion)” is not a criterion of \(inputs.criteriaSet.id)")
            }
            for kind in MoneyKind.allCases { if let cost = item.cost[kind] { amount("\(field).cost.\(kind.rawValue)", cost.dong) } }
            amount("\(field).maintenancePerYear", item.maintenancePerYear.dong)
        }

        var completed: [CommuneCriterion: Int] = [:]
        for (index, completion) in completions.enumerated() {
            let field = "completions[\(index)]"
            if commune("\(field).commune", completion.commune) {
                item("\(field).criterion", commune: completion.commune, criterion: completion.criterion)
            }
            year("\(field).year", completion.year)
            if completed.updateValue(completion.year, forKey: CommuneCriterion(completion.commune, completion.criterion)) != nil {
                fail(field, "\(completion.commune) criterion \(completion.criterion) is completed twice")
            }
        }
        for (index, line) in lines.enumerated() {
            let field = "lines[\(index)]"
            if !localities.contains(line.locality) { fail("\(field).locality", "“\(line.locality)” is not one of the plan's communes (\(inputs.scenario.scopeName))") }
            if !programs.contains(line.program) { fail("\(field).program", "“\(line.program)” is not one of the plan's programs") }
            if !sources.contains(line.source) { fail("\(field).source", "“\(line.source)” is not one of the plan's sources") }
            if let criterion = line.criterion, localities.contains(line.locality) {
                item("\(field).criterion", commune: line.locality, criterion: criterion)
            }
            year("\(field).year", line.year)
            amount("\(field).amount_dong", line.amount_dong)
        }
        for (index, shortfall) in shortfalls.enumerated() {
            let field = "shortfalls[\(index)]"
            if commune("\(field).commune", shortfall.commune), !(0...(missing[shortfall.commune] ?? 0)).contains(shortfall.criteria) {
                fail("\(field).criteria", "\(shortfall.criteria) must be between 0 and the \(missing[shortfall.commune] ?? 0) criteria \(shortfall.commune) misses")
            }
            year("\(field).year", shortfall.year)
        }
        for (index, unfunded) in (unfunded ?? []).enumerated() {
            let field = "unfunded[\(index)]"
            if commune("\(field).commune", unfunded.commune) {
                item("\(field).criterion", commune: unfunded.commune, criterion: unfunded.criterion)
            }
            if MoneyKind(rawValue: unfunded.kind) == nil {
                fail("\(field).kind", "“\(unfunded.kind)” is not a kind of money (\(MoneyKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            year("\(field).year", unfunded.year)
            amount("\(field).amount_dong", unfunded.amount_dong)
        }
        if TerminationReason(rawValue: termination) == nil {
            fail("termination", "“\(termination)” is not a way a search ends (\(TerminationReason.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if total.map({ $0 > Ledger.largestTotal }) ?? true {
            fail("lines", "the envelopes, costs and lines add up to more than \(Ledger.largestTotal.dong) dong, beyond what the ledger adds (docs/limits.md)")
        }
        return problems
    }

    /// Refuses the plan at `path` when it has problems against `inputs`.
    func check(against inputs: PlanInputs, path: String) throws(PlanningError) {
        let problems = problems(against: inputs)
        if !problems.isEmpty { throw .planFileProblems(path: path, problems: problems) }
    }
}

/// A JSON decoder's error as a person reads it: the field as JSON writes it (`lines[3].year`), the value
/// found there and what was expected, instead of the decoder's internals (English about Swift types).
public enum JSONProblem {
    /// `error` about the JSON `data`, whose values are looked up to say what was found.
    /// `root` names the whole document (“the plan”, “the body”).
    public static func describe(_ error: any Error, in data: Data, root: Message) -> Message {
        guard let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return "\(root): not valid JSON"
        }
        return describe(error, in: json, root: root)
    }

    static func describe(_ error: any Error, in json: Any, root: Message = "the plan") -> Message {
        func field(_ path: [CodingKey]) -> Message { Self.field(path, root: root) }
        if let error = error as? FieldError { return "\(field(error.codingPath)): \(error.message)" }
        guard let error = error as? DecodingError else { return Message(.reason(of: error)) }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(field(context.codingPath)): \(found(context.codingPath, in: json)) is not \(expected(type))"
        case .valueNotFound(let type, let context):
            return "\(field(context.codingPath)): null is not \(expected(type))"
        case .keyNotFound(let key, let context):
            return "\(field(context.codingPath + [key])): missing"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // swift-foundation's decoder tells a fraction or a number beyond range where a whole number
            // is expected only as "not valid JSON", without the field: the plan's whole-number fields
            // are looked at instead.
            return misfitWholeNumber(in: json) ?? "a value does not fit its field (in the decoder's own words: \(context.debugDescription))"
        case .dataCorrupted(let context):
            let value = found(context.codingPath, in: json)
            if context.debugDescription.contains("does not fit in") {
                return "\(field(context.codingPath)): \(value) is not a whole number within range"
            }
            return "\(field(context.codingPath)): \(value) is not a value this field takes (in the decoder's own words: \(context.debugDescription))"
        @unknown default:
            return Message(.reason(of: error))
        }
    }

    /// The first of the plan's whole-number fields that holds a fraction or a number beyond range, as
    /// `lines[3].year: 2022.5 is not a whole number within range`.
    static func misfitWholeNumber(in json: Any) -> Message? {
        guard let object = json as? [String: Any] else { return nil }
        func misfit(_ value: Any?) -> Bool {
            guard let number = value as? NSNumber else { return false }
            if number is NSDecimalNumber { return true }
            guard ["d", "f"].contains(String(cString: number.objCType)) else { return false }
            let double = number.doubleValue
            return double != double.rounded() || !(-9.2e18...9.2e18).contains(double)
        }
        var fields: [(String, Any?)] = [("version", object["version"]), ("criteria_years", object["criteria_years"])]
        for (index, year) in ((object["years"] as? [Any]) ?? []).enumerated() { fields.append(("years[\(index)]", year)) }
        for (list, keys) in [("lines", ["year", "amount_dong"]), ("completions", ["year"]), ("shortfalls", ["year", "criteria"]), ("unfunded", ["year", "amount_dong"])] {
            for (index, element) in ((object[list] as? [Any]) ?? []).enumerated() {
                for key in keys { fields.append(("\(list)[\(index)].\(key)", (element as? [String: Any])?[key])) }
            }
        }
        guard let (field, value) = fields.first(where: { misfit($0.1) }), let value else { return nil }
        return "\(field): \(text(value)) is not a whole number within range"
    }

    /// A JSON value written as JSON, shortened.
    static func text(_ value: Any) -> Message {
        if value is NSNull { return .verbatim("null") }
        if let text = value as? String { return .verbatim("“\(text.count > 60 ? text.prefix(60) + "…" : text)”") }
        if value is [Any] { return "a list" }
        if value is [String: Any] { return "an object" }
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]) else { return .verbatim("\(value)") }
        return .verbatim(String(decoding: data.prefix(60), as: UTF8.self))
    }

    /// `lines[3].year`.
    static func field(_ path: [CodingKey], root: Message) -> Message {
        var text = ""
        for key in path {
            if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == "\(index)" {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? root : .verbatim(text)
    }

    static func expected(_ type: Any.Type) -> Message {
        switch type {
        case is any BinaryInteger.Type: "a whole number"
        case is Double.Type, is Float.Type, is Decimal.Type: "a number"
        case is String.Type: "text"
        case is Bool.Type: "true or false"
        default:
            String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }

    /// The JSON value at `path`, written as JSON and shortened.
    static func found(_ path: [CodingKey], in json: Any) -> Message {
        var value: Any? = json
        for key in path {
            if let index = key.intValue, let array = value as? [Any] {
                value = array.indices.contains(index) ? array[index] : nil
            } else {
                value = (value as? [String: Any])?[key.stringValue]
            }
        }
        guard let value else { return "nothing" }
        return text(value)
    }
}
