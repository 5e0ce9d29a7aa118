import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NTPStore
import Testing
@testable import NTPWorkbench

/// The project's folder, for its `Data/` and `Scenarios/`.
let projectFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A workbench over an in-memory store with the shipped data and scenarios.
func makeWorkbench(
    store: PlanStore? = nil, host: String = "127.0.0.1", runs: Int = 2, uploadLimit: Int = 10 << 20, scenarios: Bool = true
) throws -> Workbench {
    var configuration = WorkbenchConfiguration()
    configuration.host = host
    configuration.port = 0
    configuration.dataFolder = projectFolder.appendingPathComponent("Data").path
    configuration.scenariosFolder = scenarios ? projectFolder.appendingPathComponent("Scenarios").path : nil
    configuration.concurrentRuns = runs
    configuration.maximumUploadBytes = uploadLimit
    let workbench = try Workbench(configuration: configuration, store: try store ?? PlanStore())
    try workbench.prepare()
    return workbench
}

/// Runs `body` with a client of the workbench's router, in process.
func withClient<T: Sendable>(_ workbench: Workbench, _ body: @escaping @Sendable (Browser) async throws -> T) async throws -> T {
    let application = Application(router: workbench.router())
    return try await application.test(.router) { client in
        try await body(Browser(client: client))
    }
}

/// A browser over the test client: keeps its cookies and sends the session's CSRF token with forms.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    private let lock = NSLock()

    init(client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: ByteBuffer
        var text: String { String(buffer: body) }
        var location: String? { headers[.location] }
        func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer: body)) }
        func object() throws -> [String: Any] { try #require(try json() as? [String: Any]) }
        func array() throws -> [[String: Any]] { try #require(try json() as? [[String: Any]]) }
    }

    func request(_ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: ByteBuffer? = nil, cookies send: Bool = true) async throws -> Page {
        var headers = headers
        let jar = lock.withLock { cookies }
        if send, !jar.isEmpty { headers[.cookie] = jar.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2 { lock.withLock { cookies[String(pair[0])] = String(pair[1]) } }
        }
        return Page(status: response.status, headers: response.headers, body: response.body)
    }

    func get(_ uri: String) async throws -> Page { try await request(uri) }

    /// The session's CSRF token (asked from the API, which also sets the session cookie).
    func csrf() async throws -> String {
        try #require(try await get("/api/session").object()["csrf_token"] as? String)
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return fields.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
    }

    /// Posts a form as a browser does, with the session's token unless `csrf` says otherwise.
    func post(_ uri: String, _ fields: [(String, String)], csrf token: String? = nil, withToken: Bool = true) async throws -> Page {
        var all = fields
        if withToken {
            if let token { all.append(("csrf", token)) } else { all.append(("csrf", try await csrf())) }
        }
        return try await request(
            uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: Self.encode(all)))
    }

    /// Sends JSON with the session's token in the header.
    func send(_ uri: String, method: HTTPRequest.Method = .post, json: Any?, withToken: Bool = true) async throws -> Page {
        var headers: HTTPFields = [.contentType: "application/json"]
        if withToken { headers[HTTPField.Name("X-CSRF-Token")!] = try await csrf() }
        let body = try json.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0)) }
        return try await request(uri, method: method, headers: headers, body: body)
    }

    /// Posts files as `multipart/form-data`.
    func upload(_ uri: String, files: [(name: String, content: Data)], fields: [(String, String)] = [], withToken: Bool = true) async throws -> Page {
        let boundary = "ntp-test-\(UUID().uuidString)"
        var body = Data()
        var all = fields
        if withToken { all.append(("csrf", try await csrf())) }
        for (name, value) in all {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for file in files {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(file.content)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await request(uri, method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(bytes: body))
    }

    /// Waits until the run has finished and returns it.
    func finished(run id: Int) async throws -> [String: Any] {
        while true {
            let run = try await get("/api/runs/\(id)").object()
            if let state = run["state"] as? String, !["queued", "running"].contains(state) { return run }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

/// The shipped default scenario, as the store imported it.
func defaultScenario(_ store: PlanStore) throws -> (scenario: ScenarioRecord, version: VersionRecord) {
    let scenario = try #require(try store.shippedScenario(sourceName: "quang-hoa-2022-2025.yaml"))
    return (scenario, try store.versions(of: scenario.id!).last!)
}
