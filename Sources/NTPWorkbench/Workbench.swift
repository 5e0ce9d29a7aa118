import Foundation
import Hummingbird
import Logging
import NIOCore
import NTPData
import NTPStore
import NTPText

/// The workbench: a local web application over the planning workflow (docs/workbench.md). It holds no
/// planning rule of its own: pages and the `/api` call `NTPPlanning` and `NTPReports` through the plan
/// store's stored inputs, exactly as `ntp` does.
public final class Workbench: Sendable {
    public let configuration: WorkbenchConfiguration
    let store: PlanStore
    let inputs: StoredInputs
    let runs: RunQueue
    let security: Security
    let views = Views()
    /// Reports, pages and downloads of what never changes once stored: at most 512 of them, 128 MB.
    let cache = RenderCache(capacity: 512, byteBudget: 128 << 20)

    /// Opens the store's inputs with the data folder; `prepare()` then readies the store.
    public init(configuration: WorkbenchConfiguration, store: PlanStore) throws(WorkbenchError) {
        self.configuration = configuration
        self.store = store
        do { inputs = try StoredInputs(store: store, dataFolder: configuration.dataFolder) } catch { throw .inputs(error) }
        do { security = try Security(store: store, configuration: configuration) } catch { throw .store(error) }
        runs = RunQueue(store: store, inputs: inputs, limit: configuration.concurrentRuns)
    }

    /// Before serving: refuses to serve other machines without accounts, marks the runs a stopped server
    /// left as interrupted, imports the shipped scenarios that are new or changed, starts queued runs.
    /// Returns what it did, for the start-up message.
    @discardableResult
    public func prepare() throws(WorkbenchError) -> (interrupted: Int, imported: [String]) {
        do {
            if try !configuration.isLoopback && store.userCount() == 0 {
                throw WorkbenchError.accountsRequired(host: configuration.host, store: store.path ?? "")
            }
            let interrupted = try store.interruptUnfinishedRuns()
            try store.removeExpiredSessions()
            let imported = try configuration.scenariosFolder.map { try importShipped(from: $0) } ?? []
            return (interrupted, imported)
        } catch let error as WorkbenchError {
            throw error
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .scenario(.verbatim("\(error)"))
        }
    }

    /// Each `*.yaml` of `folder` with the files it names: a new scenario when the store has none from that
    /// file, a new version when its content changed since the latest one.
    func importShipped(from folder: String) throws -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        var imported: [String] = []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            let bundle: ScenarioBundle
            do { bundle = try inputs.bundle(scenario: path) } catch { throw WorkbenchError.scenario(inputs.hidingFolders("\(path): \(error.message)")) }
            let title = (try? inputs.loaded(bundle).budget.name) ?? name
            if let scenario = try store.shippedScenario(sourceName: name) {
                let latest = try store.versions(of: scenario.id!)[0]
                guard latest.digest != bundle.digest else { continue }
                try store.addVersion(scenario: scenario.id!, basedOn: latest.number, bundle: bundle, note: "\(name) changed in \(folder)", actor: "server")
            } else {
                try store.addScenario(name: title, origin: .shipped, sourceName: name, bundle: bundle, note: "\(folder)/\(name)", actor: "server")
            }
            imported.append(name)
        }
        return imported
    }

    /// Every route of the workbench: pages, `/api`, `/openapi.yaml` and the static files.
    public func router() -> Router<WorkbenchContext> {
        let router = Router(context: WorkbenchContext.self)
        router.add(middleware: SecurityMiddleware(security: security, views: views))
        addStaticRoutes(router)
        addAccountRoutes(router)
        addScenarioRoutes(router)
        addRunRoutes(router)
        addPlanRoutes(router)
        addAPIRoutes(router)
        return router
    }

    /// The HTTP application, listening on the configured address; `onRunning` hears the address once it
    /// listens (the port may have been chosen by the system).
    public func application(onRunning: @escaping @Sendable (String) -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "ntp.workbench")
        logger.logLevel = .warning
        let host = configuration.host
        return Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "ntp workbench"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                onRunning("http://\(host.contains(":") ? "[\(host)]" : host):\(port)/")
            },
            logger: logger)
    }

    /// Serves until the process is told to stop (SIGINT, SIGTERM). Runs in progress are left to the
    /// next start, which shows them as interrupted.
    public func run(onRunning: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        runs.pump()
        try await application(onRunning: onRunning).runService()
    }

    /// Waits until no run is queued or running.
    public func idle() async { await runs.idle() }
}
