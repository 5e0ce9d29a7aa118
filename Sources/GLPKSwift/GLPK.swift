import CGLPK
import CGLPKShim

/// The entry points of the GLPK binding: solves, model files, and facts about the linked library.
///
/// Every call is synchronous and self-contained: it opens a GLPK session on the calling thread, does its
/// work, and frees GLPK's state before returning, so it is safe to call from any thread, and calls on
/// separate threads run in parallel when GLPK is reentrant (`isReentrant`; Debian's build is). No call
/// can crash the process: inputs are validated in Swift first, and a GLPK internal error that gets past
/// them is caught and thrown as `GLPKError.internalError`.
public enum GLPK {
    /// The linked GLPK version, e.g. "5.0".
    public static var version: String { String(cString: glp_version()) }

    /// Whether GLPK keeps its state per thread. When it does not, GLPK calls are serialized.
    public static var isReentrant: Bool { Runtime.isReentrant }
}

extension GLPK {
    /// Makes a deliberately bad GLPK call inside the guard and throws what the guard turns it into. It
    /// exists to prove the last line of defence works (the tests call it); nothing else should.
    static func provokeInternalError() throws {
        try Session.run(output: nil) { session in try session.check(ntp_provoke_error()) }
    }
}
