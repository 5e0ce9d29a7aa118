import CGLPK
import CGLPKShim
import Foundation
import NTPFiles

/// The model file formats GLPK reads and writes.
public enum ModelFileFormat: String, Sendable, CaseIterable {
    /// Free (modern) MPS.
    case freeMPS = "mps"
    /// Fixed (ancient) MPS, with names of at most 8 characters.
    case fixedMPS = "fixed-mps"
    /// CPLEX LP.
    case cplexLP = "lp"

    /// The format a file name's extension stands for: `.mps` free MPS, `.lp` CPLEX LP.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "mps": self = .freeMPS
        case "lp": self = .cplexLP
        default: return nil
        }
    }
}

extension GLPK {
    /// Writes `problem` to `url`. The file appears whole or not at all (`OutputFile`): GLPK writes a
    /// temporary file in the same folder, which is renamed over the destination; the destination must be
    /// a regular file or a new path (a folder, device, named pipe or symbolic link is refused).
    ///
    /// GLPK 5.0's writers lose two things that are restored here: MPS has no objective sense, so a
    /// maximisation gets the standard `OBJSENSE MAX` section (which GLPK's own reader does not know; `read`
    /// handles it); CPLEX LP keeps the objective constant only in a comment, which `read` takes back.
    public static func write(_ problem: LinearProblem, to url: URL, format: ModelFileFormat) throws {
        try problem.validate(for: format)
        try OutputFile.write(to: url.path) { temporary in
            if format != .cplexLP && problem.sense == .maximize {
                // GLPK writes a scratch copy, which is copied into place with the objective sense added.
                try ScratchFile.with(Data(), named: url.lastPathComponent) { scratch in
                    try writeByGLPK(problem, to: scratch, naming: url.path, format: format)
                    try MPSObjectiveSense.copyAddingMaximize(from: scratch, to: temporary)
                }
            } else {
                try writeByGLPK(problem, to: temporary, naming: url.path, format: format)
            }
        }
    }

    /// GLPK's own writer, to `path`; its log names the file as `destination`.
    private static func writeByGLPK(_ problem: LinearProblem, to path: String, naming destination: String, format: ModelFileFormat) throws {
        try Session.run(output: nil) { session in
            let glpkProblem = try session.load(problem)
            var code: Int32 = 0
            let status = path.withCString { path in
                switch format {
                case .freeMPS: ntp_write_mps(glpkProblem, GLP_MPS_FILE, path, &code)
                case .fixedMPS: ntp_write_mps(glpkProblem, GLP_MPS_DECK, path, &code)
                case .cplexLP: ntp_write_lp(glpkProblem, path, &code)
                }
            }
            try session.check(status)
            if code != 0 { throw GLPKError.modelFile(path: destination, operation: "write", log: session.log.replacingOccurrences(of: path, with: destination)) }
        }
    }

    /// Reads a model file into a `LinearProblem`, which is then validated like any other.
    ///
    /// The file is checked before GLPK sees it (`ModelFileText`): a regular file within
    /// `InputFile.modelLimit`, UTF-8, CRLF line ends taken as LF (a lone CR is refused), and for MPS the
    /// layout the format says (fixed MPS where free was asked, or the reverse, is refused naming the
    /// line). GLPK then reads a private copy of exactly the checked text.
    public static func read(from url: URL, format: ModelFileFormat) throws -> LinearProblem {
        var text = try ModelFileText.check(InputFile.text(at: url.path, limit: InputFile.modelLimit), path: url.path, format: format)
        // GLPK does not know OBJSENSE: it reads a copy where that section is commented out (same line numbers).
        var sense: ObjectiveSense?
        if format != .cplexLP, let found = MPSObjectiveSense.parse(text) {
            sense = found.sense
            text = found.textWithoutSection
        }
        var problem = try ScratchFile.with(Data(text.utf8), named: url.lastPathComponent) { source in
            try Session.run(output: nil) { session in
                var read: OpaquePointer?
                var code: Int32 = 0
                let status = source.withCString { path in
                    switch format {
                    case .freeMPS: ntp_read_mps(GLP_MPS_FILE, path, &read, &code)
                    case .fixedMPS: ntp_read_mps(GLP_MPS_DECK, path, &read, &code)
                    case .cplexLP: ntp_read_lp(path, &read, &code)
                    }
                }
                try session.check(status)
                guard code == 0, let read else {
                    let log = session.log.replacingOccurrences(of: source, with: url.path)
                    throw GLPKError.modelFile(path: url.path, operation: "read", log: log)
                }
                return LinearProblem(reading: read)
            }
        }
        if let sense { problem.sense = sense }
        if format == .cplexLP, let constant = CPLEXLPObjectiveConstant.parse(text) { problem.objectiveConstant = constant }
        try problem.validate()
        return problem
    }
}

/// The `OBJSENSE` section of MPS files (an extension that CPLEX, HiGHS and others read), in either form:
/// `OBJSENSE MAX` on one line, or `OBJSENSE` with `    MAX` on the next.
enum MPSObjectiveSense {
    /// Copies the MPS file at `source` to `destination` with `OBJSENSE MAX` after its `NAME` line (at the
    /// top without one), in pieces: a province's model file runs to hundreds of MB, never held whole.
    static func copyAddingMaximize(from source: String, to destination: String, pieceSize: Int = 1 << 20) throws(FileError) {
        let section = Data("OBJSENSE\n    MAX\n".utf8)
        let input: FileHandle, output: FileHandle
        do { input = try FileHandle(forReadingFrom: URL(fileURLWithPath: source)) } catch { throw .cannotRead(path: source, reason: .reason(of: error)) }
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: destination, contents: nil) else { throw .cannotWrite(path: destination, reason: SystemReason().wording) }
        do { output = try FileHandle(forWritingTo: URL(fileURLWithPath: destination)) } catch { throw .cannotWrite(path: destination, reason: .reason(of: error)) }
        defer { try? output.close() }
        do {
            var head = Data()
            var added = false
            while let piece = try input.read(upToCount: pieceSize), !piece.isEmpty {
                if added {
                    try output.write(contentsOf: piece)
                    continue
                }
                head.append(piece)
                if let end = endOfNameLine(in: head) {
                    try output.write(contentsOf: head[..<end] + section + head[end...])
                    added = true
                    head = Data()
                }
            }
            if !added { try output.write(contentsOf: section + head) }
        } catch {
            throw .cannotWrite(path: destination, reason: .reason(of: error))
        }
    }

    /// Where the line after the first complete line starting with `NAME` begins; nil before one is read.
    static func endOfNameLine(in data: Data) -> Data.Index? {
        var start = data.startIndex
        let name = Data("NAME".utf8)
        while start < data.endIndex {
            guard let newline = data[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            if data[start..<newline].starts(with: name) { return newline + 1 }
            start = newline + 1
        }
        return nil
    }

    /// The sense the text declares, and the text with the section commented out; nil without a section.
    static func parse(_ text: String) -> (sense: ObjectiveSense, textWithoutSection: String)? {
        var lines = text.components(separatedBy: "\n")
        guard let header = lines.firstIndex(where: { $0.uppercased().hasPrefix("OBJSENSE") }) else { return nil }
        var words = lines[header].split(separator: " ").dropFirst().map { $0.uppercased() }
        lines[header] = "* " + lines[header]
        if words.isEmpty, header + 1 < lines.count, lines[header + 1].first?.isWhitespace == true {
            words = lines[header + 1].split(separator: " ").map { $0.uppercased() }
            lines[header + 1] = "* " + lines[header + 1]
        }
        let sense: ObjectiveSense = ["MAX", "MAXIMIZE", "MAXIMISE"].contains(words.first ?? "") ? .maximize : .minimize
        return (sense, lines.joined(separator: "\n"))
    }
}

/// GLPK's CPLEX LP writer keeps the objective constant only as the comment `\* constant term = c *\`.
enum CPLEXLPObjectiveConstant {
    static func parse(_ text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix("\\* constant term = ") {
            let value = line.dropFirst("\\* constant term = ".count).prefix { !$0.isWhitespace }
            return Double(value)
        }
        return nil
    }
}

extension LinearProblem {
    /// Copies a GLPK problem object into Swift values.
    fileprivate init(reading glpkProblem: OpaquePointer) {
        func text(_ pointer: UnsafePointer<CChar>?, or fallback: String) -> String {
            pointer.map { String(cString: $0) } ?? fallback
        }
        let rowCount = Int(glp_get_num_rows(glpkProblem))
        let columnCount = Int(glp_get_num_cols(glpkProblem))
        var columns: [Column] = []
        columns.reserveCapacity(columnCount)
        for j in 1...max(columnCount, 1) where j <= columnCount {
            let index = Int32(j)
            let kind: ColumnKind = switch glp_get_col_kind(glpkProblem, index) {
            case GLP_BV: .binary
            case GLP_IV: .integer
            default: .continuous
            }
            columns.append(
                Column(
                    name: text(glp_get_col_name(glpkProblem, index), or: "x\(j)"), kind: kind,
                    bounds: GLPKBounds.bounds(
                        type: glp_get_col_type(glpkProblem, index), lower: glp_get_col_lb(glpkProblem, index),
                        upper: glp_get_col_ub(glpkProblem, index)),
                    objective: glp_get_obj_coef(glpkProblem, index)))
        }
        var rows: [Row] = []
        var entries: [MatrixEntry] = []
        var indices = [Int32](repeating: 0, count: columnCount + 1)
        var values = [Double](repeating: 0, count: columnCount + 1)
        for i in 1...max(rowCount, 1) where i <= rowCount {
            let index = Int32(i)
            rows.append(
                Row(
                    name: text(glp_get_row_name(glpkProblem, index), or: "r\(i)"),
                    bounds: GLPKBounds.bounds(
                        type: glp_get_row_type(glpkProblem, index), lower: glp_get_row_lb(glpkProblem, index),
                        upper: glp_get_row_ub(glpkProblem, index))))
            let length = Int(glp_get_mat_row(glpkProblem, index, &indices, &values))
            for k in 1...max(length, 1) where k <= length {
                entries.append(MatrixEntry(row: i - 1, column: Int(indices[k]) - 1, value: values[k]))
            }
        }
        self.init(
            name: text(glp_get_prob_name(glpkProblem), or: "problem"),
            objectiveName: text(glp_get_obj_name(glpkProblem), or: "obj"),
            sense: glp_get_obj_dir(glpkProblem) == GLP_MAX ? .maximize : .minimize,
            objectiveConstant: glp_get_obj_coef(glpkProblem, 0), columns: columns, rows: rows, entries: entries)
    }
}
