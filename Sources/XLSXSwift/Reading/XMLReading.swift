import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The streaming (SAX) parse of one part with Foundation's `XMLParser`, made safe for untrusted
/// bytes. Subclasses override `start`, `end` and `text`, see local element names (`x:c` arrives as
/// `c`), and call `fail` to stop at the first problem.
///
/// Before the parser sees a byte, `checkProlog` refuses a document type declaration (so no entity is
/// ever declared or expanded: no billion laughs, no external entity) and any encoding but UTF-8 (so
/// the check cannot be dodged by bytes that are not ASCII-compatible), and `firstInvalidUTF8` refuses
/// bytes that are not UTF-8: on them libxml2 falls back to Latin-1 and hands Foundation names that are
/// not UTF-8, which Foundation force-unwraps (a crash found by a random-damage campaign). During the
/// parse the nesting depth is bounded. The parser runs in libxml2's recover mode, where a malformed document can still
/// "succeed", so every error it reports fails the part, and a document must close its root element.
class PartParser: NSObject, XMLParserDelegate {
    let limits: XLSXDocument.Limits
    private(set) var failure: XLSXReadError?
    /// Whether `failure` is set, kept apart so the callbacks test a flag, not an optional struct.
    private(set) var failed = false
    private var xmlError: Int?
    private var parser: XMLParser?
    private(set) var depth = 0
    private var rootName: String?
    private var rootClosed = false

    init(limits: XLSXDocument.Limits) {
        self.limits = limits
    }

    func start(_ name: String, _ attributes: [String: String]) {}
    func end(_ name: String) {}
    func text(_ string: String) {}

    /// Stops the parse; the first problem is the one reported.
    final func fail(_ problem: XLSXReadError.Problem, cell: CellAddress? = nil) {
        if !failed {
            failure = XLSXReadError(file: "", cell: cell, problem)
            failed = true
        }
        parser?.abortParsing()
    }

    /// Parses `data`, whose root element must be `root`.
    final func parse(_ data: Data, root: String) throws(XLSXReadError) {
        try Self.checkProlog(data)
        if let offset = Self.firstInvalidUTF8(data) {
            let before = data.prefix(offset)
            let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let column = offset - (before.lastIndex(of: 0x0A).map { $0 - data.startIndex + 1 } ?? 0) + 1
            throw XLSXReadError(file: "", .malformedXML(line: line, column: column, code: 9))
        }
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        self.parser = parser
        defer { self.parser = nil }
        let finished = parser.parse()
        if let failure { throw failure }
        let line = parser.lineNumber, column = parser.columnNumber
        if let code = xmlError { throw XLSXReadError(file: "", .malformedXML(line: line, column: column, code: code)) }
        if !finished || rootName == nil || !rootClosed {
            let code = (parser.parserError as NSError?)?.code ?? (rootName == nil ? 4 : 0)
            throw XLSXReadError(file: "", .malformedXML(line: line, column: column, code: code))
        }
        if let rootName, rootName != root {
            throw XLSXReadError(file: "", .unexpectedRootElement(expected: root, found: rootName))
        }
    }

    /// libxml2's warnings (xmlParserErrors 93-107: an unusual version, language, namespace URI or
    /// xml:space value) that leave the document well-formed.
    private static let warnings: Set<Int> = [93, 97, 98, 99, 100, 102, 106, 107]

    /// Everything before the root element: an optional UTF-8 byte-order mark, whitespace, the XML
    /// declaration (encoding UTF-8 if stated), processing instructions and comments. A document type
    /// declaration, or anything else not XML in UTF-8, is refused here.
    static func checkProlog(_ data: Data) throws(XLSXReadError) {
        let bytes = [UInt8](data.prefix(4))
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.prefix(2).contains(0) {
            throw XLSXReadError(file: "", .xmlEncoding("UTF-16 or UTF-32"))
        }
        var index = data.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index += 3 }
        func starts(with text: String, at position: Data.Index) -> Bool {
            let pattern = Array(text.utf8)
            return data.count - (position - data.startIndex) >= pattern.count && data[position..<(position + pattern.count)].elementsEqual(pattern)
        }
        while true {
            while index < data.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(data[index]) { index += 1 }
            guard index < data.endIndex, data[index] == 0x3C else {
                throw XLSXReadError(file: "", .malformedXML(line: 1, column: 1, code: 4))
            }
            if starts(with: "<?", at: index) {
                guard let close = data.range(of: Data("?>".utf8), in: index..<data.endIndex) else { return }
                if starts(with: "<?xml", at: index), index + 5 < data.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(data[index + 5]) {
                    let declaration = String(decoding: data[index..<close.lowerBound], as: UTF8.self)
                    if let encoding = Self.encoding(in: declaration), !["utf-8", "utf8"].contains(encoding.lowercased()) {
                        throw XLSXReadError(file: "", .xmlEncoding(encoding))
                    }
                }
                index = close.upperBound
            } else if starts(with: "<!--", at: index) {
                guard let close = data.range(of: Data("-->".utf8), in: (index + 4)..<data.endIndex) else { return }
                index = close.upperBound
            } else if starts(with: "<!", at: index) {
                throw XLSXReadError(file: "", .documentTypeDeclaration)
            } else {
                return
            }
        }
    }

    /// The offset of the first byte that does not belong to well-formed UTF-8 (Unicode 15, table 3-7:
    /// no overlong forms, no surrogates, nothing above U+10FFFF); nil when all do.
    static func firstInvalidUTF8(_ data: Data) -> Int? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int? in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var index = 0
            let count = bytes.count
            while index < count {
                let lead = bytes[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return index
                }
                guard index + length <= count, (low...high).contains(bytes[index + 1]) else { return index }
                for next in (index + 2)..<(index + length) where !(0x80...0xBF).contains(bytes[next]) { return index }
                index += length
            }
            return nil
        }
    }

    /// The `encoding` pseudo-attribute of an XML declaration.
    private static func encoding(in declaration: String) -> String? {
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard rest.first == "=" else { return nil }
        let value = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = value.first, quote == "\"" || quote == "'" else { return nil }
        return String(value.dropFirst().prefix { $0 != quote })
    }

    // MARK: XMLParserDelegate

    final func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                      attributes attributeDict: [String: String] = [:]) {
        guard !failed else { return }
        depth += 1
        if depth > limits.xmlDepth {
            fail(.limitExceeded(.xmlDepth, limit: limits.xmlDepth, found: depth))
            return
        }
        let name = Self.localName(elementName)
        if depth == 1 { rootName = name }
        start(name, attributeDict)
    }

    final func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard !failed else { return }
        end(Self.localName(elementName))
        depth -= 1
        if depth == 0 { rootClosed = true }
    }

    final func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !failed { text(string) }
    }

    final func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if !failed { text(String(decoding: CDATABlock, as: UTF8.self)) }
    }

    final func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        let code = (parseError as NSError).code
        if xmlError == nil, !Self.warnings.contains(code) { xmlError = code }
    }

    // A declaration cannot get past `checkProlog`; should one arrive anyway, the part fails.
    final func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        fail(.documentTypeDeclaration)
    }

    final func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        fail(.documentTypeDeclaration)
    }

    final func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?, systemID: String?,
                      notationName: String?) {
        fail(.documentTypeDeclaration)
    }

    final func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        fail(.documentTypeDeclaration)
        return nil
    }

    /// `c` for `c` and for `x:c`.
    static func localName(_ name: String) -> String {
        guard let colon = name.utf8.lastIndex(of: 0x3A) else { return name }
        return String(name[name.utf8.index(after: colon)...])
    }

    /// An attribute by local name whatever its prefix (`r:id` is found as `id`), unprefixed first.
    static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        if let value = attributes[name] { return value }
        return attributes.first { key, _ in key.hasSuffix(":" + name) && !key.hasPrefix("xmlns") }?.value
    }
}
