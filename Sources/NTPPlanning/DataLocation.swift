import Foundation

/// Where the shipped data (catalogs, localities, transcribed plans) is found when the user names no
/// data folder, so that `ntp` works from any folder: the user's own scenario files need not sit in the
/// project.
public enum DataLocation {
    /// The environment variable that names a data folder for every run.
    public static let environmentVariable = "NTP_DATA"

    /// The first of: `$NTP_DATA`; `Data` in the current folder (running inside the project); the data
    /// installed beside the program (`PREFIX/share/ntp/Data` for `PREFIX/bin/ntp`); the `Data` of the
    /// project the program was built in (`PROJECT/.build/CONFIGURATION/ntp`). Nil when none exists.
    public static func defaultFolder(
        environment: [String: String] = ProcessInfo.processInfo.environment, currentFolder: String = FileManager.default.currentDirectoryPath,
        executable: URL? = Bundle.main.executableURL
    ) -> String? {
        if let named = environment[environmentVariable], !named.isEmpty { return named }
        var candidates = [URL(fileURLWithPath: currentFolder).appendingPathComponent("Data")]
        if let program = executable?.resolvingSymlinksInPath() {
            let bin = program.deletingLastPathComponent()
            candidates.append(bin.deletingLastPathComponent().appendingPathComponent("share/ntp/Data"))
            // .build/<configuration>/ntp, or .build/<triple>/<configuration>/ntp
            for up in 2...3 {
                var project = bin
                for _ in 0..<up { project = project.deletingLastPathComponent() }
                candidates.append(project.appendingPathComponent("Data"))
            }
        }
        for candidate in candidates where isDataFolder(candidate) {
            return candidate.standardizedFileURL.path == URL(fileURLWithPath: currentFolder).appendingPathComponent("Data").standardizedFileURL.path
                ? "Data" : candidate.standardizedFileURL.path
        }
        return nil
    }

    /// A folder with the catalogs a data folder has.
    static func isDataFolder(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("catalogs/programs.yaml").path)
    }
}
