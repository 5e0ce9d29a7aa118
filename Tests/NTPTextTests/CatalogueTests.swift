import Foundation
import Testing
@testable import NTPText

/// Every entry of the catalogue, checked as a translator's reviewer would.
@Suite struct CatalogueTests {
    /// Vietnamese may equal English only for a code, a number or an abbreviation (`NTM`, `{1} ({2})`).
    static func isCode(_ text: String) -> Bool {
        let words = text.replacing(/\{[0-9]+\}/, with: "")
        return !words.contains(where: \.isLetter) || words.allSatisfy { !$0.isLetter || $0.isUppercase }
    }

    @Test func everyEntryHasTheSamePlaceholdersInBothLanguages() {
        for (english, vietnamese) in Catalogue.entries {
            let placeholders = Message.placeholders(english)
            #expect(Set(Message.placeholders(vietnamese).keys) == Set(placeholders.keys), "\(english) → \(vietnamese)")
            #expect(Set(placeholders.keys) == Set(placeholders.isEmpty ? [] : Array(1...placeholders.count)),
                    "the placeholders of “\(english)” are not {1}…{n}")
        }
    }

    @Test func noEntryIsEmptyOrUntranslated() {
        for (english, vietnamese) in Catalogue.entries {
            #expect(!english.trimmingCharacters(in: .whitespaces).isEmpty)
            #expect(!vietnamese.trimmingCharacters(in: .whitespaces).isEmpty, "“\(english)” has an empty Vietnamese")
            #expect(vietnamese != english || Self.isCode(english), "“\(english)” is not translated")
            #expect(Message.needsTranslation(english), "“\(english)” has no words and needs no entry")
        }
    }

    /// A text that ends in a space or a colon is followed by something in both languages.
    @Test func entriesBeginAndEndAsTheirEnglishDoes() {
        for (english, vietnamese) in Catalogue.entries {
            #expect(english.first?.isWhitespace == vietnamese.first?.isWhitespace, "“\(english)” → “\(vietnamese)”")
            #expect(english.last?.isWhitespace == vietnamese.last?.isWhitespace, "“\(english)” → “\(vietnamese)”")
            #expect(english.hasSuffix("\n") == vietnamese.hasSuffix("\n"), "“\(english)” → “\(vietnamese)”")
        }
    }

    /// Names are compared after NFC normalisation; the catalogue's Vietnamese is written in NFC.
    @Test func vietnameseIsInNFC() {
        for vietnamese in Catalogue.entries.values {
            #expect(vietnamese == vietnamese.precomposedStringWithCanonicalMapping, "“\(vietnamese)” is not NFC")
        }
    }
}

@Suite struct MessageTests {
    @Test func interpolationMakesATemplateAndItsArguments() {
        let path = "out/plan.json", count = 3
        let message: Message = "Wrote \(path) with \(count) parts"
        #expect(message.template == "Wrote {1} with {2} parts")
        #expect(message.arguments == [.text(path), .text("3")])
        #expect(message.text(.en) == "Wrote out/plan.json with 3 parts")
    }

    @Test func aTranslationMayReorderTheArguments() {
        #expect(Message.fill("{2} của {1}", ["a", "b"]) == "b của a")
        #expect(Message.fill("{1} và {1}", ["x"]) == "x và x")
    }

    @Test func bracesThatAreNotPlaceholdersStay() {
        #expect(Message.fill("{a} {1} {9} {", ["x"]) == "{a} x {9} {")
        #expect(Message.fill("{1}", ["{2}"]) == "{2}", "an argument is not filled again")
    }

    @Test func aMessageInsideAMessageTakesItsLanguage() {
        let inner: Message = "Total"
        let outer: Message = "\(inner): \(5)"
        #expect(outer.template == "{1}: {2}")
        #expect(outer.text(.en) == "Total: 5")
        if let total = Catalogue.entries["Total"] { #expect(outer.text(.vi) == "\(total): 5") }
    }

    @Test func onlyTemplatesWithWordsNeedTranslation() {
        #expect(!Message.needsTranslation("{1}: {2}"))
        #expect(!Message.needsTranslation("{1} ({2}) – {3}%"))
        #expect(Message.needsTranslation("{1} communes"))
        #expect(Message.needsTranslation("{x}"))
        #expect(Message.verbatim("Lạng Sơn").text(.vi) == "Lạng Sơn")
    }

    @Test func joinedMessagesKeepTheirOwnLanguage() {
        let joined = Message.joined([.verbatim("a"), .verbatim("b")], separator: "; ")
        #expect(joined.text(.en) == "a; b")
        #expect(joined.template == "{1}; {2}")
    }
}

@Suite struct MessagePartsTests {
    @Test func partsJoinIntoOneTemplate() {
        let a = 1, b = 2
        let whole: Message = "from \(a) " + "to \(b)"
        #expect(whole.template == "from {1} to {2}")
        #expect(whole.text(.en) == "from 1 to 2")
    }
}
