import ArgumentParser
import Foundation

extension Check {
    /// Checked before anything is read: two `--output`s naming one file would leave only the
    /// last report in it, so that is a usage error, however the file is spelled.
    func validate() throws {
        var seen: [String: String] = [:]
        for target in output {
            guard let file = target.file else { continue }
            let key = Self.reportPathKey(file)
            let spelled = "\(target.format.rawValue)=\(file)"
            if let first = seen[key] {
                throw failUsage("--output \(first) and --output \(spelled) write to the same file")
            }
            seen[key] = spelled
        }
    }

    /// The absolute path a report file is written to, symlinks resolved; for a file that does not
    /// exist yet, its folder resolved, then its name.
    static func reportPathKey(_ file: String) -> String {
        let url = URL(fileURLWithPath: file).standardizedFileURL
        if FileManager.default.fileExists(atPath: url.path) { return url.resolvingSymlinksInPath().path }
        return url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent).path
    }
}
