import Foundation
import NTPFiles

extension PlanDocument {
    /// Writes the plan to `path` as a whole (`OutputFile`): a regular file, which is replaced, or a new
    /// path; never a folder, device, named pipe or symbolic link. A failure leaves `path` as it was.
    public func write(to url: URL) throws(PlanningError) {
        let path = url.path
        let data: Data
        do { data = try encoded() } catch { throw .planFile(path: path, reason: "cannot encode the plan (\(error))") }
        do { try OutputFile.write(data, to: path) } catch { throw .file(error) }
    }
}
