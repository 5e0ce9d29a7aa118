/// The formula of a cell in a shared formula: Excel writes the text once, in the group's first cell,
/// and every other cell has the same formula with its relative references moved by the cell's offset
/// from the first (as when a formula is filled down). `$` anchors a row or column.
enum SharedFormula {
    /// `text` moved by `rows` and `columns`. String literals, quoted sheet names, structured references
    /// and error codes are copied; a name followed by `(` is a function, by `!` a sheet, by `[` a
    /// table; what remains and reads as a cell (`B7`, `$B$7`), a column range (`A:C`) or a row range
    /// (`2:5`) is moved. A reference moved off the sheet becomes `#REF!`, as in Excel.
    static func translate(_ text: String, rows: Int, columns: Int) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0

        func copy(_ range: Range<Int>) { output.append(contentsOf: scalars[range]) }
        /// The end of a quoted run starting at `start`, where a doubled quote is one quote.
        func quoted(from start: Int, quote: Unicode.Scalar) -> Int {
            var end = start + 1
            while end < scalars.count {
                if scalars[end] == quote {
                    if end + 1 < scalars.count, scalars[end + 1] == quote { end += 2; continue }
                    return end + 1
                }
                end += 1
            }
            return end
        }
        func token(from start: Int) -> Int {
            var end = start
            while end < scalars.count, isNamePart(scalars[end]) { end += 1 }
            return end
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\"", "'":
                let end = quoted(from: index, quote: scalar)
                copy(index..<end)
                index = end
            case "[":
                var depth = 0, end = index
                repeat {
                    if scalars[end] == "[" { depth += 1 } else if scalars[end] == "]" { depth -= 1 }
                    end += 1
                } while end < scalars.count && depth > 0
                copy(index..<end)
                index = end
            case "#":
                var end = index + 1
                while end < scalars.count, isNamePart(scalars[end]) || scalars[end] == "/" || scalars[end] == "!" || scalars[end] == "?" { end += 1 }
                copy(index..<end)
                index = end
            case _ where isNamePart(scalar):
                let end = token(from: index)
                let word = String(String.UnicodeScalarView(scalars[index..<end]))
                let next = end < scalars.count ? scalars[end] : nil
                if next == "(" || next == "!" || next == "[" {
                    output.append(contentsOf: word.unicodeScalars)
                    index = end
                } else if let cell = cellReference(word) {
                    output.append(contentsOf: move(cell, rows: rows, columns: columns).unicodeScalars)
                    index = end
                } else if next == ":", end + 1 < scalars.count, isNamePart(scalars[end + 1]) {
                    let secondEnd = token(from: end + 1)
                    let second = String(String.UnicodeScalarView(scalars[(end + 1)..<secondEnd]))
                    let afterSecond = secondEnd < scalars.count ? scalars[secondEnd] : nil
                    if afterSecond != "(", afterSecond != "!",
                       let moved = movedLines(word, second, rows: rows, columns: columns) {
                        output.append(contentsOf: moved.unicodeScalars)
                        index = secondEnd
                    } else {
                        output.append(contentsOf: word.unicodeScalars)
                        index = end
                    }
                } else {
                    output.append(contentsOf: word.unicodeScalars)
                    index = end
                }
            default:
                output.append(scalar)
                index += 1
            }
        }
        return String(output)
    }

    /// Letters, digits, `$`, `_`, `.`, `\` and letters beyond ASCII: what names and references are made of.
    private static func isNamePart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "$", "_", ".", "\\": true
        default: scalar.value >= 0x80 && scalar.properties.isAlphabetic
        }
    }

    private struct Reference {
        var row: Int
        var column: Int
        var rowAnchored: Bool
        var columnAnchored: Bool
    }

    private static func cellReference(_ word: String) -> Reference? {
        let bytes = Array(word.utf8)
        guard let parsed = CellAddress.parse(bytes[...]) else { return nil }
        let columnAnchored = bytes.first == 0x24
        let rowAnchored = bytes.dropFirst().contains(0x24)
        return Reference(row: parsed.row, column: parsed.column, rowAnchored: rowAnchored, columnAnchored: columnAnchored)
    }

    private static func move(_ reference: Reference, rows: Int, columns: Int) -> String {
        let row = reference.rowAnchored ? reference.row : reference.row + rows
        let column = reference.columnAnchored ? reference.column : reference.column + columns
        guard (0..<XLSXLimits.rows).contains(row), (0..<XLSXLimits.columns).contains(column) else { return "#REF!" }
        return (reference.columnAnchored ? "$" : "") + CellAddress.columnName(column) + (reference.rowAnchored ? "$" : "") + String(row + 1)
    }

    /// `A:C` or `2:5`, moved; nil when the two words are not both columns or both rows.
    private static func movedLines(_ first: String, _ second: String, rows: Int, columns: Int) -> String? {
        func split(_ word: String) -> (anchored: Bool, body: String) {
            word.hasPrefix("$") ? (true, String(word.dropFirst())) : (false, word)
        }
        let (firstAnchored, firstBody) = split(first), (secondAnchored, secondBody) = split(second)
        if let a = CellAddress.column(named: firstBody), let b = CellAddress.column(named: secondBody) {
            func moved(_ column: Int, _ anchored: Bool) -> String? {
                let result = anchored ? column : column + columns
                return (0..<XLSXLimits.columns).contains(result) ? (anchored ? "$" : "") + CellAddress.columnName(result) : nil
            }
            guard let left = moved(a, firstAnchored), let right = moved(b, secondAnchored) else { return "#REF!" }
            return "\(left):\(right)"
        }
        if firstBody.allSatisfy(\.isASCII), secondBody.allSatisfy(\.isASCII), let a = Int(firstBody), let b = Int(secondBody),
           !firstBody.hasPrefix("+"), !secondBody.hasPrefix("+"), (1...XLSXLimits.rows).contains(a), (1...XLSXLimits.rows).contains(b) {
            func moved(_ row: Int, _ anchored: Bool) -> String? {
                let result = anchored ? row : row + rows
                return (1...XLSXLimits.rows).contains(result) ? (anchored ? "$" : "") + String(result) : nil
            }
            guard let top = moved(a, firstAnchored), let bottom = moved(b, secondAnchored) else { return "#REF!" }
            return "\(top):\(bottom)"
        }
        return nil
    }
}
