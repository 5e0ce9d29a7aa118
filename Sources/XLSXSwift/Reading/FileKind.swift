import Foundation

/// What a file is when it is not a zip archive, from its first bytes: the files people upload by
/// mistake (an old .xls, a password-protected workbook, a CSV or HTML export named .xlsx, a PDF) each
/// get their own answer.
enum FileKind {
    /// Nil when the bytes begin as a zip archive does; otherwise why they are not a workbook.
    static func problem(of data: Data) -> XLSXReadError.Problem? {
        if data.isEmpty { return .emptyFile }
        let head = [UInt8](data.prefix(4_096))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return nil }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return compoundFile(data) }
        if head.starts(with: Array("%PDF".utf8)) { return .otherDocument(.pdf) }
        return text(head) ?? .notAWorkbook
    }

    /// An OLE2 compound file names its streams in UTF-16 in its directory: an encrypted OOXML package
    /// has `EncryptedPackage`, an Excel 97-2003 workbook `Workbook` (or `Book` before Excel 97).
    private static func compoundFile(_ data: Data) -> XLSXReadError.Problem {
        func has(_ name: String) -> Bool {
            let pattern = Data(name.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            return data.range(of: pattern) != nil
        }
        if has("EncryptedPackage") { return .encryptedWorkbook }
        if has("Workbook") || has("Book\0") { return .legacyExcelWorkbook }
        return .otherCompoundFile
    }

    /// Text: the first 4 KiB have no NUL byte and decode as UTF-8 (a character cut at the end allowed)
    /// or hold only bytes a Windows code page prints.
    private static func text(_ head: [UInt8]) -> XLSXReadError.Problem? {
        guard !head.contains(0) else { return nil }
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let controls = bytes.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }
        guard controls.isEmpty else { return nil }
        let start = String(decoding: bytes.prefix(1_024), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if start.hasPrefix("<") {
            if start.contains("urn:schemas-microsoft-com:office:spreadsheet") || start.contains("progid=\"excel.sheet\"") {
                return .textFile(.spreadsheetXML2003)
            }
            if start.contains("<html") || start.contains("<!doctype html") || start.contains("<table") { return .textFile(.html) }
            return .textFile(.xml)
        }
        let firstLine = start.prefix { $0 != "\n" && $0 != "\r" }
        if firstLine.contains(",") || firstLine.contains(";") || firstLine.contains("\t") { return .textFile(.csv) }
        return .textFile(.plainText)
    }
}
