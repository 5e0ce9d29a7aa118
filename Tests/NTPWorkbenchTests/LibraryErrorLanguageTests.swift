import Foundation
import HTTPTypes
import GRDB
import NIOCore
import NTPStore
import NTPTestSupport
import NTPText
import Testing
@testable import NTPWorkbench

/// What the libraries under the workbench refuse (Foundation's JSON decoder, the HTTP server) is
/// answered in the request's language, never in the library's English.
@Suite struct LibraryErrorLanguageTests {
    /// An API body that is JSON but not the JSON expected names the field, the value and what was
    /// expected, in Vietnamese by default and in English with `?lang=en`.
    @Test func aBodyOfTheWrongShapeIsNamedByField() async throws {
        let workbench = try makeWorkbench(scenarios: false)
        try await withClient(workbench) { browser in
            let vi = try await browser.send("/api/runs", json: ["version_id": "một", "kind": "baseline"])
            #expect(vi.status == .badRequest)
            #expect(try vi.object()["error"] as? String == "nội dung gửi lên không phải JSON như yêu cầu: version_id: “một” không phải là số nguyên")
            let en = try await browser.send("/api/runs?lang=en", json: ["kind": "baseline"])
            #expect(try en.object()["error"] as? String == "the body is not the JSON expected: version_id: missing")
        }
    }
}

/// The HTTP server's own refusals (no such address, a method the address does not take, a body beyond
/// the limit) and the store's (SQLite busy, full, damaged) answered as the workbench's own, in the
/// request's language.
@Suite struct ServerRefusalLanguageTests {
    static let sameInBoth: Set<String> = ["store", "ntp", "sqlite", "http", "delete"]

    @Test func noSuchAddressIsTheWorkbenchsOwnAnswer() async throws {
        let workbench = try makeWorkbench(scenarios: false)
        try await withClient(workbench) { browser in
            let api = try await browser.get("/api/nowhere")
            #expect(api.status == .notFound)
            #expect(try api.object()["error"] as? String == Texts.text("notFound", .vi))
            #expect(try await browser.get("/api/nowhere?lang=en").object()["error"] as? String == Texts.text("notFound", .en))
            let page = try await browser.get("/nowhere")
            #expect(page.status == .notFound && page.text.contains(Texts.text("notFound", .vi)) && page.text.contains("<html"))
        }
    }

    /// Hummingbird's router answers a method an address does not take as no such address.
    @Test func aMethodTheAddressDoesNotTake() async throws {
        let workbench = try makeWorkbench(scenarios: false)
        try await withClient(workbench) { browser in
            let vi = try await browser.send("/api/scenarios", method: .delete, json: nil)
            #expect(vi.status == .notFound, "\(vi.status) \(vi.text)")
            #expect(try vi.object()["error"] as? String == Texts.text("notFound", .vi))
        }
    }

    @Test func aBodyBeyondTheLimit() async throws {
        let workbench = try makeWorkbench(uploadLimit: 1 << 20, scenarios: false)
        try await withClient(workbench) { browser in
            let big = try await browser.send("/api/runs", json: ["kind": String(repeating: "x", count: 2 << 20)])
            #expect(big.status == .contentTooLarge, "\(big.text)")
            #expect(try big.object()["error"] as? String == Failure.tooLarge(limit: 1 << 20).message(.vi))
        }
    }

    /// SQLite's refusals are worded in the catalogue; the rest keep SQLite's words, marked.
    @Test func storeRefusalsAreWorded() {
        let codes: [ResultCode] = [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_READONLY,
                                   .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_PERM, .SQLITE_CONSTRAINT, .SQLITE_MISMATCH]
        for code in codes {
            let error = StoreError.database(StoreError.reason(DatabaseError(resultCode: code, message: "x")))
            let problems = OneLanguage.problems(error.message, sameInBoth: Self.sameInBoth)
            #expect(problems.isEmpty, "\(code): \(problems)")
        }
        #expect(StoreError.reason(DatabaseError(resultCode: .SQLITE_CORRUPT)).text(.vi).contains("kho bị hỏng"))
        #expect(StoreError.reason(DatabaseError(resultCode: .SQLITE_MISMATCH, message: "datatype mismatch")).text(.vi).contains("nguyên văn của SQLite: datatype mismatch"))
    }

    /// A store file that is not a database is refused as damaged, in either language.
    @Test func aDamagedStoreFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-store-\(UUID().uuidString).sqlite").path
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try PlanStore(path: path)
            Issue.record("a file of A's opened as a store")
        } catch {
            #expect(error.message.text(.vi).contains("kho bị hỏng"), "\(error.message.text(.vi))")
            #expect(error.message.text(.en).contains("the store is damaged"))
        }
    }
}
