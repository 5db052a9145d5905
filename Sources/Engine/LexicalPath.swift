/// Paths resolved by their text alone, without touching the file system: file names stay the
/// ones the user typed (no symbolic links are followed), and resolving them costs nothing.
public enum LexicalPath {
    /// An absolute path with `.` and `..` segments and repeated slashes resolved.
    public static func normalized(_ absolute: String) -> String {
        var parts: [Substring] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` made absolute against `directory` (absolute) when it is relative, normalized.
    public static func absolute(_ path: String, from directory: String) -> String {
        normalized(path.hasPrefix("/") ? path : directory + "/" + path)
    }

    /// `path` (absolute, normalized) relative to `directory` (absolute, normalized), or nil
    /// when it is not inside it.
    public static func relative(_ path: String, to directory: String) -> String? {
        if directory == "/" { return path == "/" ? nil : String(path.dropFirst()) }
        guard path.hasPrefix(directory + "/") else { return nil }
        return String(path.dropFirst(directory.count + 1))
    }
}
