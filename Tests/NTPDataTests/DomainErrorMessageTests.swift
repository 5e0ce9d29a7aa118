import NTPData
import NTPDomain
import NTPFiles
import NTPTestSupport
import NTPText
import Testing
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The lower layers' errors, worded once in the catalogue: in Vietnamese no English word of their
/// templates, in English no Vietnamese letter.
@Suite struct DomainErrorMessageTests {
    /// Names and codes both languages write.
    static let sameInBoth: Set = ["MiB", "UTF", "ntp", "docs", "limits", "FIFO"]

    static func expectOneLanguage(_ message: Message, sourceLocation: SourceLocation = #_sourceLocation) {
        let problems = OneLanguage.problems(message, sameInBoth: ["ntp", "docs", "limits"])
        #expect(problems.isEmpty, "\(problems)", sourceLocation: sourceLocation)
    }

    /// A number a seed or a table writes wrongly is refused in the language asked, naming the text, and
    /// the English is NTPDomain's own wording.
    @Test func numberErrorsAreWordedInEitherLanguage() {
        let errors: [NumberError] = [
            .malformed("12abc", .vietnamese), .malformed("12abc", .plain), .malformed("12abc", .either),
            .ambiguous("1.234", vietnamese: 1234, plain: 1.234), .negative("-5"),
        ]
        for error in errors {
            Self.expectOneLanguage(error.message)
            #expect(error.message.text(.en) == error.description)
            #expect(error.message.text(.vi) != error.description)
        }
    }

    @Test func everyFileErrorIsWordedInEitherLanguageNamingTheFile() {
        let errors: [FileError] = [
            .missing(path: "/x/plan.json"), .notAFile(path: "/x/plan.json", kind: .symbolicLink),
            .tooLarge(path: "/x/plan.json", bytes: 3 << 20, limit: 1 << 20), .tooLarge(path: "/x/plan.json", bytes: 512, limit: 100),
            .notText(path: "/x/plan.json"), .cannotRead(path: "/x/plan.json", reason: SystemReason(code: EACCES).wording),
            .cannotWrite(path: "/x/plan.json", reason: SystemReason(code: ENOSPC).wording), .nameTooLong(path: "/x/plan.json", limit: 255),
            .noFolder(path: "/x/plan.json", folder: "/x"),
        ] + [FileKind.file, .folder, .fifo, .device, .socket, .other].flatMap { kind in
            [FileError.notAFile(path: "/x/plan.json", kind: kind), .notAFolder(path: "/x/plan.json", kind: kind)]
        }
        for error in errors {
            #expect(error.message.text(.vi).contains("/x/plan.json"))
            #expect(error.message.text(.en) == error.description)
            Self.expectOneLanguage(error.message)
        }
    }

    /// The system's common refusals are worded in the catalogue, not in `strerror`'s English; any other
    /// keeps the system's sentence, marked, beside its number.
    @Test func systemReasonsAreWordedInEitherLanguage() {
        for code in SystemReason.worded {
            let message = Message(SystemReason(code: code).wording)
            Self.expectOneLanguage(message)
            #expect(!message.text(.en).contains(String(cString: strerror(code))), "errno \(code)")
        }
        // The system's own sentence stays English, marked as such: its words are not counted.
        let other = Message(SystemReason(code: EIO).wording)
        #expect(OneLanguage.problems(other, sameInBoth: ["error"]) == [])
        #expect(other.text(.vi).contains("\(EIO)") && other.text(.vi).contains(String(cString: strerror(EIO)).lowercased()))
    }

    /// Foundation's file errors (what `FileManager` and `Data.write` throw, English in
    /// `localizedDescription`) give their system reason, worded; an error of another kind is shown as
    /// its library words it, marked.
    @Test func foundationErrorsGiveTheirSystemReason() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ntp-reason-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("none")
        let cases: [(Int32, () throws -> Void)] = [
            (ENOENT, { _ = try FileManager.default.contentsOfDirectory(atPath: missing.path) }),
            (ENOENT, { try Data("x".utf8).write(to: missing.appendingPathComponent("a.csv")) }),
            (EEXIST, { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false) }),
            (ENOENT, { _ = try Data(contentsOf: missing) }),
        ]
        for (code, action) in cases {
            do {
                try action()
                Issue.record("no error for errno \(code)")
            } catch {
                #expect(SystemReason(of: error)?.code == code, "\(error)")
                #expect(Wording.reason(of: error) == SystemReason(code: code).wording)
            }
        }
        #expect(SystemReason(of: POSIXError(.ENOSPC))?.code == ENOSPC)
        struct Other: Error, CustomStringConvertible { var description: String { "a bad thing" } }
        #expect(SystemReason(of: Other()) == nil)
        let other = Message(.reason(of: Other()))
        Self.expectOneLanguage(other)
        #expect(other.text(.vi).hasSuffix(": a bad thing"))
    }

    @Test func centralAllocationErrorsAreWordedInEitherLanguage() {
        let errors: [CentralAllocationError] = [
            .unknownClass(commune: "a", attributes: ["ethnic_zone"]), .unknownClass(commune: "a", attributes: ["ethnic_zone", "border"]),
            .negativeVillages(commune: "a", villages: -1), .duplicateCommune("a"), .noCommunes, .negativeEnvelope(Money(dong: -5)),
            .zeroCoefficients,
        ]
        for error in errors { Self.expectOneLanguage(error.message) }
        Self.expectOneLanguage(CentralAllocationError.several(errors).message)
    }
}
