import Foundation
import NTPText
import NTPStore

/// How `ntp serve` runs the workbench (docs/workbench.md).
public struct WorkbenchConfiguration: Sendable {
    /// The address to listen on: loopback by default. Any other address needs accounts.
    public var host = "127.0.0.1"
    /// 0: any free port (the address printed says which).
    public var port = 8080
    /// The data folder every scenario is read with.
    public var dataFolder = "Data"
    /// The folder whose `*.yaml` scenarios are imported into the store at start (new files, and files
    /// changed since, as a new version); nil for none.
    public var scenariosFolder: String? = "Scenarios"
    /// Runs at once; the rest wait in the queue.
    public var concurrentRuns = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Largest request body: an upload, a form.
    public var maximumUploadBytes = 10 << 20
    /// How long a login lasts without being used again.
    public var sessionLifetime: TimeInterval = 12 * 3600

    public init() {}

    /// Whether `host` is this machine only.
    public var isLoopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(host) || host.hasPrefix("127.") }
}

/// Why the workbench cannot start or do what was asked.
public enum WorkbenchError: Error, Sendable, CustomStringConvertible {
    /// Bound to another address than loopback with no account in the store.
    case accountsRequired(host: String, store: String)
    case store(StoreError)
    case inputs(StoredInputsError)
    /// A shipped scenario that cannot be read as content.
    case scenario(Message)

    /// What went wrong, in either language.
    public var message: Message {
        switch self {
        case .accountsRequired(let host, let store):
            "--host \(host) serves other machines, which needs accounts: create an admin first with `ntp serve --add-user NAME --role admin --store \(store)` (the password is read from standard input)"
        case .store(let error): error.message
        case .inputs(let error): error.message
        case .scenario(let message): message
        }
    }

    public var description: String { message.text(.en) }
}
