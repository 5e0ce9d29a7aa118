import Foundation

/// A fresh folder of the test's own under the system's temporary folder.
func scratchFolder(_ name: String = #function) throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("ntp-files-\(name.filter(\.isLetter))-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func join(_ folder: String, _ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

/// The names in `folder`, sorted.
func names(_ folder: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }

/// The id of a process that has ended: a child that ran `true` and was waited for.
func endedProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}
