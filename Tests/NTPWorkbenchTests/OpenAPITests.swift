import Foundation
import HTTPTypes
import NIOCore
import NTPStore
import Testing
import Yams
@testable import NTPWorkbench

/// `/openapi.yaml` against the router: every route under `/api` is described and every described path
/// is a route; every operation answers with a status it lists, in a media type it lists, and a JSON body
/// that has the documented shape.
@Suite struct OpenAPITests {
    static func document() throws -> [String: Any] {
        try #require(try Yams.load(yaml: OpenAPI.document) as? [String: Any])
    }

    static func operations(_ document: [String: Any]) throws -> [(path: String, method: String, operation: [String: Any])] {
        let paths = try #require(document["paths"] as? [String: Any])
        return paths.flatMap { path, item in
            ((item as? [String: Any]) ?? [:]).compactMap { method, operation in
                (operation as? [String: Any]).map { (path, method.uppercased(), $0) }
            }
        }.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
    }

    @Test func theDocumentAndTheRouterHaveTheSameRoutes() throws {
        let workbench = try makeWorkbench(scenarios: false)
        let routed = Set(workbench.router().routes.map { "\($0.method.rawValue) \($0.path.description)" }
            .filter { $0.contains(" /api/") || $0.hasSuffix(" /openapi.yaml") })
        let documented = Set(try Self.operations(try Self.document()).map { "\($0.method) \($0.path)" })
        #expect(routed == documented, "routed only: \(routed.subtracting(documented).sorted()); documented only: \(documented.subtracting(routed).sorted())")
        #expect(routed.count > 20)
    }

    /// Checks `value` against `schema` (type, required keys, enums, nullable, items, properties);
    /// returns what does not match.
    static func mismatches(_ value: Any?, _ schema: [String: Any], _ document: [String: Any], at path: String = "$") -> [String] {
        var schema = schema
        if let reference = schema["$ref"] as? String {
            let name = String(reference.split(separator: "/").last!)
            schema = ((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name] as? [String: Any] ?? [:]
        }
        guard let value, !(value is NSNull) else {
            return schema["nullable"] as? Bool == true || schema.isEmpty ? [] : ["\(path): null"]
        }
        var problems: [String] = []
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path): not an object"] }
            for key in (schema["required"] as? [String]) ?? [] where object[key] == nil { problems.append("\(path).\(key): missing") }
            for (key, property) in (schema["properties"] as? [String: Any]) ?? [:] {
                if let inner = object[key], let property = property as? [String: Any] { problems += mismatches(inner, property, document, at: "\(path).\(key)") }
            }
        case "array":
            guard let array = value as? [Any] else { return ["\(path): not an array"] }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { problems += mismatches(item, items, document, at: "\(path)[\(index)]") }
            }
        case "string":
            guard let text = value as? String else { return ["\(path): not a string"] }
            if let allowed = schema["enum"] as? [String], !allowed.contains(text) { problems.append("\(path): \(text) not in \(allowed)") }
        case "integer":
            guard let number = value as? Double, number.rounded() == number else { return ["\(path): not an integer"] }
        case "number":
            guard value is Double else { return ["\(path): not a number"] }
        case "boolean":
            guard value is Bool else { return ["\(path): not a boolean"] }
        default: break
        }
        return problems
    }

    @Test(.timeLimit(.minutes(3))) func everyOperationAnswersAsDocumented() async throws {
        let workbench = try makeWorkbench()
        let (scenario, version) = try defaultScenario(workbench.store)
        let folder = projectFolder.appendingPathComponent("Scenarios")
        let shipped = try ["quang-hoa-2022-2025.yaml", "quang-hoa-2021-2025.yaml", "plans/quang-hoa-implemented-2022.csv"].map {
            (($0 as NSString).lastPathComponent, try Data(contentsOf: folder.appendingPathComponent($0)))
        }
        try await withClient(workbench) { browser in
            let document = try Self.document()
            // Something of everything: two plans, a finished sweep.
            var plans: [Int] = []
            for body: [String: Any] in [["kind": "plan"], ["kind": "baseline", "method": "official"]] {
                let id = try #require(try await browser.send("/api/runs", json: body.merging(["version_id": version.id!]) { a, _ in a }).object()["id"] as? Int)
                plans.append(try #require(try await browser.finished(run: id)["plan_id"] as? Int))
            }
            let sweep = try #require(try await browser.send(
                "/api/runs", json: ["version_id": version.id!, "kind": "sweep", "sources": ["central"], "scale": "1:1:1"]).object()["id"] as? Int)
            _ = try await browser.finished(run: sweep)

            let ids: [String: String] = ["scenarios": "\(scenario.id!)", "runs": "\(sweep)", "plans": "\(plans[0])"]
            let queries: [String: String] = [
                "/api/scenarios/{id}/diff": "from=1&to=1", "/api/plans/{id}/explain": "commune=cao-bang/quang-hoa/be-van-dan&criterion=6",
                "/api/compare": "plan=\(plans[0])&plan=\(plans[1])", "/api/plans/{id}/export/{format}": "lang=en&compare=\(plans[1])",
            ]
            let bodies: [String: Any] = [
                "POST /api/runs": ["version_id": version.id!, "kind": "baseline", "method": "greedy"],
                "POST /api/scenarios/{id}/versions/{number}/what-if": ["based_on": 1, "values": ["capacity": "2"]],
                "POST /api/users": ["name": "lan", "password": "mật-khẩu-lan", "role": "admin"],
                "POST /api/session": ["name": "lan", "password": "mật-khẩu-lan"],
            ]
            // Accounts last: once one exists, every other path needs a login.
            let order = ["POST /api/users", "POST /api/session", "DELETE /api/session"]
            let operations = try Self.operations(document).sorted { a, b in
                (order.firstIndex(of: "\(a.method) \(a.path)") ?? -1, a.path) < (order.firstIndex(of: "\(b.method) \(b.path)") ?? -1, b.path)
            }
            for (path, method, operation) in operations {
                let name = "\(method) \(path)"
                var uri = path.replacing(/\{id\}/, with: ids[path.split(separator: "/").dropFirst().dropFirst().first.map(String.init) ?? ""] ?? "1")
                    .replacing(/\{number\}/, with: "1").replacing(/\{format\}/, with: "xlsx")
                if let query = queries[path] { uri += "?" + query }
                let answer: Browser.Page
                if path == "/api/scenarios" && method == "POST" {
                    answer = try await browser.upload(uri, files: shipped)
                } else if method == "GET" {
                    answer = try await browser.get(uri)
                } else {
                    answer = try await browser.send(uri, method: .init(method)!, json: bodies[name])
                }
                let responses = try #require(operation["responses"] as? [String: Any], "\(name)")
                let status = "\(answer.status.code)"
                guard var response = responses[status] as? [String: Any] else {
                    Issue.record("\(name): \(status) is not documented (\(answer.text.prefix(300)))")
                    continue
                }
                if let reference = response["$ref"] as? String {
                    let key = String(reference.split(separator: "/").last!)
                    response = ((document["components"] as? [String: Any])?["responses"] as? [String: Any])?[key] as? [String: Any] ?? [:]
                }
                guard let content = response["content"] as? [String: Any] else {
                    #expect(answer.body.readableBytes == 0, "\(name): \(status) has a body it does not document")
                    continue
                }
                let type = String((answer.headers[.contentType] ?? "").split(separator: ";")[0])
                #expect(content[type] != nil, "\(name): \(status) answered \(type), documented \(content.keys.sorted())")
                if type == "application/json", let schema = (content[type] as? [String: Any])?["schema"] as? [String: Any] {
                    let problems = Self.mismatches(try answer.json(), schema, document)
                    #expect(problems.isEmpty, "\(name): \(problems.prefix(5))")
                }
            }
        }
    }
}
