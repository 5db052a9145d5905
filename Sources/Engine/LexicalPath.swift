/// Paths resolved by their text alone, without touching the file system: file names stay the
/// ones the user typed (no symbolic links are followed), and resolving them costs nothing.
/// Work is done on UTF-8 bytes, as the file system sees names: a `/` followed by a combining
/// mark is still a separator, though it is one `Character` with it.
public enum LexicalPath {
    static let slash = UInt8(ascii: "/")

    /// An absolute path with `.` and `..` segments and repeated slashes resolved.
    public static func normalized(_ absolute: String) -> String {
        var parts: [Substring.UTF8View.SubSequence] = []
        for part in Substring(absolute).utf8.split(separator: slash, omittingEmptySubsequences: true) {
            if part.elementsEqual(".".utf8) { continue }
            if part.elementsEqual("..".utf8) {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(absolute.utf8.count + 1)
        for part in parts {
            bytes.append(slash)
            bytes.append(contentsOf: part)
        }
        return bytes.isEmpty ? "/" : String(decoding: bytes, as: UTF8.self)
    }

    /// `path` made absolute against `directory` (absolute) when it is relative, normalized.
    public static func absolute(_ path: String, from directory: String) -> String {
        normalized(path.utf8.first == slash ? path : directory + "/" + path)
    }

    /// `path` (absolute, normalized) relative to `directory` (absolute, normalized), or nil
    /// when it is not inside it.
    public static func relative(_ path: String, to directory: String) -> String? {
        let prefix = directory == "/" ? "/" : directory + "/"
        return remainder(of: path, after: prefix).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `text` less `prefix`, compared as bytes, or nil when it does not start with it.
    public static func remainder(of text: String, after prefix: String) -> String? {
        let t = text.utf8, p = prefix.utf8
        guard t.starts(with: p) else { return nil }
        return String(decoding: t.dropFirst(p.count), as: UTF8.self)
    }

    /// The directory part of `path` (everything before its last `/`), "" when there is none.
    public static func directory(of path: String) -> String {
        guard let last = path.utf8.lastIndex(of: slash) else { return "" }
        return String(decoding: path.utf8[..<last], as: UTF8.self)
    }
}
