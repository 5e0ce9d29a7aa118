import ArgumentParser
import Foundation
import NTPPlanning
import NTPFiles
import NTPStore
import NTPText
import NTPWorkbench

/// `ntp serve`: the workbench, a local web application over the same workflow (docs/workbench.md).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the workbench: a web application to test scenarios, run and compare plans, and download the split.",
        discussion: """
            Listens on 127.0.0.1 (this machine only) and prints the address to open. Scenarios, their versions, \
            plans, runs and accounts are kept in the plan store (--store, SQLite), created on first start; the \
            shipped Scenarios/*.yaml are imported into it. On this machine no login is needed until an account \
            exists; with --host set to another address the workbench refuses to start without accounts: create \
            the first admin with --add-user (the password is read from standard input). Stop it with Ctrl-C; \
            runs it was making show as interrupted at the next start.
            """
    )

    @Option(help: "The address to listen on (127.0.0.1: this machine only; any other address needs accounts).")
    var host = "127.0.0.1"

    @Option(help: "The port (0: any free port).")
    var port = 8080

    @Option(help: "The plan store (SQLite), created if missing (default: $XDG_DATA_HOME/ntp/workbench.sqlite, else ~/.local/share/ntp/workbench.sqlite).")
    var store = PlanStore.defaultPath

    @Option(name: .customLong("data"), help: "The data folder (default: $NTP_DATA, else ./Data, else the data installed with ntp).")
    var dataFolder: String?

    @Option(help: "The folder whose *.yaml scenarios are imported at start, new ones and changed ones as a new version (default: Scenarios beside the data folder).")
    var scenarios: String?

    @Option(help: "Runs at once (default: the machine's cores); the others wait in the queue.")
    var runs = max(1, ProcessInfo.processInfo.activeProcessorCount)

    @Option(help: "Largest upload or form, in MB.")
    var maxUploadMb = 10

    @Option(help: "Create this account in the store and exit (the password is the first line of standard input).")
    var addUser: String?

    @Option(help: "With --add-user: viewer, planner or admin.")
    var role: Role = .admin

    @Option(help: "Language of what the command prints: vi or en (the pages' language is chosen on the pages).")
    var lang: Language = .vi

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError(lang("--port must be between 0 and 65535")) }
        guard runs >= 1 else { throw ValidationError(lang("--runs must be at least 1")) }
        guard (1...1024).contains(maxUploadMb) else { throw ValidationError(lang("--max-upload-mb must be between 1 and 1024")) }
    }

    /// Serves; the store's, the accounts' and the workbench's refusals end it in the language asked.
    func run() throws {
        do {
            try serve()
        } catch let error as WorkbenchError {
            throw refusal(error.message)
        } catch let error as StoreError {
            throw refusal(error.message)
        } catch let error as AccountError {
            throw refusal(error.message)
        }
    }

    private func refusal(_ message: Message) -> ExitCode {
        StandardError.write(lang("Error: \(message)") + "\n")
        return .failure
    }

    private func serve() throws {
        let planStore = try PlanStore(path: store)
        if let addUser {
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw ValidationError(lang("--add-user: give the password on standard input (e.g. printf '%s\\n' \"$PASSWORD\" | ntp serve --add-user \(addUser))"))
            }
            let user = try Accounts.add(name: addUser, password: password, role: role, store: planStore, actor: "ntp serve --add-user")
            print(lang("Account \(user.name) (\(user.role.rawValue)) created in \(store)"))
            return
        }
        let data = dataFolder ?? DataLocation.defaultFolder() ?? "Data"
        let shipped = scenarios ?? URL(fileURLWithPath: data).standardizedFileURL.deletingLastPathComponent().appendingPathComponent("Scenarios").path
        var configuration = WorkbenchConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.dataFolder = data
        configuration.scenariosFolder = FileManager.default.fileExists(atPath: shipped) ? shipped : nil
        configuration.concurrentRuns = runs
        configuration.maximumUploadBytes = maxUploadMb << 20
        let workbench = try Workbench(configuration: configuration, store: planStore)
        let prepared = try workbench.prepare()
        if prepared.interrupted > 0 { print(lang("\(prepared.interrupted) runs were interrupted when the server last stopped")) }
        let stopped = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        let storePath = store
        let lang = self.lang
        Task {
            do {
                try await workbench.run { address in
                    // Written at once, unbuffered: scripts wait for this line.
                    FileHandle.standardOutput.write(Data((lang("NTP workbench: \(address)  (store: \(storePath); Ctrl-C to stop)") + "\n").utf8))
                }
            } catch {
                failure.error = error
            }
            stopped.signal()
        }
        stopped.wait()
        if let error = failure.error { throw refusal("the workbench stopped: \(Message(.reason(of: error)))") }
    }
}

/// The error the server task ended with, handed to the waiting main thread.
private final class FailureBox: @unchecked Sendable {
    var error: (any Error)?
}

extension Role: ExpressibleByArgument {}
