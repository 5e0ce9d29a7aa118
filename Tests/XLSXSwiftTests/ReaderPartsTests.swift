import Foundation
import PropertyBased
import Testing
@testable import XLSXSwift

/// The reader's small parts checked on their own: references, number formats, SpreadsheetML's
/// escapes, shared formulas, and the merged-range index against a brute-force search.
@Suite struct ReaderPartsTests {
    @Test func cellReferences() {
        #expect(CellAddress(reference: "A1") == CellAddress(row: 0, column: 0))
        #expect(CellAddress(reference: "$C$7") == CellAddress(row: 6, column: 2))
        #expect(CellAddress(reference: "XFD1048576") == CellAddress(row: 1_048_575, column: 16_383))
        for bad in ["", "A", "1", "A0", "XFE1", "A1048577", "AAAA1", "A1B", "1A", "A-1", "A 1", "Ａ1", "A12345678"] {
            #expect(CellAddress(reference: bad) == nil, "\(bad)")
        }
        #expect(CellAddress.column(named: "AB") == 27)
        #expect(CellAddress.column(named: "XFE") == nil)
        #expect(CellAddress(row: 6, column: 2).columnName == "C")
        #expect(CellRange(reference: "B2:D4") == CellRange(1, 1, 3, 3))
        #expect(CellRange(reference: "C3") == CellRange(2, 2, 2, 2))
        #expect(CellRange(reference: "D4:B2") == nil)
        #expect(CellRange(reference: "A1:B2:C3") == nil)
    }

    /// Every column name the writer makes parses back to its column.
    @Test func columnNamesParseBack() {
        for column in 0..<XLSXLimits.columns {
            #expect(CellAddress.column(named: CellAddress.columnName(column)) == column)
        }
    }

    @Test func dateFormatsAreTold() {
        for id in 0...49 { #expect(NumberFormat(builtIn: id).isDate == ((14...22).contains(id) || (45...47).contains(id)), "\(id)") }
        let dates = ["dd/mm/yyyy", "d-mmm-yy", "yyyy", "h:mm:ss", "[h]:mm", "mm:ss.0", "[$-42A]dd/mm/yyyy", "dd/mm/yyyy;@", "mmmm d, yyyy h:mm AM/PM"]
        let numbers = ["General", "0", "#,##0.000", "[Red]#,##0", "#,##0;[Red]-#,##0", "0.00\" m\"", "#,##0\\ \"đ\"", "0.00E+00", "@",
                       "_-* #,##0_-;-* #,##0_-;_-* \"-\"_-;_-@_-", "[>=100]0;0.0", "#,##0;;\"dd\"", "0%"]
        for code in dates { #expect(NumberFormat(custom: code).isDate, "\(code)") }
        for code in numbers { #expect(!NumberFormat(custom: code).isDate, "\(code)") }
    }

    @Test func spreadsheetEscapes() {
        #expect(XMLText.unescape("a_x000D_b") == "a\rb")
        #expect(XMLText.unescape("_x005F_x000D_") == "_x000D_")
        #expect(XMLText.unescape("_x00e9_t_x00E9_") == "été")
        #expect(XMLText.unescape("_xZZZZ_ _x12_ x000D_") == "_xZZZZ_ _x12_ x000D_")
        #expect(XMLText.unescape("_xD800_") == "_xD800_")
        #expect(XMLText.length("đ", beyond: 0) == 1)
        #expect(XMLText.length(String(repeating: "🙂", count: 3), beyond: 5) == 6)
        #expect(XMLText.length("abc", beyond: 3) == nil)
    }

    /// The UTF-8 check agrees with the standard library's decoder on random bytes and on every
    /// boundary of the well-formed table.
    @Test func utf8CheckAgreesWithTheStandardLibrary() async {
        func swiftSays(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }
        let edges: [[UInt8]] = [[0x7F], [0xC2, 0x80], [0xC1, 0xBF], [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0x9F, 0xBF],
                                [0xED, 0xA0, 0x80], [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
                                [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE1, 0x80], [0xC3]]
        for bytes in edges { #expect((PartParser.firstInvalidUTF8(Data(bytes)) == nil) == swiftSays(bytes), "\(bytes)") }
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...255).array(of: 0...12)) { values in
            let bytes = values.map(UInt8.init) + Array("Tổng".utf8)
            #expect((PartParser.firstInvalidUTF8(Data(bytes)) == nil) == swiftSays(bytes), "\(bytes)")
        }
    }

    @Test func sharedFormulasMoveTheirRelativeReferences() {
        let cases: [(String, Int, Int, String)] = [
            ("A1+B1", 1, 0, "A2+B2"),
            ("$A$1+A$1+$A1+A1", 2, 3, "$A$1+D$1+$A3+D3"),
            ("SUM(A1:A3)*LOG10(B2)", 1, 1, "SUM(B2:B4)*LOG10(C3)"),
            ("Sheet1!B2+'Tổng hợp'!C3+'It''s A1'!A1", 1, 0, "Sheet1!B3+'Tổng hợp'!C4+'It''s A1'!A2"),
            ("\"A1\"&A1&\"say \"\"B2\"\"\"", 0, 1, "\"A1\"&B1&\"say \"\"B2\"\"\""),
            ("SUM(A:A)+SUM($B:C)+SUM(1:1)+SUM($2:3)", 1, 1, "SUM(B:B)+SUM($B:D)+SUM(2:2)+SUM($2:4)"),
            ("Table1[Amount]+Tab1[[#This Row],[A1]]", 1, 1, "Table1[Amount]+Tab1[[#This Row],[A1]]"),
            ("IF(TRUE,#N/A,#REF!)+1.5E+3+2", 5, 5, "IF(TRUE,#N/A,#REF!)+1.5E+3+2"),
            ("[1]Sheet1!A1+Tổng", 1, 0, "[1]Sheet1!A2+Tổng"),
            ("A1048576+XFD1", 1, 1, "#REF!+#REF!"),
            ("ABC1", 0, 1, "ABD1"),
        ]
        for (formula, rows, columns, expected) in cases {
            #expect(SharedFormula.translate(formula, rows: rows, columns: columns) == expected, "\(formula)")
        }
    }

    /// The index finds the range holding a cell exactly when a search through every range does, and
    /// refuses exactly the sets of ranges in which two overlap, naming two that do.
    @Test func mergeIndexAgreesWithBruteForce() async {
        let ranges = zip(Gen.int(in: 0...40), Gen.int(in: 0...12), Gen.int(in: 0...6), Gen.int(in: 0...4)).array(of: 0...25)
        let queries = zip(Gen.int(in: 0...50), Gen.int(in: 0...20)).array(of: 30...30)
        await propertyCheck(count: 500, input: ranges, queries) { specs, points in
            let merges = specs.map { CellRange($0.0, $0.1, $0.0 + $0.2, $0.1 + $0.3) }
            func overlap(_ a: CellRange, _ b: CellRange) -> Bool {
                a.first.row <= b.last.row && b.first.row <= a.last.row && a.first.column <= b.last.column && b.first.column <= a.last.column
            }
            let anyOverlap = merges.indices.contains { i in merges.indices.contains { j in i < j && overlap(merges[i], merges[j]) } }
            do {
                let index = try MergeIndex(merges)
                #expect(!anyOverlap)
                for (row, column) in points {
                    let address = CellAddress(row: row, column: column)
                    #expect(index.range(containing: address) == merges.firstIndex { $0.contains(address) }, "\(address) in \(merges)")
                }
            } catch let error as MergeIndex.OverlapError {
                #expect(anyOverlap)
                #expect(overlap(error.first, error.second) && error.first != error.second || merges.filter { $0 == error.first }.count > 1)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// The decimal built from a number's digits is the one Foundation parses from its text, for texts
    /// of every shape the syntax allows.
    @Test func decimalsFromDigitsAgreeWithFoundation() async {
        let posix = Locale(identifier: "en_US_POSIX")
        let shapes = zip(Gen.int(in: 0...2), Gen.int(in: 0...9_999_999_999).array(of: 1...3), Gen.int(in: 0...4), Gen.int(in: -130...130))
        await propertyCheck(count: 1_000, input: shapes) { sign, groups, shape, exponent in
            let digits = groups.map(String.init).joined()
            let body = switch shape {
            case 0: digits
            case 1: "\(digits.prefix(digits.count / 2)).\(digits.dropFirst(digits.count / 2))"
            case 2: "0.000\(digits)"
            case 3: "\(digits)E\(exponent)"
            default: ".\(digits)e+\(abs(exponent))"
            }
            let text = ["", "-", "+"][sign] + body
            let number = XLSXDocument.Number(text)
            #expect(number != nil, "\(text)")
            #expect(number?.decimal == Decimal(string: text, locale: posix), "\(text)")
        }
    }

    @Test func numbersRoundToSignificantDigits() throws {
        func rounded(_ text: String, _ digits: Int = 15) -> Decimal? { XLSXDocument.Number(text)?.decimal(significantDigits: digits) }
        #expect(rounded("89.09399999999999") == Decimal(string: "89.094"))
        #expect(rounded("995011148.1210001") == Decimal(string: "995011148.121"))
        #expect(rounded("0.30000000000000004") == Decimal(string: "0.3"))
        #expect(rounded("-1.2345", 3) == Decimal(string: "-1.23"))
        #expect(rounded("1.235", 3) == Decimal(string: "1.24"))
        #expect(rounded("123456", 2) == 120_000)
        #expect(rounded("0") == 0)
        #expect(rounded("1234.5") == Decimal(string: "1234.5"))
        for bad in ["", "-", ".", "1e", "1.2.3", "0x10", "1,5", " 1", "NaN", "INF", "+-1", String(repeating: "1", count: 65)] {
            #expect(XLSXDocument.Number(bad) == nil, "\(bad)")
        }
    }
}
