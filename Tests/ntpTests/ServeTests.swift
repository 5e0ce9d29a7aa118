import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `ntp serve`, `ntp store` and `ntp plan --store`, run as a user runs them: the plan store shared by
/// the command line and the workbench, and a server killed in the middle of a run.
@Suite(.serialized) struct ServeTests {
    let cli = CLITests()

    static func temporaryStore() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ntp-serve-\(UUID().uuidString)/store.sqlite").path
    }

    @Test func aPlanKeptByTheCommandLineIsListedShownAndExportedFromTheStore() throws {
        let store = Self.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: (store as NSString).deletingLastPathComponent) }
        let first = try cli.ntp("baseline", "Scenarios/quang-hoa-2022-2025.yaml", "--method", "greedy", "--store", store)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("Đã lưu kế hoạch #1 vào \(store) (kịch bản v1)"))
        let second = try cli.ntp("plan", "Scenarios/quang-hoa-2022-2025.yaml", "--store", store)
        #expect(second.standardOutput.contains("Đã lưu kế hoạch #2 vào \(store) (kịch bản v1)"), "the same content is the same version")

        let list = try cli.ntp("store", "list", "--store", store)
        #expect(list.status == 0)
        #expect(list.standardOutput.contains("greedy") && list.standardOutput.contains("optimizer"))
        let document = try cli.ntp("store", "show", "2", "--document", "--store", store)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(document.standardOutput.utf8)) as? [String: Any])
        #expect((object["settings"] as? [String: Any])?["scenario"] as? String == "store/1/v1/quang-hoa-2022-2025.yaml")
        #expect(object["criteria_years"] as? Int == 376)

        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-store-export-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: out) }
        let export = try cli.ntp("store", "export", "2", "--format", "json", "--out", out.path, "--compare", "1", "--store", store)
        #expect(export.status == 0, "\(export.standardError)")
        let exported = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any])
        #expect((exported["summary"] as? [String: Any])?["scenario"] as? String == "store/1/v1/quang-hoa-2022-2025.yaml")
        #expect(exported["comparison_summary"] != nil)
        #expect(try cli.ntp("store", "show", "9", "--store", store).status != 0)
    }

    /// A small HTTP client keeping the session cookie.
    final class Client: @unchecked Sendable {
        let base: String
        var cookie: String?

        init(base: String) { self.base = base }

        func call(_ path: String, method: String = "GET", json: Any? = nil, token: String? = nil) throws -> (status: Int, body: Data) {
            var request = URLRequest(url: URL(string: base + path.dropFirst())!)
            request.httpMethod = method
            if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
            if let token { request.setValue(token, forHTTPHeaderField: "X-CSRF-Token") }
            if let json {
                request.httpBody = try JSONSerialization.data(withJSONObject: json)
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var result: (Int, Data)?
            nonisolated(unsafe) var failure: (any Error)?
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let response = response as? HTTPURLResponse {
                    if let set = response.value(forHTTPHeaderField: "Set-Cookie") { self.cookie = String(set.split(separator: ";")[0]) }
                    result = (response.statusCode, data ?? Data())
                }
                failure = error
                done.signal()
            }.resume()
            done.wait()
            if let failure { throw failure }
            return try #require(result)
        }

        func object(_ path: String, method: String = "GET", json: Any? = nil, token: String? = nil) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: call(path, method: method, json: json, token: token).body) as? [String: Any])
        }
    }

    /// Starts `ntp serve` on a free port and returns it with its address.
    func serve(_ store: String) throws -> (Process, String) {
        let process = Process()
        process.executableURL = Bundle.main.bundleURL.appendingPathComponent("ntp")
        process.arguments = ["serve", "--port", "0", "--store", store, "--runs", "1"]
        process.currentDirectoryURL = CLITests.repository
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let address = try #require(text.firstMatch(of: /http:\/\/127\.0\.0\.1:[0-9]+\//).map { String($0.output) }, "ntp serve printed: \(text)")
        return (process, address)
    }

    @Test(.timeLimit(.minutes(5))) func aServerKilledDuringARunLosesNothingStoredAndShowsTheRunAsInterrupted() throws {
        let store = Self.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: (store as NSString).deletingLastPathComponent) }
        var (server, address) = try serve(store)
        var client = Client(base: address)
        let session = try client.object("/api/session")
        let token = try #require(session["csrf_token"] as? String)
        let scenarios = try #require(try JSONSerialization.jsonObject(with: client.call("/api/scenarios").body) as? [[String: Any]])
        let quangHoa = try #require(scenarios.first { $0["source_name"] as? String == "quang-hoa-2022-2025.yaml" })
        let langSon = try #require(scenarios.first { $0["source_name"] as? String == "lang-son-2022.yaml" })
        let versionOf = { (scenario: [String: Any]) throws -> Int in
            let detail = try client.object("/api/scenarios/\(scenario["id"] as? Int ?? -1)")
            return try #require((detail["versions"] as? [[String: Any]])?.first?["id"] as? Int)
        }
        // A plan made to the end, then a long run under way when the server is killed.
        let done = try client.object("/api/runs", method: "POST", json: ["version_id": try versionOf(quangHoa), "kind": "baseline", "method": "greedy"], token: token)
        var run = done
        while ["queued", "running"].contains(run["state"] as? String) { run = try client.object("/api/runs/\(done["id"] as? Int ?? -1)"); usleep(50_000) }
        let planID = try #require(run["plan_id"] as? Int)
        let planFile = try client.call("/api/plans/\(planID)/document").body
        let long = try client.object(
            "/api/runs", method: "POST", json: ["version_id": try versionOf(langSon), "kind": "plan", "search": "direct", "time_limit": 3600], token: token)
        let longID = try #require(long["id"] as? Int)
        while try client.object("/api/runs/\(longID)")["state"] as? String != "running" { usleep(50_000) }
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()

        (server, address) = try serve(store)
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        client = Client(base: address)
        let interrupted = try client.object("/api/runs/\(longID)?lang=en")
        #expect(interrupted["state"] as? String == "interrupted")
        #expect(interrupted["message"] as? String == "the server stopped while it ran")
        #expect(try client.call("/api/plans/\(planID)/document").body == planFile)
        #expect(try client.object("/api/runs/\(done["id"] as? Int ?? -1)")["state"] as? String == "done")
        let again = try #require(try JSONSerialization.jsonObject(with: client.call("/api/scenarios").body) as? [[String: Any]])
        #expect(again.count == scenarios.count, "a restart imports nothing twice")
    }
}
