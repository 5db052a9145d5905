import Engine
import KubeFormats
/// File names as CI systems want them: relative to the repository root, and as URI
/// references for SARIF. Shared by the SARIF, JUnit and GitHub reporters.
public enum RepositoryPath {
    /// `file` relative to `root`: the root prefix and any leading `./` removed. A file outside
    /// the root (or any file when `root` is nil) keeps its name, less leading `./`.
    ///
    /// File names are given as typed, relative to the directory palisade ran in: with that
    /// directory (`workingDirectory`, absolute) and an absolute root, a relative name is first
    /// resolved against it, so `svc.yaml` checked from `repo/apps` is `apps/svc.yaml`, and a
    /// file outside the root gets its absolute path rather than a name relative to nothing.
    public static func relative(_ file: String, root: String?, workingDirectory: String? = nil) -> String {
        var path = file
        if let base = workingDirectory, base.hasPrefix("/"), !path.utf8.starts(with: "/".utf8),
           let root = normalizedRoot(root), root.hasPrefix("/") {
            path = LexicalPath.absolute(path, from: base)
        }
        // Compared as bytes, as the file system names files (see `LexicalPath`).
        if let root = normalizedRoot(root), let inside = LexicalPath.relative(path, to: root) {
            path = inside
        }
        while let rest = LexicalPath.remainder(of: path, after: "./") {
            path = rest
            while let trimmed = LexicalPath.remainder(of: path, after: "/") { path = trimmed }
        }
        return path
    }

    /// The root without trailing slashes, or nil when it strips nothing (`nil`, `""`, `.`).
    static func normalizedRoot(_ root: String?) -> String? {
        guard var root, !root.isEmpty else { return nil }
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        while root.hasPrefix("./") { root.removeFirst(2) }
        if root == "." || root.isEmpty { return nil }
        return root
    }

    /// Percent-encodes a path for use in a URI: every byte of its UTF-8 form except the RFC 3986
    /// unreserved characters and `/`. A `:` is encoded too, so a relative reference never reads
    /// as a scheme.
    public static func percentEncoded(_ path: String) -> String {
        var out = ""
        out.reserveCapacity(path.utf8.count)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a") ... UInt8(ascii: "z"), UInt8(ascii: "A") ... UInt8(ascii: "Z"),
                 UInt8(ascii: "0") ... UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}

/// A value worked out from a finding's file name once per run of findings in the same file:
/// reports list findings sorted by file, so remembering the last file is enough.
struct PerFile<Value> {
    /// Compared as bytes: Swift's `==` takes canonically equivalent names (`café` precomposed
    /// and decomposed) as equal, but they are different files, each reported as it is spelt.
    /// Findings of one file usually share their name's storage, so the pointers are compared
    /// first.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return a.withUTF8Bytes { x in
            b.withUTF8Bytes { y in
                if x.baseAddress == y.baseAddress { return true }
                for i in x.indices where x[i] != y[i] { return false }
                return true
            }
        }
    }

    private var last: (file: String, value: Value)?

    mutating func value(for file: String, _ make: (String) -> Value) -> Value {
        if let last, Self.sameBytes(last.file, file) { return last.value }
        let made = make(file)
        last = (file, made)
        return made
    }
}
