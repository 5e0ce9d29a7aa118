import Foundation
import Testing
@testable import XLSXSwift

/// What the reader makes of packages built here from XML text, as Excel and other writers store them:
/// each kind of cell value, dates in both systems, formulas with their results, sparse rows, merges,
/// sheets, panes, widths and list validations.
@Suite struct ReaderValueTests {
    typealias F = PackageFixture

    @Test func sharedInlineAndRichTextStrings() throws {
        let strings = [
            "<si><t>Xã Đại Sơn</t></si>",
            // Rich text: the runs concatenated, the phonetic reading (rPh) left out.
            #"<si><r><rPr><b/></rPr><t>Quảng </t></r><r><t xml:space="preserve">Hòa </t></r><rPh sb="0" eb="1"><t>KANA</t></rPh></si>"#,
            "<si><t>Dòng 1_x000D_\nDòng 2 _x005F_x0041_</t></si>",
            "<si><t/></si>",
        ]
        let body = """
            <sheetData><row r="1">\
            <c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c>\
            <c r="E1" t="inlineStr"><is><t>inline</t></is></c>\
            <c r="F1" t="inlineStr"><is><r><t>a</t></r><r><rPr><i/></rPr><t>b</t></r></is></c>\
            </row></sheetData>
            """
        let sheet = try F.read(F.sheet(body, sharedStrings: strings)).sheet(named: "S")
        #expect(sheet["A1"]?.value == .text("Xã Đại Sơn"))
        #expect(sheet["B1"]?.value == .text("Quảng Hòa "))
        #expect(sheet["C1"]?.value == .text("Dòng 1\r\nDòng 2 _x0041_"))
        #expect(sheet["D1"]?.value == .text(""))
        #expect(sheet["E1"]?.value == .text("inline"))
        #expect(sheet["F1"]?.value == .text("ab"))
        #expect(sheet["A1"]?.numberFormat == "General")
    }

    @Test func numbersKeepTheDecimalTheFileWrites() throws {
        let values = ["1234.567", "-0.5", "1.5E-3", "0.1", "12345678901234567890", "1E-300", "007"]
        let cells = values.enumerated().map { #"<c r="A\#($0.offset + 1)"><v>\#($0.element)</v></c>"# }
        let body = "<sheetData>" + cells.enumerated().map { #"<row r="\#($0.offset + 1)">\#($0.element)</row>"# }.joined() + "</sheetData>"
        let sheet = try F.read(F.sheet(body)).sheet(named: "S")
        for (index, text) in values.enumerated() {
            let cell = try #require(sheet[index, 0])
            #expect(cell.text == text)
            #expect(cell.double == Double(text))
        }
        #expect(sheet["A1"]?.number == Decimal(string: "1234.567"))
        #expect(sheet["A3"]?.number == Decimal(string: "0.0015"))
        // 0.1 exactly, not the double nearest to it.
        #expect(sheet["A4"]?.number == Decimal(1) / Decimal(10))
        #expect(sheet["A5"]?.number == Decimal(string: "12345678901234567890"))
        // Beyond Decimal's exponents: no Decimal, but the double.
        #expect(sheet["A6"]?.number == nil)
        #expect(sheet["A6"]?.double == 1e-300)
        #expect(sheet["A7"]?.number == 7)
    }

    @Test func booleansErrorsAndFormulasWithTheirResults() throws {
        let body = """
            <sheetData><row r="1">\
            <c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><v>#DIV/0!</v></c>\
            <c r="D1"><f>SUM(A2:A3)</f><v>3</v></c>\
            <c r="E1" t="str"><f>A2&amp;"đ"</f><v>1đ</v></c>\
            <c r="F1" t="b"><f>A2&gt;0</f><v>1</v></c>\
            <c r="G1" t="e"><f>1/0</f><v>#DIV/0!</v></c>\
            <c r="H1"><f>A2*2</f></c>\
            <c r="I1" t="e"><v>#N/A</v></c>\
            </row><row r="2"><c r="A2"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c></row></sheetData>
            """
        let sheet = try F.read(F.sheet(body)).sheet(named: "S")
        #expect(sheet["A1"]?.value == .boolean(true))
        #expect(sheet["A1"]?.text == "TRUE")
        #expect(sheet["B1"]?.boolean == false)
        #expect(sheet["C1"]?.value == .error("#DIV/0!"))
        #expect(sheet["D1"]?.formula == "SUM(A2:A3)")
        #expect(sheet["D1"]?.number == 3)
        #expect(sheet["E1"]?.formula == "A2&\"đ\"")
        #expect(sheet["E1"]?.value == .text("1đ"))
        #expect(sheet["F1"]?.formula == "A2>0")
        #expect(sheet["F1"]?.boolean == true)
        #expect(sheet["G1"]?.value == .error("#DIV/0!"))
        // A formula stored without its result: the formula, no value.
        #expect(sheet["H1"]?.formula == "A2*2")
        #expect(sheet["H1"]?.value == nil)
        #expect(sheet["H1"]?.text == "")
        #expect(sheet["I1"]?.text == "#N/A")
    }

    static let dateStyles = """
        <numFmts count="4"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[Red]#,##0"/>\
        <numFmt numFmtId="166" formatCode="h:mm"/><numFmt numFmtId="167" formatCode="0.00&quot; m&quot;"/></numFmts>\
        <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
        <cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="164"/><xf numFmtId="165"/>\
        <xf numFmtId="166"/><xf numFmtId="167"/></cellXfs>
        """

    /// Cells in column A, one per row, with style `s` and value `v`.
    static func column(_ cells: [(style: Int, value: String)]) -> String {
        "<sheetData>" + cells.enumerated().map { index, cell in
            #"<row r="\#(index + 1)"><c r="A\#(index + 1)" s="\#(cell.style)"><v>\#(cell.value)</v></c></row>"#
        }.joined() + "</sheetData>"
    }

    @Test func datesInThe1900SystemWithItsLeapYearBug() throws {
        let body = Self.column([(1, "45000"), (2, "45000.5"), (3, "1"), (3, "59"), (3, "60"), (3, "61"), (3, "0"), (5, "0.75"),
                                (4, "45000"), (6, "45000"), (0, "45000"), (1, "-1"), (1, "2958465"), (1, "2958466")])
        let sheet = try F.read(F.sheet(body, styles: Self.dateStyles)).sheet(named: "S")
        func date(_ row: Int) -> String? { sheet[row, 0]?.date?.description }
        #expect(date(0) == "2023-03-15")
        #expect(date(1) == "2023-03-15T12:00:00")
        #expect(date(2) == "1900-01-01")
        #expect(date(3) == "1900-02-28")
        // Serial 60 is the 29 February 1900 that Excel shows and the calendar never had.
        #expect(date(4) == "1900-02-29")
        #expect(sheet[4, 0]?.date?.date(in: TimeZone(identifier: "UTC")!) == nil)
        #expect(date(5) == "1900-03-01")
        #expect(date(6) == "1900-01-00")
        #expect(date(7) == "1900-01-00T18:00:00")
        // [Red]#,##0 and 0.00" m" are numbers: a colour and quoted text are no date.
        #expect(sheet[8, 0]?.number == 45000)
        #expect(sheet[8, 0]?.numberFormat == "[Red]#,##0")
        #expect(sheet[9, 0]?.number == 45000)
        #expect(sheet[10, 0]?.number == 45000)
        // Excel shows no date before serial 0 or after 31 December 9999: the number stays.
        #expect(sheet[11, 0]?.number == -1)
        #expect(date(12) == "9999-12-31")
        #expect(sheet[13, 0]?.number == 2958466)
        // The serial is kept: text gives it, and the date gives it back.
        #expect(sheet[0, 0]?.text == "45000")
        #expect(sheet[0, 0]?.date?.serial?.text == "45000")
        #expect(sheet[0, 0]?.numberFormat == "mm-dd-yy")
        let utc = TimeZone(identifier: "UTC")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        #expect(sheet[1, 0]?.date?.date(in: utc) == calendar.date(from: DateComponents(year: 2023, month: 3, day: 15, hour: 12)))
    }

    @Test func datesInThe1904System() throws {
        let body = Self.column([(1, "0"), (1, "43538"), (2, "43538.25")])
        let document = try F.read(F.sheet(body, styles: Self.dateStyles, workbookProperties: #"<workbookPr date1904="1"/>"#))
        #expect(document.dateSystem == .from1904)
        let sheet = try document.sheet(named: "S")
        #expect(sheet[0, 0]?.date?.description == "1904-01-01")
        #expect(sheet[1, 0]?.date?.description == "2023-03-15")
        #expect(sheet[2, 0]?.date?.description == "2023-03-15T06:00:00")
    }

    @Test func isoDatesOfTypeD() throws {
        let body = """
            <sheetData><row r="1"><c r="A1" t="d"><v>2024-03-01T13:45:00</v></c><c r="B1" t="d"><v>2024-02-29</v></c>\
            <c r="C1" t="d"><v>2024-03-01T13:45:00.250Z</v></c></row></sheetData>
            """
        let sheet = try F.read(F.sheet(body)).sheet(named: "S")
        #expect(sheet["A1"]?.date == XLSXDocument.DateTime(year: 2024, month: 3, day: 1, hour: 13, minute: 45))
        #expect(sheet["A1"]?.text == "2024-03-01T13:45:00")
        #expect(sheet["B1"]?.date?.description == "2024-02-29")
        #expect(sheet["C1"]?.date?.minute == 45)
    }

    /// Serials from 61 on are days after 30 December 1899; the reader's calendar arithmetic agrees with
    /// Foundation's Gregorian calendar on every one of them, with the time of day to the second.
    @Test func serialsAgreeWithFoundationsCalendar() throws {
        let utc = TimeZone(identifier: "UTC")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let origin = try #require(calendar.date(from: DateComponents(year: 1899, month: 12, day: 30)))
        var serial = 61.0
        while serial < XLSXDocument.DateTime.lastSerial {
            for fraction in [0.0, 0.5, 0.999988] {
                let number = try #require(XLSXDocument.Number(String(serial + fraction)))
                let date = try #require(XLSXDocument.DateTime(serial: number, system: .from1900))
                let seconds = (fraction * 86_400).rounded()
                let expected = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                    from: origin.addingTimeInterval(serial * 86_400 + seconds))
                #expect([date.year, date.month, date.day, date.hour, date.minute, date.second]
                    == [expected.year, expected.month, expected.day, expected.hour, expected.minute, expected.second], "\(serial)")
                // The 1904 system counts the same days from 1 January 1904, 1,462 days later.
                if serial >= 1_462 {
                    let shifted = try #require(XLSXDocument.Number(String(serial - 1_462)))
                    let from1904 = try #require(XLSXDocument.DateTime(serial: shifted, system: .from1904))
                    #expect(from1904.year == date.year && from1904.month == date.month && from1904.day == date.day, "\(serial)")
                }
            }
            serial += 997
        }
    }

    @Test func sparseRowsAndCellsWithoutReferences() throws {
        // A cell without r follows the one before it; a row without r the row before it.
        let body = """
            <sheetData><row r="1"><c r="B1"><v>1</v></c><c><v>2</v></c><c r="E1" s="0"/><c><v>4</v></c></row>\
            <row r="5"><c><v>5</v></c></row><row><c><v>6</v></c><c><v>7</v></c></row></sheetData>
            """
        let sheet = try F.read(F.sheet(body)).sheet(named: "S")
        #expect(sheet.rows.map(\.number) == [1, 5, 6])
        #expect(sheet.row(0).cells.map(\.address.description) == ["B1", "C1", "F1"])
        #expect(sheet["F1"]?.number == 4)
        #expect(sheet["E1"] == nil)
        #expect(sheet.row(number: 3).cells.isEmpty)
        #expect(sheet.row(4)[0]?.number == 5)
        #expect(sheet.row(number: 6)["B"]?.number == 7)
        #expect(sheet.usedRange == CellRange(0, 0, 5, 5))
        #expect(sheet.cells.compactMap(\.number) == [1, 2, 4, 5, 6, 7])
        #expect(sheet[0, 4] == nil && sheet[CellAddress(row: 5, column: 1)]?.number == 7)
    }

    @Test func mergedRangesShowTheirTopLeftValue() throws {
        let body = """
            <sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Tổng hợp</t></is></c></row>\
            <row r="5"><c r="E5"><v>9</v></c></row></sheetData>\
            <mergeCells count="2"><mergeCell ref="A1:C2"/><mergeCell ref="E5:E9"/></mergeCells>
            """
        let sheet = try F.read(F.sheet(body)).sheet(named: "S")
        #expect(sheet.merges.map(\.description) == ["A1:C2", "E5:E9"])
        #expect(sheet.displayedCell(at: CellAddress(reference: "B2")!)?.text == "Tổng hợp")
        #expect(sheet.displayedCell(at: CellAddress(reference: "E7")!)?.number == 9)
        #expect(sheet.displayedCell(at: CellAddress(reference: "D4")!) == nil)
        #expect(sheet.mergedRange(containing: CellAddress(reference: "C1")!)?.description == "A1:C2")
        #expect(sheet.mergedRange(containing: CellAddress(reference: "D1")!) == nil)
        #expect(sheet["B2"] == nil)
    }

    @Test func sheetsKeepTheirOrderStateAndNames() throws {
        let parts = F.workbook([F.Sheet("Tổng hợp", "<sheetData/>"), F.Sheet("Ẩn", "<sheetData/>", state: "hidden"),
                                F.Sheet("Macro", "<sheetData/>", state: "veryHidden")], title: "Kế hoạch")
        let document = try F.read(parts)
        #expect(document.sheetNames == ["Tổng hợp", "Ẩn", "Macro"])
        #expect(document.sheets.map(\.visibility) == [.visible, .hidden, .veryHidden])
        #expect(document.properties.title == "Kế hoạch")
        // As Excel does: regardless of case, and of composed or decomposed Unicode.
        #expect(try document.sheet(named: "TỔNG HỢP").name == "Tổng hợp")
        #expect(try document.sheet(named: "Tổng hợp".decomposedStringWithCanonicalMapping).name == "Tổng hợp")
        #expect(document.file == "fixture.xlsx")
    }

    @Test func columnWidthsFrozenPanesAndListValidations() throws {
        let body = """
            <sheetViews><sheetView workbookViewId="0"><pane xSplit="2" ySplit="3" topLeftCell="C4" activePane="bottomRight" state="frozen"/>\
            </sheetView><sheetView workbookViewId="1"><pane xSplit="7" ySplit="9" state="frozen"/></sheetView></sheetViews>\
            <cols><col min="1" max="1" width="24.5" customWidth="1"/><col min="3" max="5" width="9"/><col min="6" max="6" style="1"/></cols>\
            <sheetData/>\
            <dataValidations count="2"><dataValidation type="list" allowBlank="1" sqref="B2:B10 D2"><formula1>&quot;Có,Không,&quot;&quot;Khác&quot;&quot;&quot;</formula1>\
            </dataValidation><dataValidation type="list" sqref="E2:E5"><formula1>$H$1:$H$3</formula1></dataValidation>\
            <dataValidation type="whole" sqref="F2"><formula1>0</formula1></dataValidation></dataValidations>\
            <extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">\
            <x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list">\
            <x14:formula1><xm:f>'Danh mục'!$A$1:$A$5</xm:f></x14:formula1><xm:sqref>G2:G50</xm:sqref></x14:dataValidation>\
            </x14:dataValidations></ext></extLst>
            """
        let sheet = try F.read(F.sheet(body)).sheet(named: "S")
        #expect(sheet.frozenRows == 3 && sheet.frozenColumns == 2)
        #expect(sheet.columnWidth(0) == 24.5)
        #expect(sheet.columnWidth(1) == nil)
        #expect(sheet.columnWidth(2) == 9 && sheet.columnWidth(4) == 9)
        #expect(sheet.columnWidth(5) == nil)
        #expect(sheet.listValidations == [
            XLSXDocument.ListValidation(ranges: [CellRange(1, 1, 9, 1), CellRange(1, 3, 1, 3)], source: .values(["Có", "Không", "\"Khác\""])),
            XLSXDocument.ListValidation(ranges: [CellRange(1, 4, 4, 4)], source: .formula("$H$1:$H$3")),
            XLSXDocument.ListValidation(ranges: [CellRange(1, 6, 49, 6)], source: .formula("'Danh mục'!$A$1:$A$5")),
        ])
    }

    @Test func sharedFormulasAreMovedToEachCell() throws {
        let body = """
            <sheetData><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c><c r="C2"><f t="shared" ref="C2:D4" si="0">A2*$B$2+SUM(A$2:A2)</f><v>4</v></c>\
            <c r="D2"><f t="shared" si="0"/><v>6</v></c></row>\
            <row r="3"><c r="C3"><f t="shared" si="0"/><v>0</v></c></row></sheetData>
            """
        let sheet = try F.read(F.sheet(body)).sheet(named: "S")
        #expect(sheet["C2"]?.formula == "A2*$B$2+SUM(A$2:A2)")
        #expect(sheet["D2"]?.formula == "B2*$B$2+SUM(B$2:B2)")
        #expect(sheet["C3"]?.formula == "A3*$B$2+SUM(A$2:A3)")
        #expect(sheet["D2"]?.number == 6)
    }

    /// Prefixed element names (as the Open XML SDK writes) and Strict OOXML's namespaces read as the usual ones.
    @Test func prefixedAndStrictNamespaces() throws {
        let strictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main"
        let strictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships"
        let parts: [(String, String)] = [
            ("_rels/.rels", #"<Relationships xmlns="\#(F.packageRelationships)"><Relationship Id="rId1" Type="\#(strictRelationships)/officeDocument" Target="/xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", #"<x:workbook xmlns:x="\#(strictMain)" xmlns:rel="\#(strictRelationships)"><x:sheets><x:sheet name="Dữ liệu" sheetId="1" rel:id="rId7"/></x:sheets></x:workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="\#(F.packageRelationships)"><Relationship Id="rId7" Type="\#(strictRelationships)/worksheet" Target="./sheets/../worksheets/data.xml"/></Relationships>"#),
            ("xl/worksheets/data.xml", #"<x:worksheet xmlns:x="\#(strictMain)"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>ok</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>"#),
        ]
        let document = try F.read(parts)
        #expect(try document.sheet(named: "Dữ liệu")["A1"]?.text == "ok")
    }

    /// A part name is a URI: the archive may hold it percent-encoded (as the standard says) or decoded
    /// (as some writers do), and either is found from the relationship's target.
    @Test func percentEncodedPartNames() throws {
        for (stored, target) in [("xl/worksheets/sheet%201.xml", "worksheets/sheet%201.xml"), ("xl/worksheets/bảng 1.xml", "worksheets/b%E1%BA%A3ng%201.xml")] {
            let parts = F.sheet(#"<sheetData><row r="1"><c r="A1"><v>5</v></c></row></sheetData>"#).map { path, xml in
                switch path {
                case "xl/worksheets/sheet1.xml": (stored, xml)
                case "xl/_rels/workbook.xml.rels": (path, xml.replacingOccurrences(of: "worksheets/sheet1.xml", with: target))
                default: (path, xml)
                }
            }
            #expect(try F.read(parts).sheet(named: "S")["A1"]?.number == 5, "\(stored)")
        }
    }

    @Test func aChartSheetIsListedWithoutCells() throws {
        var parts = F.workbook([F.Sheet("Data", "<sheetData/>")])
        parts = parts.map { path, xml in
            switch path {
            case "xl/workbook.xml": (path, xml.replacingOccurrences(of: "</sheets>", with: #"<sheet name="Biểu đồ" sheetId="2" r:id="rIdC"/></sheets>"#))
            case "xl/_rels/workbook.xml.rels":
                (path, xml.replacingOccurrences(of: "</Relationships>", with: #"<Relationship Id="rIdC" Type="\#(F.relationships)/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>"#))
            default: (path, xml)
            }
        }
        parts.append(("xl/chartsheets/sheet1.xml", #"<chartsheet xmlns="\#(F.main)"/>"#))
        let document = try F.read(parts)
        #expect(document.sheets.map(\.kind) == [.worksheet, .chartsheet])
        #expect(try document.sheet(named: "Biểu đồ").rows.isEmpty)
    }

    @Test func rowsAndCellsOutOfOrderAreSorted() throws {
        let body = """
            <sheetData><row r="3"><c r="C3"><v>3</v></c><c r="A3"><v>1</v></c></row><row r="1"><c r="A1"><v>0</v></c></row>\
            <row r="3"><c r="B3"><v>2</v></c></row></sheetData>
            """
        let sheet = try F.read(F.sheet(body)).sheet(named: "S")
        #expect(sheet.rows.map(\.number) == [1, 3])
        #expect(sheet.row(2).cells.compactMap(\.number) == [1, 2, 3])
        #expect(sheet.row(2)["B"]?.number == 2)
    }

    /// ZIP64 archives (as writers of large files make them) and entries whose local header leaves the
    /// sizes to a data descriptor (as streaming writers do) read like any other.
    @Test func zip64AndDataDescriptors() throws {
        let parts = F.sheet(#"<sheetData><row r="1"><c r="A1"><v>42</v></c></row></sheetData>"#)
        let zip = try F.zip(parts)
        #expect(try XLSXDocument(data: F.zip64(zip)).sheet(named: "S")["A1"]?.number == 42)
        var streamed = zip
        let sheetPart = "xl/worksheets/sheet1.xml"
        let (central, local) = try #require(F.headers(of: sheetPart, in: zip))
        streamed[central + 8] |= 8
        streamed[local + 6] |= 8
        for field in [14, 18, 22] { F.put(0, at: local + field, in: &streamed) }
        #expect(try XLSXDocument(data: streamed).sheet(named: "S")["A1"]?.number == 42)
    }

    @Test func storedPartsReadLikeDeflatedOnes() throws {
        let parts = F.sheet(#"<sheetData><row r="1"><c r="A1"><v>42</v></c></row></sheetData>"#)
        let document = try XLSXDocument(data: try F.zip(parts, method: .none))
        #expect(try document.sheet(named: "S")["A1"]?.number == 42)
    }
}
