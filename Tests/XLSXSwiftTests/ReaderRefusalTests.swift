import Foundation
import NTPFiles
import Testing
import ZIPFoundation
@testable import XLSXSwift

/// One crafted file for every refusal: each is refused with its own problem, naming the file (and the
/// part or sheet), never read half-way and never a crash or a hang.
@Suite struct ReaderRefusalTests {
    typealias F = PackageFixture
    typealias Problem = XLSXReadError.Problem

    static let oneCell = F.sheet(#"<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>"#)
    static let sheetPart = "xl/worksheets/sheet1.xml"

    /// The problem reading `data` gives, after checking that the message names the file.
    func problem(_ data: Data, limits: XLSXDocument.Limits = XLSXDocument.Limits(), sourceLocation: SourceLocation = #_sourceLocation) -> Problem? {
        guard let error = F.error(data, limits: limits) else {
            Issue.record("the file was read", sourceLocation: sourceLocation)
            return nil
        }
        #expect(error.description.hasPrefix("fixture.xlsx: "), "\(error)", sourceLocation: sourceLocation)
        return error.problem
    }

    func problem(_ parts: [(String, String)], limits: XLSXDocument.Limits = XLSXDocument.Limits(), sourceLocation: SourceLocation = #_sourceLocation) throws -> Problem? {
        problem(try F.zip(parts), limits: limits, sourceLocation: sourceLocation)
    }

    /// The parts with `path`'s XML replaced.
    static func replacing(_ path: String, with xml: String, in parts: [(String, String)] = oneCell) -> [(String, String)] {
        parts.map { $0.0 == path ? (path, xml) : $0 }
    }

    static func sheetXML(_ body: String) -> String {
        F.declaration + #"<worksheet xmlns="\#(F.main)">\#(body)</worksheet>"#
    }

    // MARK: Not a workbook

    static func compoundFile(_ streams: [String]) -> Data {
        var data = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 504)
        for name in streams { data += Data(name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) + Data(count: 64) }
        return data
    }

    @Test func filesThatAreNotWorkbooksSayWhatTheyAre() throws {
        #expect(problem(Data()) == .emptyFile)
        #expect(problem(Self.compoundFile(["Root Entry", "Workbook", "SummaryInformation"])) == .legacyExcelWorkbook)
        #expect(problem(Self.compoundFile(["Root Entry", "EncryptionInfo", "EncryptedPackage"])) == .encryptedWorkbook)
        #expect(problem(Self.compoundFile(["Root Entry", "WordDocument"])) == .otherCompoundFile)
        #expect(problem(Data("Mã xã;Tên xã;Vốn\n001;Đại Sơn;1.234,5\n".utf8)) == .textFile(.csv))
        #expect(problem(Data([0xEF, 0xBB, 0xBF]) + Data("commune,amount\r\nA,1\r\n".utf8)) == .textFile(.csv))
        #expect(problem(Data("<html><body><table><tr><td>1</td></tr></table></body></html>".utf8)) == .textFile(.html))
        #expect(problem(Data(#"<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>"#.utf8))
            == .textFile(.spreadsheetXML2003))
        #expect(problem(Data("%PDF-1.7\n%âãÏÓ\n".utf8)) == .otherDocument(.pdf))
        #expect(problem(Data((0..<4_096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })) == .notAWorkbook)
        let message = try #require(F.error(Self.compoundFile(["Workbook"])))
        #expect(message.description == "fixture.xlsx: this is an Excel 97-2003 workbook (.xls), an older format the reader does not read; "
            + "open it in Excel and save it as an Excel Workbook (.xlsx)")
        #expect(F.error(Self.compoundFile(["EncryptedPackage"]))?.description.contains("password") == true)
    }

    @Test func zipArchivesOfOtherDocumentsSayWhatTheyAre() throws {
        let ods = [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<office:document-content/>")]
        #expect(try problem(ods) == .otherDocument(.openDocumentSpreadsheet))
        let docx = [("_rels/.rels", #"<Relationships xmlns="\#(F.packageRelationships)"><Relationship Id="rId1" Type="\#(F.relationships)/officeDocument" Target="word/document.xml"/></Relationships>"#),
                    ("word/document.xml", "<w:document/>")]
        #expect(try problem(docx) == .otherDocument(.wordDocument))
        let xlsb = [("_rels/.rels", #"<Relationships xmlns="\#(F.packageRelationships)"><Relationship Id="rId1" Type="\#(F.relationships)/officeDocument" Target="xl/workbook.bin"/></Relationships>"#),
                    ("xl/workbook.bin", "binary")]
        #expect(try problem(xlsb) == .otherDocument(.binaryWorkbook))
        #expect(try problem([("notes.txt", "hello")]) == .zipWithoutWorkbook)
    }

    @Test func filesThatCannotBeOpened() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func problem(_ url: URL, limits: XLSXDocument.Limits = XLSXDocument.Limits()) -> XLSXReadError? {
            do { _ = try XLSXDocument(contentsOf: url, limits: limits); return nil } catch { return error }
        }
        let missing = folder.appendingPathComponent("missing.xlsx")
        #expect(problem(missing) == XLSXReadError(file: missing.path, .cannotOpen(reason: "no such file")))
        #expect(problem(folder)?.problem == .cannotOpen(reason: "it is \(FileKind.folder.wording), not a file"))
        // A named pipe with no writer would block a plain read for ever.
        let pipe = folder.appendingPathComponent("pipe.xlsx")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        #expect(problem(pipe)?.problem == .cannotOpen(reason: "it is \(FileKind.fifo.wording), not a file"))
        let large = folder.appendingPathComponent("large.xlsx")
        try F.zip(Self.oneCell).write(to: large)
        var limits = XLSXDocument.Limits()
        limits.fileBytes = 100
        let size = try #require(try FileManager.default.attributesOfItem(atPath: large.path)[.size] as? Int)
        #expect(problem(large, limits: limits) == XLSXReadError(file: large.path, .limitExceeded(.fileBytes, limit: 100, found: size)))
        // And the file reads within the default limits, from its path.
        #expect(try XLSXDocument(contentsOf: large).file == large.path)
    }

    // MARK: Damaged packages

    @Test func truncatedZipArchives() throws {
        let zip = try F.zip(Self.oneCell)
        for length in [zip.count - 1, zip.count - 22, zip.count / 2, 30, 4] {
            #expect(problem(zip.prefix(length)) == .damagedZip(.noEndOfCentralDirectory), "\(length) bytes")
        }
    }

    @Test func damagedCentralDirectories() throws {
        let zip = try F.zip(Self.oneCell)
        let (central, _) = try #require(F.headers(of: Self.sheetPart, in: zip))
        var badSignature = zip
        badSignature[central] = 0
        #expect(problem(badSignature) == .damagedZip(.badCentralDirectoryEntry(index: Self.oneCell.firstIndex { $0.0 == Self.sheetPart }!)))
        // The directory said to start beyond the end of the file.
        var outside = zip
        let end = zip.count - 22
        F.put(UInt32(zip.count), at: end + 16, in: &outside)
        #expect(problem(outside) == .damagedZip(.centralDirectoryOutOfBounds))
        // A local header that is not one.
        var badLocal = zip
        let (_, local) = try #require(F.headers(of: Self.sheetPart, in: zip))
        badLocal[local + 1] = 0
        #expect(problem(badLocal) == .damagedZip(.badLocalHeader(path: Self.sheetPart)))
        // An entry said to lie beyond the central directory.
        var beyond = zip
        F.put(UInt32(zip.count), at: central + 42, in: &beyond)
        #expect(problem(beyond) == .damagedZip(.dataOutOfBounds(path: Self.sheetPart)))
    }

    @Test func aBadChecksumAndCorruptOrCutCompressedData() throws {
        var zip = try F.zip(Self.oneCell)
        let (central, local) = try #require(F.headers(of: Self.sheetPart, in: zip))
        var badCRC = zip
        F.setField(centralOffset: 16, of: Self.sheetPart, to: 0xDEAD_BEEF, in: &badCRC)
        let error = try #require(F.error(badCRC))
        #expect(error.problem == .damagedZip(.badChecksum(path: Self.sheetPart)))
        #expect(error.part == Self.sheetPart)
        #expect(error.description.contains("CRC-32"))
        // The compressed size cut to 3 bytes: the stream goes on past its data.
        var cut = zip
        F.setField(centralOffset: 20, of: Self.sheetPart, to: 3, in: &cut)
        #expect(problem(cut) == .damagedZip(.truncatedData(path: Self.sheetPart)))
        // Compressed bytes overwritten: corrupt data, or a checksum that does not match.
        let dataStart = local + 30 + Self.sheetPart.utf8.count
        for offset in 0..<4 { zip[dataStart + offset] ^= 0xFF }
        guard case .damagedZip? = problem(zip) else { Issue.record("overwritten compressed data read"); return }
        _ = central
    }

    @Test func zipFeaturesExcelNeverUses() throws {
        let zip = try F.zip(Self.oneCell)
        let (central, _) = try #require(F.headers(of: Self.sheetPart, in: zip))
        var encrypted = zip
        encrypted[central + 8] |= 1
        #expect(problem(encrypted) == .unsupportedZip(.encryptedEntries(path: Self.sheetPart)))
        var lzma = zip
        lzma[central + 10] = 14
        #expect(problem(lzma) == .unsupportedZip(.compressionMethod(14, path: Self.sheetPart)))
        var split = zip
        split[zip.count - 22 + 4] = 1
        #expect(problem(split) == .unsupportedZip(.multipleDisks))
    }

    @Test func partsThatAreMissing() throws {
        let noWorkbook = Self.oneCell.filter { $0.0 != "xl/workbook.xml" }
        #expect(try problem(noWorkbook) == .missingPart(path: "xl/workbook.xml", referencedBy: "_rels/.rels"))
        let noSheet = Self.oneCell.filter { $0.0 != Self.sheetPart }
        let error = try #require(try F.error(noSheet))
        #expect(error.problem == .missingPart(path: Self.sheetPart, referencedBy: "xl/_rels/workbook.xml.rels"))
        let elsewhere = Self.replacing("xl/_rels/workbook.xml.rels",
            with: #"<Relationships xmlns="\#(F.packageRelationships)"><Relationship Id="rId1" Type="\#(F.relationships)/worksheet" Target="worksheets/nothere.xml"/></Relationships>"#)
        #expect(try problem(elsewhere) == .missingPart(path: "xl/worksheets/nothere.xml", referencedBy: "xl/_rels/workbook.xml.rels"))
        let twice = Self.replacing("xl/_rels/workbook.xml.rels", with: #"<Relationships xmlns="\#(F.packageRelationships)">"#
            + #"<Relationship Id="rId1" Type="\#(F.relationships)/worksheet" Target="worksheets/sheet1.xml"/>"#
            + #"<Relationship Id="rId1" Type="\#(F.relationships)/worksheet" Target="worksheets/other.xml"/></Relationships>"#)
        #expect(try problem(twice) == .duplicateRelationship(id: "rId1"))
        let undefined = Self.replacing("xl/workbook.xml",
            with: #"<workbook xmlns="\#(F.main)" xmlns:r="\#(F.relationships)"><sheets><sheet name="S" sheetId="1" r:id="rId9"/></sheets></workbook>"#)
        let undefinedError = try #require(try F.error(undefined))
        #expect(undefinedError.problem == .undefinedRelationship(id: "rId9"))
        #expect(undefinedError.sheet == "S")
    }

    @Test func relationshipsOutsideThePackage() throws {
        for target in ["../../etc/passwd", "/../etc/passwd", "file:///etc/passwd", "http://example.com/sheet.xml", "..%2F..%2Fetc%2Fpasswd", "..\\..\\etc\\passwd"] {
            let parts = Self.replacing("xl/_rels/workbook.xml.rels",
                with: #"<Relationships xmlns="\#(F.packageRelationships)"><Relationship Id="rId1" Type="\#(F.relationships)/worksheet" Target="\#(target)"/></Relationships>"#)
            let error = try #require(try F.error(parts), "\(target)")
            #expect(error.problem == .relationshipOutsidePackage(target: target))
            #expect(error.part == "xl/_rels/workbook.xml.rels")
        }
        let external = Self.replacing("xl/_rels/workbook.xml.rels",
            with: #"<Relationships xmlns="\#(F.packageRelationships)"><Relationship Id="rId1" Type="\#(F.relationships)/worksheet" Target="sheet1.xml" TargetMode="External"/></Relationships>"#)
        #expect(try problem(external) == .relationshipOutsidePackage(target: "sheet1.xml"))
    }

    @Test func malformedXML() throws {
        let cases = [
            Self.sheetXML("<sheetData><row><c><v>1</v></row></sheetData>"),
            F.declaration + #"<worksheet xmlns="\#(F.main)"><sheetData>"#,
            "",
            "<w",
            "   not xml",
            Self.sheetXML(#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a\#u{1}b</t></is></c></row></sheetData>"#),
        ]
        for xml in cases {
            let error = try #require(try F.error(Self.replacing(Self.sheetPart, with: xml)), "\(xml)")
            guard case .malformedXML = error.problem else { Issue.record("\(error)"); continue }
            #expect(error.sheet == "S" && error.part == Self.sheetPart)
        }
        let wrongRoot = Self.replacing(Self.sheetPart, with: #"<chartsheet xmlns="\#(F.main)"/>"#)
        #expect(try problem(wrongRoot) == .unexpectedRootElement(expected: "worksheet", found: "chartsheet"))
        let invalidUTF8 = try F.zip(Self.oneCell.filter { $0.0 != Self.sheetPart }.map { ($0.0, Data($0.1.utf8)) }
            + [(Self.sheetPart, Data(Self.sheetXML(#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#).utf8) + Data([0xC3, 0x28]) + Data("</t></is></c></row></sheetData></worksheet>".utf8))])
        guard case .malformedXML = problem(invalidUTF8) else { Issue.record("invalid UTF-8 read"); return }
        // Bytes that are not UTF-8 in an attribute's name: libxml2 passes them on and Foundation's
        // parser would trap on them; the reader refuses them first, saying where.
        let name = Data(#"<?xml version="1.0"?>\#n<worksheet xmlns="\#(F.main)" cou"#.utf8) + Data([0xC9]) + Data(#"t="1"><sheetData/></worksheet>"#.utf8)
        let badName = try F.zip(Self.oneCell.filter { $0.0 != Self.sheetPart }.map { ($0.0, Data($0.1.utf8)) } + [(Self.sheetPart, name)])
        #expect(problem(badName) == .malformedXML(line: 2, column: 81, code: 9))
    }

    /// Entities are never declared, so never expanded: the billion laughs and external entities are
    /// refused before the parser sees them, also behind an encoding the check could not read.
    @Test func documentTypeDeclarationsAndOtherEncodings() throws {
        let laughs = """
            <?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
            <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\
            <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>\
            <worksheet xmlns="\(F.main)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>
            """
        let error = try #require(try F.error(Self.replacing(Self.sheetPart, with: laughs)))
        #expect(error.problem == .documentTypeDeclaration)
        #expect(error.sheet == "S")
        let external = #"<?xml version="1.0"?><!-- a comment first --><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst xmlns="\#(F.main)"><si><t>&xxe;</t></si></sst>"#
        let withStrings = F.sheet(#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>"#, sharedStrings: ["<si><t>x</t></si>"])
        let xxe = try #require(try F.error(Self.replacing("xl/sharedStrings.xml", with: external, in: withStrings)))
        #expect(xxe.problem == .documentTypeDeclaration)
        #expect(xxe.part == "xl/sharedStrings.xml")
        // A DTD in UTF-16 or behind a declared single-byte encoding cannot slip past the check.
        let utf16 = Data([0xFF, 0xFE]) + Data(laughs.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let parts = Self.oneCell.filter { $0.0 != Self.sheetPart }.map { ($0.0, Data($0.1.utf8)) }
        #expect(problem(try F.zip(parts + [(Self.sheetPart, utf16)])) == .xmlEncoding("UTF-16 or UTF-32"))
        let latin1 = #"<?xml version="1.0" encoding="ISO-8859-1"?><worksheet xmlns="\#(F.main)"><sheetData/></worksheet>"#
        #expect(try problem(Self.replacing(Self.sheetPart, with: latin1)) == .xmlEncoding("ISO-8859-1"))
    }

    // MARK: Zip bombs and absurd sizes

    /// A real zip bomb: 300 MiB of XML whitespace deflated to under a megabyte. With its honest size
    /// it is refused before a byte is inflated; with its size understated (as bombs do) inflating
    /// stops at the first chunk beyond the stated size.
    @Test func zipBombs() throws {
        let size = 300 << 20
        let head = Data(#"<worksheet xmlns="\#(F.main)"><sheetData>"#.utf8)
        let archive = try Archive(accessMode: .create)
        for (path, xml) in Self.oneCell where path != Self.sheetPart {
            let data = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, count in
                data.subdata(in: Int(position)..<(Int(position) + count))
            }
        }
        try archive.addEntry(with: Self.sheetPart, type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate, bufferSize: 1 << 20) { position, count in
            position == 0 ? head + Data(repeating: 0x20, count: count - head.count) : Data(repeating: 0x20, count: count)
        }
        let bomb = try #require(archive.data)
        #expect(bomb.count < 1 << 20)
        #expect(problem(bomb) == .limitExceeded(.partBytes, limit: XLSXDocument.Limits().partBytes, found: size))

        var understated = bomb
        F.setField(centralOffset: 24, of: Self.sheetPart, to: 1 << 20, in: &understated)
        #expect(problem(understated) == .damagedZip(.inflatesBeyondStatedSize(path: Self.sheetPart, stated: 1 << 20)))

        // Within the part limit, the ratio gives it away.
        var limits = XLSXDocument.Limits()
        limits.partBytes = 1 << 30
        #expect({ if case .limitExceeded(.compressionRatio, 250, _) = problem(bomb, limits: limits) { true } else { false } }())
    }

    @Test func absurdSizes() throws {
        // A part said to inflate to 2 GB.
        var claimed = try F.zip(Self.oneCell)
        F.setField(centralOffset: 24, of: Self.sheetPart, to: 0x8000_0000, in: &claimed)
        #expect(problem(claimed) == .limitExceeded(.partBytes, limit: 128 << 20, found: 0x8000_0000))
        var limits = XLSXDocument.Limits()
        limits.parts = 3
        #expect(try problem(Self.oneCell, limits: limits) == .limitExceeded(.parts, limit: 3, found: 4))
        limits = XLSXDocument.Limits()
        limits.totalBytes = 500
        guard case .limitExceeded(.totalBytes, 500, _)? = try problem(Self.oneCell, limits: limits) else {
            Issue.record("the total limit")
            return
        }
    }

    /// ZIP64 fields hold 64-bit sizes and offsets: any value, however absurd, is refused, not trusted.
    @Test func absurdZIP64Fields() throws {
        let zip = try F.zip(Self.oneCell)
        typealias V = F.ZIP64Values
        #expect(problem(F.zip64(zip, values: [Self.sheetPart: V(uncompressed: .max)])) == .limitExceeded(.partBytes, limit: 128 << 20, found: .max))
        #expect(problem(F.zip64(zip, values: [Self.sheetPart: V(uncompressed: 1 << 40)])) == .limitExceeded(.partBytes, limit: 128 << 20, found: 1 << 40))
        #expect(problem(F.zip64(zip, values: [Self.sheetPart: V(compressed: .max)])) == .damagedZip(.dataOutOfBounds(path: Self.sheetPart)))
        #expect(problem(F.zip64(zip, values: [Self.sheetPart: V(offset: .max - 10)])) == .damagedZip(.dataOutOfBounds(path: Self.sheetPart)))
        #expect(problem(F.zip64(zip, count: .max)) == .limitExceeded(.parts, limit: 10_000, found: .max))
        #expect(problem(F.zip64(zip, count: 9_999)) == .damagedZip(.badCentralDirectoryEntry(index: 4)))
    }

    @Test func sheetsCellsAndStringsBeyondTheLimits() throws {
        var limits = XLSXDocument.Limits()
        limits.sheets = 2
        let threeSheets = F.workbook([F.Sheet("A", "<sheetData/>"), F.Sheet("B", "<sheetData/>"), F.Sheet("C", "<sheetData/>")])
        #expect(try problem(threeSheets, limits: limits) == .limitExceeded(.sheets, limit: 2, found: 3))

        let row = "<sheetData><row r=\"1\">" + String(repeating: "<c><v>1</v></c>", count: 11) + "</row></sheetData>"
        limits = XLSXDocument.Limits()
        limits.cellsPerSheet = 10
        #expect(try problem(F.sheet(row), limits: limits) == .limitExceeded(.cellsPerSheet, limit: 10, found: 11))
        limits = XLSXDocument.Limits()
        limits.cells = 15
        let twoSheets = F.workbook([F.Sheet("A", row), F.Sheet("B", row)])
        #expect(try problem(twoSheets, limits: limits) == .limitExceeded(.cells, limit: 15, found: 16))

        limits = XLSXDocument.Limits()
        limits.sharedStrings = 2
        #expect(try problem(F.sheet("<sheetData/>", sharedStrings: Array(repeating: "<si><t>x</t></si>", count: 3)), limits: limits)
            == .limitExceeded(.sharedStrings, limit: 2, found: 3))
        let long = "<si><t>" + String(repeating: "đ", count: 32_768) + "</t></si>"
        #expect(try problem(F.sheet("<sheetData/>", sharedStrings: [long])) == .limitExceeded(.textLength, limit: 32_767, found: 32_768))
        let longInline = #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>\#(String(repeating: "a", count: 40_000))</t></is></c></row></sheetData>"#
        #expect(try problem(F.sheet(longInline)) == .limitExceeded(.textLength, limit: 32_767, found: 40_000))
        let formula = #"<sheetData><row r="1"><c r="A1"><f>\#(String(repeating: "1+", count: 4_097))</f><v>1</v></c></row></sheetData>"#
        #expect(try problem(F.sheet(formula)) == .limitExceeded(.formulaLength, limit: 8_192, found: 8_194))

        limits = XLSXDocument.Limits()
        limits.cellStyles = 2
        #expect(try problem(F.sheet("<sheetData/>", styles: #"<cellXfs><xf numFmtId="0"/><xf/><xf numFmtId="14"/></cellXfs>"#), limits: limits)
            == .limitExceeded(.cellStyles, limit: 2, found: 3))
        let formats = (164...166).map { #"<numFmt numFmtId="\#($0)" formatCode="0.0"/>"# }.joined()
        #expect(try problem(F.sheet("<sheetData/>", styles: "<numFmts>\(formats)</numFmts>"), limits: limits) == .limitExceeded(.cellStyles, limit: 2, found: 3))
        limits = XLSXDocument.Limits()
        limits.relationships = 1
        #expect(try problem(F.workbook([F.Sheet("S", "<sheetData/>")], title: "T"), limits: limits) == .limitExceeded(.relationships, limit: 1, found: 2))
        // A shared formula is spelled out for each of its cells, within a budget of bytes.
        limits = XLSXDocument.Limits()
        limits.sharedFormulaBytes = 20
        let shared = #"<sheetData><row r="1"><c r="A1"><f t="shared" ref="A1:A4" si="0">B1+C1+D1</f><v>0</v></c></row>"#
            + (2...4).map { #"<row r="\#($0)"><c r="A\#($0)"><f t="shared" si="0"/><v>0</v></c></row>"# }.joined() + "</sheetData>"
        let sharedError = try #require(try F.error(F.sheet(shared), limits: limits))
        #expect(sharedError.problem == .limitExceeded(.sharedFormulaBytes, limit: 20, found: 24))
        #expect(sharedError.cell?.description == "A4")
        #expect(try F.read(F.sheet(shared)).sheet(named: "S")["A4"]?.formula == "B4+C4+D4")

        let deep = "<sheetData>" + String(repeating: "<x>", count: 100) + String(repeating: "</x>", count: 100) + "</sheetData>"
        #expect(try problem(F.sheet(deep)) == .limitExceeded(.xmlDepth, limit: 64, found: 65))
        limits = XLSXDocument.Limits()
        limits.mergedRangesPerSheet = 1
        let merges = #"<sheetData/><mergeCells><mergeCell ref="A1:B1"/><mergeCell ref="A2:B2"/></mergeCells>"#
        #expect(try problem(F.sheet(merges), limits: limits) == .limitExceeded(.mergedRanges, limit: 1, found: 2))
    }

    @Test func cellsOutsideTheSheet() throws {
        #expect(try problem(F.sheet(#"<sheetData><row r="1048577"><c><v>1</v></c></row></sheetData>"#))
            == .limitExceeded(.rows, limit: 1_048_576, found: 1_048_577))
        #expect(try problem(F.sheet(#"<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>"#)) == .invalidCellReference("XFE1"))
        #expect(try problem(F.sheet(#"<sheetData><row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row></sheetData>"#))
            == .limitExceeded(.columns, limit: 16_384, found: 16_385))
        #expect(try problem(F.sheet(#"<sheetData/><mergeCells><mergeCell ref="A1:XFE2"/></mergeCells>"#)) == .invalidRange("A1:XFE2"))
    }

    // MARK: Content Excel would not write

    @Test func cellsThatExcelWouldNotWrite() throws {
        let cases: [(String, Problem, String?)] = [
            (#"<row r="1"><c r="A1"><v>12abc</v></c></row>"#, .invalidNumber("12abc"), "A1"),
            (#"<row r="1"><c r="A1"><v>INF</v></c></row>"#, .invalidNumber("INF"), "A1"),
            (#"<row r="1"><c r="A1" t="s"><v>3</v></c></row>"#, .sharedStringOutOfRange(index: "3", count: 0), "A1"),
            (#"<row r="1"><c r="A1" s="2"><v>1</v></c></row>"#, .styleOutOfRange(index: "2", count: 1), "A1"),
            (#"<row r="1"><c r="A1" t="b"><v>yes</v></c></row>"#, .invalidBoolean("yes"), "A1"),
            (#"<row r="1"><c r="A1" t="d"><v>2023-02-30</v></c></row>"#, .invalidDate("2023-02-30"), "A1"),
            (#"<row r="1"><c r="A1" t="e"><v>oops</v></c></row>"#, .invalidError("oops"), "A1"),
            (#"<row r="1"><c r="A1" t="x"><v>1</v></c></row>"#, .invalidAttribute(element: "c", attribute: "t", value: "x"), "A1"),
            (#"<row r="2"><c r="A1"><v>1</v></c></row>"#, .cellOutsideItsRow(rowNumber: 2), "A1"),
            (#"<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row>"#, .duplicateCell, "A1"),
            (#"<row r="1"><c r="B1"><f t="shared" si="4"/><v>1</v></c></row>"#, .undefinedSharedFormula(index: "4"), "B1"),
            (#"<row r="x"/>"#, .invalidAttribute(element: "row", attribute: "r", value: "x"), nil),
            (#"<c r="A1"><v>1</v></c>"#, .misplacedElement("c", expectedIn: "row"), nil),
        ]
        for (rows, expected, cell) in cases {
            let error = try #require(try F.error(F.sheet("<sheetData>\(rows)</sheetData>")), "\(rows)")
            #expect(error.problem == expected, "\(rows)")
            #expect(error.cell?.description == cell, "\(rows)")
            #expect(error.sheet == "S")
            #expect(error.description.hasPrefix("fixture.xlsx: sheet “S”"), "\(error)")
        }
        let overlapping = #"<sheetData/><mergeCells><mergeCell ref="A1:B3"/><mergeCell ref="C1:C2"/><mergeCell ref="B2:D2"/></mergeCells>"#
        #expect(try problem(F.sheet(overlapping)) == .overlappingMerges(CellRange(0, 0, 2, 1), CellRange(1, 1, 1, 3)))
        let twice = F.workbook([F.Sheet("Xã", "<sheetData/>"), F.Sheet("XÃ", "<sheetData/>")])
        #expect(try problem(twice) == .duplicateSheetName("XÃ"))
    }

    @Test func aMissingSheetListsTheSheetsThereAre() throws {
        let document = try F.read(F.workbook([F.Sheet("Tổng hợp", "<sheetData/>"), F.Sheet("Xã", "<sheetData/>")]))
        #expect(throws: XLSXReadError(file: "fixture.xlsx", .noSuchSheet("Huyện", available: ["Tổng hợp", "Xã"]))) {
            try document.sheet(named: "Huyện")
        }
        let error = XLSXReadError(file: "fixture.xlsx", .noSuchSheet("Huyện", available: ["Tổng hợp", "Xã"]))
        #expect(error.description == "fixture.xlsx: no sheet is named “Huyện”; the sheets are “Tổng hợp”, “Xã”")
    }

    /// Every problem has a message that states it and what to do (a semicolon separates them).
    @Test func everyMessageSaysWhatToDo() {
        let problems: [Problem] = [
            .cannotOpen(reason: "x"), .emptyFile, .legacyExcelWorkbook, .encryptedWorkbook, .otherCompoundFile,
            .textFile(.csv), .textFile(.html), .textFile(.spreadsheetXML2003), .textFile(.xml), .textFile(.plainText),
            .otherDocument(.openDocumentSpreadsheet), .otherDocument(.openDocument), .otherDocument(.wordDocument),
            .otherDocument(.powerPointPresentation), .otherDocument(.binaryWorkbook), .otherDocument(.pdf), .zipWithoutWorkbook,
            .notAWorkbook, .damagedZip(.noEndOfCentralDirectory), .unsupportedZip(.multipleDisks), .missingPart(path: "a", referencedBy: "b"),
            .relationshipOutsidePackage(target: "t"), .undefinedRelationship(id: "r"), .malformedXML(line: 1, column: 2, code: 76),
            .documentTypeDeclaration, .xmlEncoding("e"), .unexpectedRootElement(expected: "a", found: "b"),
            .missingAttribute(element: "a", attribute: "b"), .invalidAttribute(element: "a", attribute: "b", value: "c"),
            .duplicateRelationship(id: "r"), .misplacedElement("c", expectedIn: "row"), .invalidCellReference("x"), .invalidRange("x"), .cellOutsideItsRow(rowNumber: 1), .duplicateCell, .invalidNumber("x"),
            .invalidBoolean("x"), .invalidDate("x"), .invalidError("x"), .sharedStringOutOfRange(index: "1", count: 0),
            .styleOutOfRange(index: "1", count: 0), .undefinedSharedFormula(index: "0"), .overlappingMerges(CellRange(0, 0, 1, 1), CellRange(1, 1, 2, 2)),
            .duplicateSheetName("x"), .limitExceeded(.fileBytes, limit: 1, found: 2), .limitExceeded(.xmlDepth, limit: 1, found: 2),
        ]
        for problem in problems {
            let text = XLSXReadError(file: "f.xlsx", problem).description
            #expect(text.hasPrefix("f.xlsx: ") && text.contains("; "), "\(text)")
        }
    }
}
