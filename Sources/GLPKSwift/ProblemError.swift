/// Which part of a problem an error is about.
public enum ProblemPart: String, Sendable {
    case row
    case column
    case problem
    case objective
}

/// A problem that GLPK must not see: each case names the offending element and value, then the fix.
public enum ProblemError: Error, Sendable, CustomStringConvertible {
    case emptyName(ProblemPart, index: Int)
    case invalidName(ProblemPart, index: Int, name: String, reason: String)
    case duplicateName(ProblemPart, name: String, firstIndex: Int, secondIndex: Int)
    case nonFiniteBound(ProblemPart, index: Int, name: String, value: Double)
    case inconsistentBounds(ProblemPart, index: Int, name: String, lower: Double, upper: Double)
    case binaryBoundsOutsideZeroOne(index: Int, name: String, bounds: Bounds)
    case nonFiniteObjective(index: Int, name: String, value: Double)
    case nonFiniteObjectiveConstant(Double)
    case entryOutOfRange(entry: Int, row: Int, column: Int, rowCount: Int, columnCount: Int)
    case nonFiniteCoefficient(entry: Int, row: String, column: String, value: Double)
    case duplicateEntry(row: String, column: String, firstEntry: Int, secondEntry: Int)
    case tooLarge(what: String, count: Int, limit: Int)
    case notWritable(ModelFileFormat, ProblemPart, index: Int, name: String, reason: String)

    public var description: String {
        switch self {
        case .emptyName(let part, let index):
            "\(part) \(index) has an empty name; give every row and column a name"
        case .invalidName(let part, let index, let name, let reason):
            "\(part) \(index) has the name \(quoted(name)), which \(reason); use printable ASCII without spaces "
                + "(keep Vietnamese names in the model layer and map them)"
        case .duplicateName(let part, let name, let first, let second):
            "\(part)s \(first) and \(second) are both named \(quoted(name)); names must be unique"
        case .nonFiniteBound(let part, let index, let name, let value):
            "\(part) \(index) \(quoted(name)) has the bound \(value); bounds must be finite "
                + "(leave a side open with .atLeast, .atMost or .free instead)"
        case .inconsistentBounds(let part, let index, let name, let lower, let upper):
            "\(part) \(index) \(quoted(name)) has lower bound \(lower) above upper bound \(upper)"
        case .binaryBoundsOutsideZeroOne(let index, let name, let bounds):
            "binary column \(index) \(quoted(name)) has bounds \(bounds); a binary column may only be "
                + "between 0 and 1 or fixed at 0 or 1"
        case .nonFiniteObjective(let index, let name, let value):
            "column \(index) \(quoted(name)) has the objective coefficient \(value); it must be finite"
        case .nonFiniteObjectiveConstant(let value):
            "the objective constant is \(value); it must be finite"
        case .entryOutOfRange(let entry, let row, let column, let rowCount, let columnCount):
            "matrix entry \(entry) is at (row \(row), column \(column)), outside the \(rowCount) rows "
                + "× \(columnCount) columns of the problem (indices are 0-based)"
        case .nonFiniteCoefficient(let entry, let row, let column, let value):
            "matrix entry \(entry) at (\(quoted(row)), \(quoted(column))) is \(value); coefficients must be finite"
        case .duplicateEntry(let row, let column, let first, let second):
            "matrix entries \(first) and \(second) are both at (\(quoted(row)), \(quoted(column))); "
                + "add the coefficients into one entry"
        case .tooLarge(let what, let count, let limit):
            "the problem has \(count) \(what); GLPK takes at most \(limit)"
        case .notWritable(let format, let part, let index, let name, let reason):
            "\(part) \(index) \(quoted(name)) cannot be written as \(format.rawValue): \(reason) "
                + "(GLPK would silently change it); change the \(part) or choose another format"
        }
    }
}

private func quoted(_ name: String) -> String { "“\(name)”" }
