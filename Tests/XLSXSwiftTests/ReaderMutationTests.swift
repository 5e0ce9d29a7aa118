import Foundation
import PropertyBased
import Testing
@testable import XLSXSwift

/// Random damage to a valid workbook never crashes or hangs the reader: it reads the file or throws
/// `XLSXReadError` naming it. Damage to the zip's bytes mostly stops at the zip layer (checksums), so
/// the XML of the parts is also damaged before zipping, to reach the XML and sheet parsers.
@Suite struct ReaderMutationTests {
    typealias F = PackageFixture

    /// A workbook with a bit of everything: shared strings, styles with dates, formulas (a shared
    /// one), merges, panes, widths, list validations, two sheets and the core properties.
    static let parts: [(String, String)] = F.workbook([
        F.Sheet("Xã", """
            <sheetViews><sheetView workbookViewId="0"><pane xSplit="1" ySplit="1" topLeftCell="B2" state="frozen"/></sheetView></sheetViews>\
            <cols><col min="1" max="2" width="20"/></cols>\
            <sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Ngày</t></is></c></row>\
            <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>1234.567</v></c><c r="C2" s="2"><v>45000</v></c>\
            <c r="D2"><f t="shared" ref="D2:D3" si="0">B2*2</f><v>2469.134</v></c></row>\
            <row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3"><v>-0.5</v></c><c r="D3"><f t="shared" si="0"/><v>-1</v></c><c r="E3" t="e"><v>#N/A</v></c></row>\
            </sheetData><mergeCells count="1"><mergeCell ref="E1:F2"/></mergeCells>\
            <dataValidations count="1"><dataValidation type="list" sqref="A2:A9"><formula1>"Có,Không"</formula1></dataValidation></dataValidations>
            """),
        F.Sheet("Tiền", #"<sheetData><row r="1"><c r="A1"><v>1</v></c><c><v>2</v></c></row><row><c r="A2"><f>A1+B1</f><v>3</v></c></row></sheetData>"#,
                state: "hidden"),
    ], sharedStrings: ["<si><t>Mã xã</t></si>", "<si><r><t>Số </t></r><r><t>tiền</t></r></si>", "<si><t>Đại Sơn</t></si>"],
       styles: ##"<numFmts><numFmt numFmtId="164" formatCode="#,##0.000"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs>"##,
       title: "Thử")

    /// Counts of what the mutated files gave, over all cases.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [String: Int] = [:]

        func add(_ outcome: String) {
            lock.lock()
            outcomes[outcome, default: 0] += 1
            lock.unlock()
        }

        var counts: [String: Int] {
            lock.lock()
            defer { lock.unlock() }
            return outcomes
        }
    }

    static func outcome(_ data: Data) -> String {
        do {
            let document = try XLSXDocument(data: data, name: "mutated.xlsx")
            // A document that reads answers every question about itself.
            for sheet in document.sheets {
                _ = sheet.usedRange
                for cell in sheet.cells { _ = (cell.text, cell.number, cell.date, sheet.displayedCell(at: cell.address)) }
            }
            return "read"
        } catch {
            #expect(error.description.hasPrefix("mutated.xlsx: "))
            return "\(error.problem)".prefix { $0 != "(" }.description
        }
    }

    @Test func theUndamagedWorkbookReads() throws {
        let document = try XLSXDocument(data: try F.zip(Self.parts))
        let sheet = try document.sheet(named: "Xã")
        #expect(sheet["D3"]?.formula == "B3*2")
        #expect(sheet["C2"]?.date?.description == "2023-03-15")
        #expect(try document.sheet(named: "Tiền")["A2"]?.formula == "A1+B1")
    }

    /// Bit flips, cuts and overwritten runs anywhere in the zip's bytes.
    @Test func damagedBytes() async throws {
        let original = try F.zip(Self.parts)
        let tally = Tally()
        await propertyCheck(count: 400, input: Gen.int(in: 0...3), Gen.int(in: 0...Int.max).array(of: 1...6)) { kind, numbers in
            var data = original
            switch kind {
            case 0:
                for number in numbers { data[number % data.count] ^= UInt8(1 << (number % 8)) }
            case 1:
                data = data.prefix(numbers[0] % data.count)
            case 2:
                let start = numbers[0] % data.count
                for (offset, number) in numbers.enumerated() where start + offset < data.count { data[start + offset] = UInt8(truncatingIfNeeded: number) }
            default:
                // A run copied over another place: headers and data where they do not belong.
                let from = numbers[0] % data.count, to = (numbers.last ?? 0) % data.count, length = min(64, data.count - max(from, to))
                data.replaceSubrange(to..<(to + length), with: data[from..<(from + length)])
            }
            tally.add(Self.outcome(data))
        }
        #expect(tally.counts.values.reduce(0, +) == 400)
        #expect(tally.counts["damagedZip", default: 0] > 0)
    }

    /// The XML of one part damaged, then zipped soundly: cuts, deleted and repeated runs, and a
    /// character replaced by one that matters to XML or to a cell reference.
    @Test func damagedXML() async throws {
        let tally = Tally()
        let replacements: [Character] = ["<", ">", "&", "\"", "/", "=", "0", "9", "A", "Z", ":", " ", "\u{1}", "đ"]
        await propertyCheck(count: 600, input: Gen.int(in: 0...Int.max).array(of: 4...4)) { numbers throws in
            var parts = Self.parts
            let partIndex = numbers[0] % parts.count
            var text = Array(parts[partIndex].1)
            let position = numbers[1] % max(text.count, 1)
            let length = min(numbers[2] % 40 + 1, text.count - position)
            switch numbers[3] % 4 {
            case 0: text = Array(text.prefix(position))
            case 1: text.removeSubrange(position..<(position + length))
            case 2: text.insert(contentsOf: text[position..<(position + length)], at: position)
            default: text[position] = replacements[numbers[2] % replacements.count]
            }
            parts[partIndex].1 = String(text)
            tally.add(Self.outcome(try F.zip(parts)))
        }
        let counts = tally.counts
        #expect(counts.values.reduce(0, +) == 600)
        // The damage reaches the parsers: malformed XML and cells Excel would not write are both seen.
        #expect(counts["malformedXML", default: 0] > 0)
        #expect(counts["read", default: 0] > 0)
        #expect(counts.keys.count >= 5, "\(counts)")
    }
}
