import Foundation

/// `xl/workbook.xml`: the sheets in order with their state and relationship, and the date system.
final class WorkbookParser: PartParser {
    struct SheetEntry {
        let name: String
        let visibility: XLSXDocument.Visibility
        let relationship: String
    }

    private(set) var sheets: [SheetEntry] = []
    private(set) var dateSystem = XLSXDocument.DateSystem.from1900

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "workbookPr":
            if let value = attributes["date1904"] {
                switch value {
                case "1", "true": dateSystem = .from1904
                case "0", "false": dateSystem = .from1900
                default: fail(.invalidAttribute(element: name, attribute: "date1904", value: value))
                }
            }
        case "sheet":
            guard let sheetName = attributes["name"] else { return fail(.missingAttribute(element: name, attribute: "name")) }
            guard let relationship = Self.attribute(attributes, "id") else { return fail(.missingAttribute(element: name, attribute: "r:id")) }
            let visibility: XLSXDocument.Visibility
            switch attributes["state"] ?? "visible" {
            case "visible": visibility = .visible
            case "hidden": visibility = .hidden
            case "veryHidden": visibility = .veryHidden
            case let state: return fail(.invalidAttribute(element: name, attribute: "state", value: state))
            }
            if sheets.count == limits.sheets {
                return fail(.limitExceeded(.sheets, limit: limits.sheets, found: sheets.count + 1))
            }
            sheets.append(SheetEntry(name: sheetName, visibility: visibility, relationship: relationship))
        default:
            break
        }
    }
}

/// `xl/sharedStrings.xml`: each `si` is one string, its text the concatenation of its `t` elements,
/// directly or in rich-text runs (`r`), without phonetic runs (`rPh`, Japanese readings).
final class SharedStringsParser: PartParser {
    private(set) var strings: [String] = []
    private var current = ""
    private var capturing = false
    private var phoneticDepth = 0

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "si":
            if strings.count == limits.sharedStrings {
                return fail(.limitExceeded(.sharedStrings, limit: limits.sharedStrings, found: strings.count + 1))
            }
            current = ""
        case "rPh": phoneticDepth += 1
        case "t": capturing = phoneticDepth == 0
        default: break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "si":
            let text = XMLText.unescape(current)
            if let length = XMLText.length(text, beyond: limits.textLength) {
                return fail(.limitExceeded(.textLength, limit: limits.textLength, found: length))
            }
            strings.append(text)
        case "rPh": phoneticDepth -= 1
        case "t": capturing = false
        default: break
        }
    }

    override func text(_ string: String) {
        guard capturing else { return }
        current += string
        // Stop a runaway text early rather than at the end of its element.
        if current.utf8.count > 3 * limits.textLength {
            fail(.limitExceeded(.textLength, limit: limits.textLength, found: current.utf16.count))
        }
    }
}

/// `xl/styles.xml`: the number format of each cell style (`cellXfs`), built-in or custom (`numFmts`).
final class StylesParser: PartParser {
    private var custom: [Int: String] = [:]
    private var formatIDs: [Int] = []
    private var inCellFormats = false

    /// By style index, the `s` of a cell.
    var formats: [NumberFormat] {
        var cache: [Int: NumberFormat] = [:]
        return formatIDs.map { id in
            if let format = cache[id] { return format }
            let format = custom[id].map { NumberFormat(custom: $0) } ?? NumberFormat(builtIn: id)
            cache[id] = format
            return format
        }
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "numFmt":
            guard let id = formatID(name, attributes) else { return }
            guard let code = attributes["formatCode"] else { return fail(.missingAttribute(element: name, attribute: "formatCode")) }
            if custom.count == limits.cellStyles, custom[id] == nil {
                return fail(.limitExceeded(.cellStyles, limit: limits.cellStyles, found: custom.count + 1))
            }
            custom[id] = code
        case "cellXfs": inCellFormats = true
        case "xf" where inCellFormats:
            if formatIDs.count == limits.cellStyles {
                return fail(.limitExceeded(.cellStyles, limit: limits.cellStyles, found: formatIDs.count + 1))
            }
            if attributes["numFmtId"] == nil { formatIDs.append(0) } else if let id = formatID(name, attributes) { formatIDs.append(id) }
        default: break
        }
    }

    override func end(_ name: String) {
        if name == "cellXfs" { inCellFormats = false }
    }

    private func formatID(_ element: String, _ attributes: [String: String]) -> Int? {
        guard let text = attributes["numFmtId"] else {
            fail(.missingAttribute(element: element, attribute: "numFmtId"))
            return nil
        }
        guard let id = Int(text), (0...0xFFFF).contains(id) else {
            fail(.invalidAttribute(element: element, attribute: "numFmtId", value: text))
            return nil
        }
        return id
    }
}

/// `docProps/core.xml`: title, subject, author (`dc:creator`), keywords and comments
/// (`dc:description`).
final class CorePropertiesParser: PartParser {
    private(set) var properties = XLSXDocument.Properties()
    private var field: WritableKeyPath<XLSXDocument.Properties, String?>?
    private var current = ""

    override func start(_ name: String, _ attributes: [String: String]) {
        guard depth == 2 else { return }
        current = ""
        switch name {
        case "title": field = \.title
        case "subject": field = \.subject
        case "creator": field = \.author
        case "keywords": field = \.keywords
        case "description": field = \.comments
        default: field = nil
        }
    }

    override func end(_ name: String) {
        guard depth == 2, let field else { return }
        properties[keyPath: field] = current
        self.field = nil
    }

    override func text(_ string: String) {
        guard field != nil else { return }
        current += string
        if current.utf8.count > 3 * limits.textLength {
            fail(.limitExceeded(.textLength, limit: limits.textLength, found: current.utf16.count))
        }
    }
}

/// Text as SpreadsheetML stores it.
enum XMLText {
    /// Decodes `_xHHHH_`, SpreadsheetML's escape for characters XML cannot carry (`_x000D_` for a
    /// carriage return; `_x005F_` escapes an underscore).
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
               let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)])), radix: 16),
               scalars[(index + 2)..<(index + 6)].allSatisfy(\.properties.isASCIIHexDigit),
               let scalar = Unicode.Scalar(value) {
                result.append(scalar)
                index += 7
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    /// The length of a text longer than `limit` in characters as Excel counts them (UTF-16 units);
    /// nil when it is not longer. Counted only then: UTF-8 bytes are never fewer than UTF-16 units.
    static func length(_ text: String, beyond limit: Int) -> Int? {
        guard text.utf8.count > limit else { return nil }
        let count = text.utf16.count
        return count > limit ? count : nil
    }
}
