/// The checks a model file's text passes before GLPK reads it, so that GLPK never misreads it silently
/// nor fails on something the user can be told plainly.
///
/// - Line ends: CRLF (Windows) is read as LF; GLPK's MPS reader would stop at the first CR. A CR that
///   ends no line is refused with its line.
/// - MPS layout: fixed MPS puts each field in set columns (2-3, 5-12, 15-22, 25-36, 40-47, 50-61), so a
///   name may hold blanks; free MPS separates fields by blanks. A data line that fits the fixed columns
///   but splits differently at blanks is read differently by the two, and a line that does not fit
///   the columns cannot be fixed MPS. A file read as free MPS whose every data line fits the fixed
///   columns and one of them splits differently is fixed MPS, and the reverse is free MPS: either is
///   refused naming the line, rather than read wrongly.
enum ModelFileText {
    static func check(_ text: String, path: String, format: ModelFileFormat) throws(GLPKError) -> String {
        var text = text
        if text.utf8.contains(13) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n")
            if let line = firstLine(in: text, where: { $0.contains(13) }) {
                throw .modelFile(path: path, operation: "read", log: "\(path):\(line): a carriage return (CR) that ends no line; save the file with LF or CRLF line ends")
            }
        }
        guard format != .cplexLP else { return text }
        var fixedOnly: (line: Int, name: String)?
        var freeOnly: Int?
        var number = 0
        for line in text.utf8.split(separator: 10, omittingEmptySubsequences: false) {
            number += 1
            // Data lines start with a blank; section headers (NAME, ROWS, …) and comments (*) do not.
            guard let first = line.first, first == 32 || first == 9 else { continue }
            let free = line.split(whereSeparator: { $0 == 32 || $0 == 9 }).map { String(decoding: $0, as: UTF8.self) }
            if let fixed = fixedFields(Array(line)) {
                if fixed != free, fixedOnly == nil { fixedOnly = (number, fixed.first { $0.contains(" ") } ?? fixed.joined(separator: " ")) }
            } else if freeOnly == nil {
                freeOnly = number
            }
        }
        switch format {
        case .freeMPS:
            if let fixedOnly, freeOnly == nil {
                throw .modelFile(
                    path: path, operation: "read",
                    log: "\(path):\(fixedOnly.line): this is fixed MPS: every data line sits in the fixed columns, and this one (“\(fixedOnly.name)”) "
                        + "reads differently when split at blanks as free MPS is; read it as fixed MPS (format fixed-mps)")
            }
        case .fixedMPS:
            if let freeOnly {
                throw .modelFile(
                    path: path, operation: "read",
                    log: "\(path):\(freeOnly): the line does not fit the columns of fixed MPS (fields in columns 2-3, 5-12, 15-22, 25-36, 40-47, 50-61); "
                        + "if this is free MPS, read it as free MPS (format mps)")
            }
        case .cplexLP:
            break
        }
        return text
    }

    /// Fixed-MPS field columns, 0-based and end-exclusive.
    static let fieldColumns: [Range<Int>] = [1..<3, 4..<12, 14..<22, 24..<36, 39..<47, 49..<61]

    /// The non-blank fields of a data line read in fixed columns; nil when the line does not fit them
    /// (a tab, or a character outside every field).
    static func fixedFields(_ line: [UInt8]) -> [String]? {
        var end = line.count
        while end > 0 && line[end - 1] == 32 { end -= 1 }
        guard end <= 61, !line[..<end].contains(9) else { return nil }
        for (index, byte) in line[..<end].enumerated() where byte != 32 && !fieldColumns.contains(where: { $0.contains(index) }) {
            return nil
        }
        return fieldColumns.compactMap { columns in
            guard columns.lowerBound < end else { return nil }
            let field = line[columns.lowerBound..<min(columns.upperBound, end)]
            let trimmed = String(decoding: field, as: UTF8.self).trimmingBlanks
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    static func firstLine(in text: String, where test: (Substring.UTF8View) -> Bool) -> Int? {
        for (index, line) in text.utf8.split(separator: 10, omittingEmptySubsequences: false).enumerated() where test(line) {
            return index + 1
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingBlanks: String {
        var result = Substring(self)
        while result.first == " " { result.removeFirst() }
        while result.last == " " { result.removeLast() }
        return String(result)
    }
}
