import CGLPK
import CGLPKShim
import Foundation

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
    /// Writes `problem` to `url`. The file appears whole or not at all: GLPK writes a temporary file in the
    /// same folder, which is then renamed over the destination.
    public static func write(_ problem: LinearProblem, to url: URL, format: ModelFileFormat) throws {
        switch format {
        case .cplexLP: try problem.validateForCPLEXLP()
        case .freeMPS, .fixedMPS: try problem.validate()
        }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try Session.run(output: nil) { session in
            let glpkProblem = try session.load(problem)
            var code: Int32 = 0
            let status = temporary.path.withCString { path in
                switch format {
                case .freeMPS: ntp_write_mps(glpkProblem, GLP_MPS_FILE, path, &code)
                case .fixedMPS: ntp_write_mps(glpkProblem, GLP_MPS_DECK, path, &code)
                case .cplexLP: ntp_write_lp(glpkProblem, path, &code)
                }
            }
            try session.check(status)
            if code != 0 { throw GLPKError.modelFile(path: url.path, operation: "write", log: session.log) }
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw GLPKError.modelFile(path: url.path, operation: "write", log: String(cString: strerror(errno)))
        }
    }

    /// Reads a model file into a `LinearProblem`, which is then validated like any other.
    public static func read(from url: URL, format: ModelFileFormat) throws -> LinearProblem {
        let problem = try Session.run(output: nil) { session in
            var read: OpaquePointer?
            var code: Int32 = 0
            let status = url.path.withCString { path in
                switch format {
                case .freeMPS: ntp_read_mps(GLP_MPS_FILE, path, &read, &code)
                case .fixedMPS: ntp_read_mps(GLP_MPS_DECK, path, &read, &code)
                case .cplexLP: ntp_read_lp(path, &read, &code)
                }
            }
            try session.check(status)
            guard code == 0, let read else { throw GLPKError.modelFile(path: url.path, operation: "read", log: session.log) }
            return LinearProblem(reading: read)
        }
        try problem.validate()
        return problem
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
