import NTPText
import XLSXSwift

extension XLSXReadError {
    /// The reader's problem in either language: XLSXSwift writes it once as an English template with
    /// its values (`Problem.wording`), the catalogue holds its Vietnamese. The package part comes first
    /// when no sheet names the place (a sheet and a cell are the diagnostic's own place).
    var message: Message {
        if sheet == nil, let part { return "\(part): \(Message(problem.wording))" }
        return Message(problem.wording)
    }
}
