import Foundation
import XLSXSwift
import ZIPFoundation

/// Workbook packages built in the tests from XML text, zipped with ZIPFoundation in memory, and the
/// byte surgery that damages them.
enum PackageFixture {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#

    struct Sheet {
        var name: String
        /// What goes inside `<worksheet>`: `<sheetData>…</sheetData>` and what follows it.
        var body: String
        var state: String?

        init(_ name: String, _ body: String, state: String? = nil) {
            self.name = name
            self.body = body
            self.state = state
        }
    }

    /// The parts of a workbook: the package and workbook relationships, the workbook, each sheet, and
    /// the shared strings (`si` elements as written) and styles (the inner XML of `styleSheet`) given.
    static func workbook(_ sheets: [Sheet], sharedStrings: [String]? = nil, styles: String? = nil, workbookProperties: String = "",
                         title: String? = nil) -> [(String, String)] {
        var parts: [(String, String)] = []
        var packageRelations = #"<Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/>"#
        if let title {
            packageRelations += #"<Relationship Id="rId2" Type="\#(relationships)/metadata/core-properties" Target="docProps/core.xml"/>"#
            parts.append(("docProps/core.xml", declaration + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\#(title)</dc:title></cp:coreProperties>"#))
        }
        parts.append(("_rels/.rels", declaration + #"<Relationships xmlns="\#(packageRelationships)">\#(packageRelations)</Relationships>"#))
        var sheetEntries = "", workbookRelations = ""
        for (index, sheet) in sheets.enumerated() {
            let state = sheet.state.map { #" state="\#($0)""# } ?? ""
            sheetEntries += #"<sheet name="\#(sheet.name)" sheetId="\#(index + 1)"\#(state) r:id="rId\#(index + 1)"/>"#
            workbookRelations += #"<Relationship Id="rId\#(index + 1)" Type="\#(relationships)/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
            parts.append(("xl/worksheets/sheet\(index + 1).xml", declaration + #"<worksheet xmlns="\#(main)" xmlns:r="\#(relationships)">\#(sheet.body)</worksheet>"#))
        }
        if let sharedStrings {
            workbookRelations += #"<Relationship Id="rIdS" Type="\#(relationships)/sharedStrings" Target="sharedStrings.xml"/>"#
            parts.append(("xl/sharedStrings.xml", declaration + #"<sst xmlns="\#(main)" count="\#(sharedStrings.count)" uniqueCount="\#(sharedStrings.count)">\#(sharedStrings.joined())</sst>"#))
        }
        if let styles {
            workbookRelations += #"<Relationship Id="rIdT" Type="\#(relationships)/styles" Target="styles.xml"/>"#
            parts.append(("xl/styles.xml", declaration + #"<styleSheet xmlns="\#(main)">\#(styles)</styleSheet>"#))
        }
        parts.append(("xl/workbook.xml", declaration + #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)">\#(workbookProperties)<sheets>\#(sheetEntries)</sheets></workbook>"#))
        parts.append(("xl/_rels/workbook.xml.rels", declaration + #"<Relationships xmlns="\#(packageRelationships)">\#(workbookRelations)</Relationships>"#))
        return parts
    }

    /// One sheet named `S` with this body.
    static func sheet(_ body: String, sharedStrings: [String]? = nil, styles: String? = nil, workbookProperties: String = "") -> [(String, String)] {
        workbook([Sheet("S", body)], sharedStrings: sharedStrings, styles: styles, workbookProperties: workbookProperties)
    }

    static func zip(_ parts: [(String, String)], method: CompressionMethod = .deflate) throws -> Data {
        try zip(parts.map { ($0.0, Data($0.1.utf8)) }, method: method)
    }

    static func zip(_ parts: [(String, Data)], method: CompressionMethod = .deflate) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: method) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return archive.data ?? Data()
    }

    /// Reads a package built from parts.
    static func read(_ parts: [(String, String)], limits: XLSXDocument.Limits = XLSXDocument.Limits()) throws -> XLSXDocument {
        try XLSXDocument(data: try zip(parts), name: "fixture.xlsx", limits: limits)
    }

    /// The error reading `data` gives; nil when it reads.
    static func error(_ data: Data, limits: XLSXDocument.Limits = XLSXDocument.Limits()) -> XLSXReadError? {
        do {
            _ = try XLSXDocument(data: data, name: "fixture.xlsx", limits: limits)
            return nil
        } catch {
            return error
        }
    }

    static func error(_ parts: [(String, String)], limits: XLSXDocument.Limits = XLSXDocument.Limits()) throws -> XLSXReadError? {
        error(try zip(parts), limits: limits)
    }

    // MARK: Byte surgery

    /// Where the central directory entry and the local header of `path` start.
    static func headers(of path: String, in zip: Data) -> (central: Int, local: Int)? {
        let bytes = [UInt8](zip)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard let end = stride(from: bytes.count - 22, through: 0, by: -1).first(where: { u32($0) == 0x0605_4B50 }) else { return nil }
        var position = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            let nameLength = u16(position + 28)
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            if name == path { return (position, u32(position + 42)) }
            position += 46 + nameLength + u16(position + 30) + u16(position + 32)
        }
        return nil
    }

    struct ZIP64Values {
        var uncompressed: UInt64?
        var compressed: UInt64?
        var offset: UInt64?
    }

    /// The archive in ZIP64 form, as writers of large files make it: each central directory entry
    /// with its sizes and local header offset in a ZIP64 extra field (their own fields all ones),
    /// then a ZIP64 end of central directory and its locator. `values` overrides an entry's fields;
    /// `count` the number of entries the ZIP64 record states.
    static func zip64(_ zip: Data, values: [String: ZIP64Values] = [:], count stated: UInt64? = nil) -> Data {
        let bytes = [UInt8](zip)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func little(_ value: UInt64, _ width: Int) -> Data { Data((0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }) }
        let end = stride(from: bytes.count - 22, through: 0, by: -1).first { u32($0) == 0x0605_4B50 }!
        let count = u16(end + 10), directory = u32(end + 16)
        var directoryData = Data()
        var position = directory
        for _ in 0..<count {
            let nameLength = u16(position + 28), extraLength = u16(position + 30), commentLength = u16(position + 32)
            let name = Data(bytes[(position + 46)..<(position + 46 + nameLength)])
            let override = values[String(decoding: name, as: UTF8.self)] ?? ZIP64Values()
            var header = Data(bytes[position..<(position + 46)])
            header[6] = 45
            let extra = little(1, 2) + little(24, 2) + little(override.uncompressed ?? UInt64(u32(position + 24)), 8)
                + little(override.compressed ?? UInt64(u32(position + 20)), 8) + little(override.offset ?? UInt64(u32(position + 42)), 8)
            for field in [20, 24, 42] { header.replaceSubrange(field..<(field + 4), with: little(0xFFFF_FFFF, 4)) }
            header.replaceSubrange(30..<32, with: little(UInt64(extraLength + extra.count), 2))
            let rest = Data(bytes[(position + 46 + nameLength)..<(position + 46 + nameLength + extraLength + commentLength)])
            directoryData += header + name + extra + rest
            position += 46 + nameLength + extraLength + commentLength
        }
        var result = Data(bytes[0..<directory]) + directoryData
        let recordOffset = result.count
        result += little(0x0606_4B50, 4) + little(44, 8) + little(45, 2) + little(45, 2) + little(0, 4) + little(0, 4)
            + little(stated ?? UInt64(count), 8) + little(stated ?? UInt64(count), 8) + little(UInt64(directoryData.count), 8) + little(UInt64(directory), 8)
        result += little(0x0706_4B50, 4) + little(0, 4) + little(UInt64(recordOffset), 8) + little(1, 4)
        result += little(0x0605_4B50, 4) + little(0, 2) + little(0, 2) + little(0xFFFF, 2) + little(0xFFFF, 2)
            + little(0xFFFF_FFFF, 4) + little(0xFFFF_FFFF, 4) + little(0, 2)
        return result
    }

    /// Writes a little-endian 32-bit value at `offset`.
    static func put(_ value: UInt32, at offset: Int, in data: inout Data) {
        for index in 0..<4 { data[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
    }

    /// Sets a field of `path`'s central directory entry (CRC 16, compressed size 20, uncompressed size
    /// 24) and the same field of its local header (14, 18, 22).
    static func setField(centralOffset: Int, of path: String, to value: UInt32, in data: inout Data) {
        guard let (central, local) = headers(of: path, in: data) else { return }
        put(value, at: central + centralOffset, in: &data)
        put(value, at: local + centralOffset - 2, in: &data)
    }
}
