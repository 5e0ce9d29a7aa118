import Foundation
import HTTPTypes
import NIOCore
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
