extension LinearProblem {
    /// The most rows and columns a GLPK problem object holds (`M_MAX`, `N_MAX` in GLPK's `prob1.c`); more
    /// is an internal error.
    static let elementLimit = 100_000_000
    /// The most constraint coefficients a GLPK problem object holds (`NNZ_MAX`).
    static let entryLimit = 500_000_000
    /// GLPK truncates longer names.
    static let nameByteLimit = 255

    /// Checks everything GLPK would abort on, plus what would make a model file ambiguous, and throws
    /// the first problem found. Every solve and every write calls it first.
    public func validate() throws(ProblemError) {
        try Self.checkSize(rows.count, "rows", limit: Self.elementLimit)
        try Self.checkSize(columns.count, "columns", limit: Self.elementLimit)
        try Self.checkSize(entries.count, "matrix entries", limit: Self.entryLimit)
        try Self.checkName(name, .problem, index: 0)
        try Self.checkName(objectiveName, .objective, index: 0)
        guard objectiveConstant.isFinite else { throw .nonFiniteObjectiveConstant(objectiveConstant) }

        try checkNames(columns.map(\.name), .column)
        for (index, column) in columns.enumerated() {
            try Self.checkValues(of: column, index: index)
        }

        try checkNames(rows.map(\.name), .row)
        for (index, row) in rows.enumerated() {
            try Self.checkBounds(row.bounds, .row, index: index, name: row.name)
        }

        var entryIndexByCell: [Int: Int] = [:]
        entryIndexByCell.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            guard rows.indices.contains(entry.row), columns.indices.contains(entry.column) else {
                throw .entryOutOfRange(
                    entry: index, row: entry.row, column: entry.column,
                    rowCount: rows.count, columnCount: columns.count)
            }
            guard entry.value.isFinite else {
                throw .nonFiniteCoefficient(
                    entry: index, row: rows[entry.row].name, column: columns[entry.column].name, value: entry.value)
            }
            if let first = entryIndexByCell.updateValue(index, forKey: entry.row * columns.count + entry.column) {
                throw .duplicateEntry(
                    row: rows[entry.row].name, column: columns[entry.column].name, firstEntry: first, secondEntry: index)
            }
        }
    }

    /// Checks what a model file of `format` can hold, on top of `validate()`. GLPK's writers would
    /// otherwise lose it silently: a free row is dropped (MPS reads it as a second objective, CPLEX LP
    /// has no such row), and the CPLEX LP writer renames names it cannot write.
    public func validate(for format: ModelFileFormat) throws(ProblemError) {
        try validate()
        for (index, row) in rows.enumerated() where row.bounds == .free {
            throw .notWritable(format, .row, index: index, name: row.name, reason: "a free row is not kept by the format")
        }
        guard format == .cplexLP else { return }
        let named: [(ProblemPart, [String])] = [(.column, columns.map(\.name)), (.row, rows.map(\.name)), (.objective, [objectiveName])]
        for (part, names) in named {
            for (index, name) in names.enumerated() {
                if let reason = Self.cplexLPNameProblem(name) { throw .notWritable(format, part, index: index, name: name, reason: reason) }
            }
        }
    }

    /// Every name is valid, and no two are equal.
    private func checkNames(_ names: [String], _ part: ProblemPart) throws(ProblemError) {
        var indexByName: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            try Self.checkName(name, part, index: index)
            if let first = indexByName.updateValue(index, forKey: name) {
                throw .duplicateName(part, name: name, firstIndex: first, secondIndex: index)
            }
        }
    }

    static func checkSize(_ count: Int, _ what: String, limit: Int) throws(ProblemError) {
        if count > limit { throw .tooLarge(what: what, count: count, limit: limit) }
    }

    /// A column's bounds, binary range and objective coefficient; `index` is its position in the problem.
    static func checkValues(of column: Column, index: Int) throws(ProblemError) {
        try checkBounds(column.bounds, .column, index: index, name: column.name)
        if column.kind == .binary { try checkBinaryBounds(column, index: index) }
        guard column.objective.isFinite else {
            throw .nonFiniteObjective(index: index, name: column.name, value: column.objective)
        }
    }

    static func checkName(_ name: String, _ part: ProblemPart, index: Int) throws(ProblemError) {
        guard !name.isEmpty else { throw .emptyName(part, index: index) }
        if name.utf8.count > Self.nameByteLimit {
            throw .invalidName(part, index: index, name: name, reason: "is longer than \(Self.nameByteLimit) bytes")
        }
        // Model files separate fields by blanks, and GLPK's LP writer replaces non-ASCII names.
        if let bad = name.unicodeScalars.first(where: { !(0x21...0x7E).contains($0.value) }) {
            let what = bad.properties.isWhitespace ? "a blank" : "the character U+\(String(bad.value, radix: 16, uppercase: true))"
            throw .invalidName(part, index: index, name: name, reason: "contains \(what)")
        }
    }

    static func checkBounds(_ bounds: Bounds, _ part: ProblemPart, index: Int, name: String) throws(ProblemError) {
        for value in [bounds.lower, bounds.upper].compactMap({ $0 }) where !value.isFinite {
            throw .nonFiniteBound(part, index: index, name: name, value: value)
        }
        if let lower = bounds.lower, let upper = bounds.upper, lower > upper {
            throw .inconsistentBounds(part, index: index, name: name, lower: lower, upper: upper)
        }
    }

    static func checkBinaryBounds(_ column: Column, index: Int) throws(ProblemError) {
        guard let lower = column.bounds.lower, let upper = column.bounds.upper,
            lower == 0 || lower == 1, upper == 0 || upper == 1
        else { throw .binaryBoundsOutsideZeroOne(index: index, name: column.name, bounds: column.bounds) }
    }

    /// Characters the CPLEX LP format allows in a name besides letters and digits (GLPK's `glpcpx.c`).
    private static let cplexLPSymbols = Set("!\"#$%&()/,.;?@_`'{}|~")
    /// Words the CPLEX LP reader takes as section keywords.
    private static let cplexLPKeywords: Set<String> = [
        "minimize", "minimum", "min", "maximize", "maximum", "max", "st", "s.t.", "st.", "subject", "such",
        "bounds", "bound", "general", "generals", "gen", "integer", "integers", "int", "binary", "binaries",
        "bin", "end", "free", "infinity", "inf",
    ]

    static func cplexLPNameProblem(_ name: String) -> String? {
        if let first = name.first, first.isNumber || first == "." { return "it starts with a digit or a period" }
        if let bad = name.first(where: { !($0.isASCII && ($0.isLetter || $0.isNumber)) && !cplexLPSymbols.contains($0) }) {
            return "it contains “\(bad)”"
        }
        if cplexLPKeywords.contains(name.lowercased()) { return "it is a keyword of the format" }
        return nil
    }
}
