import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads an .xlsx file back for the tests, with no code in common with the writer: ZIPFoundation
/// opens the package and Foundation's XML parser reads the parts (ECMA-376 SpreadsheetML): the
/// workbook's sheet list, shared strings, styles' number formats, and each sheet's cells, formulas,
/// frozen pane, column widths and merged ranges.
public struct XLSXFile {
    public struct Cell: Equatable {
        /// The text of a string cell, or the number as written in the file (exact, not parsed).
        public let text: String
        public let isNumber: Bool
        public let formula: String?
        /// The cell's number format code (`General` when none).
        public let numberFormat: String

        public var number: Decimal? { isNumber ? Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) : nil }
    }

    public struct Sheet {
        public let name: String
        /// By Excel address: `A1`, `C12`.
        public let cells: [String: Cell]
        /// The top-left cell of the scrolling part when panes are frozen (`A3` freezes two rows).
        public let frozenAt: String?
        /// Column widths by 1-based column number.
        public let columnWidths: [Int: Double]
        public let merges: [String]

        public subscript(_ address: String) -> Cell? { cells[address] }

        /// Cells of one row (1-based, as Excel numbers rows), by column letters.
        public func row(_ number: Int) -> [String: Cell] {
            var result: [String: Cell] = [:]
            for (address, cell) in cells {
                let letters = String(address.prefix { $0.isLetter })
                if Int(address.dropFirst(letters.count)) == number { result[letters] = cell }
            }
            return result
        }

        public var lastRow: Int {
            cells.keys.compactMap { address in Int(address.drop { $0.isLetter }) }.max() ?? 0
        }
    }

    public let sheets: [Sheet]
    public let title: String?

    public func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }

    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    public init(url: URL) throws {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw ReadError(description: "\(url.path) is not a zip package: \(error)")
        }
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            return data
        }
        func required(_ path: String) throws -> Data {
            guard let data = try part(path) else { throw ReadError(description: "\(url.path) has no \(path)") }
            return data
        }

        let workbook = try XMLTree.parse(try required("xl/workbook.xml"))
        let relations = try XMLTree.parse(try required("xl/_rels/workbook.xml.rels"))
        var targets: [String: String] = [:]
        for relation in relations.all("Relationship") { targets[relation["Id"] ?? ""] = relation["Target"] }

        var strings: [String] = []
        if let data = try part("xl/sharedStrings.xml") {
            strings = try XMLTree.parse(data).all("si").map { item in item.all("t").map(\.text).joined() }
        }

        // Number formats: built-in ids used by the writer, then the file's own.
        var formatCodes: [Int: String] = [0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00"]
        var styleFormats: [String] = []
        if let data = try part("xl/styles.xml") {
            let styles = try XMLTree.parse(data)
            for format in styles.all("numFmt") { formatCodes[Int(format["numFmtId"] ?? "") ?? -1] = format["formatCode"] }
            if let xfs = styles.all("cellXfs").first {
                styleFormats = xfs.children.filter { $0.name == "xf" }.map { formatCodes[Int($0["numFmtId"] ?? "0") ?? 0] ?? "?" }
            }
        }

        var sheets: [Sheet] = []
        for entry in workbook.all("sheet") {
            guard let id = entry["r:id"], let target = targets[id] else { throw ReadError(description: "sheet \(entry["name"] ?? "?") has no part") }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            let tree = try XMLTree.parse(try required(path))
            var cells: [String: Cell] = [:]
            for c in tree.all("c") {
                guard let address = c["r"] else { continue }
                let value = c.all("v").first?.text
                let formula = c.all("f").first?.text
                let format = styleFormats.indices.contains(Int(c["s"] ?? "0") ?? 0) ? styleFormats[Int(c["s"] ?? "0") ?? 0] : "General"
                switch c["t"] {
                case "s":
                    cells[address] = Cell(text: strings[Int(value ?? "") ?? 0], isNumber: false, formula: formula, numberFormat: format)
                case "inlineStr":
                    cells[address] = Cell(text: c.all("t").map(\.text).joined(), isNumber: false, formula: formula, numberFormat: format)
                case "str", "b", "e":
                    cells[address] = Cell(text: value ?? "", isNumber: false, formula: formula, numberFormat: format)
                default:
                    // A blank styled cell has no value.
                    if value != nil || formula != nil {
                        cells[address] = Cell(text: value ?? "", isNumber: true, formula: formula, numberFormat: format)
                    }
                }
            }
            let pane = tree.all("pane").first { $0["state"] == "frozen" }
            var widths: [Int: Double] = [:]
            for column in tree.all("col") {
                guard let min = Int(column["min"] ?? ""), let max = Int(column["max"] ?? ""), let width = Double(column["width"] ?? "") else { continue }
                for index in min...max { widths[index] = width }
            }
            sheets.append(Sheet(
                name: entry["name"] ?? "", cells: cells, frozenAt: pane?["topLeftCell"], columnWidths: widths,
                merges: tree.all("mergeCell").compactMap { $0["ref"] }))
        }
        self.sheets = sheets
        if let core = try part("docProps/core.xml") {
            title = try XMLTree.parse(core).all("dc:title").first?.text
        } else {
            title = nil
        }
    }
}

/// A small DOM over Foundation's event parser.
final class XMLTree {
    let name: String
    let attributes: [String: String]
    var children: [XMLTree] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    subscript(_ attribute: String) -> String? { attributes[attribute] }

    /// Every element below (and including) this one with the name.
    func all(_ name: String) -> [XMLTree] {
        var found: [XMLTree] = []
        var stack = [self]
        while let node = stack.popLast() {
            if node.name == name { found.append(node) }
            stack.append(contentsOf: node.children.reversed())
        }
        return found
    }

    static func parse(_ data: Data) throws -> XMLTree {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XLSXFile.ReadError(description: "malformed XML: \(parser.parserError.map { "\($0)" } ?? "no root")")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLTree?
        var stack: [XMLTree] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let node = XMLTree(name: name, attributes: attributes)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
