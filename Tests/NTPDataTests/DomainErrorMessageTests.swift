import NTPData
import NTPDomain
import NTPFiles
import NTPTestSupport
import NTPText
import Testing

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
            .notText(path: "/x/plan.json"), .cannotRead(path: "/x/plan.json", reason: "permission denied"),
            .cannotWrite(path: "/x/plan.json", reason: "no space left on device"), .nameTooLong(path: "/x/plan.json", limit: 255),
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
