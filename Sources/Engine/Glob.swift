/// Path globs for `exclude` and scoped overrides: `*` and `?` stay inside one path segment,
/// `**` spans segments. A pattern without `/` matches the file name anywhere in the tree.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let parts: [UInt8]

    public init(_ pattern: String) {
        self.pattern = pattern
        var p = pattern
        if p.hasPrefix("./") { p.removeFirst(2) }
        if !p.contains("/") { p = "**/" + p }
        parts = Array(p.utf8)
    }

    public func matches(_ path: String) -> Bool {
        var path = path
        if path.hasPrefix("./") { path.removeFirst(2) }
        let text = Array(path.utf8)
        // A directory pattern also matches everything below it.
        return Self.match(parts[...], text[...]) || Self.match(parts[...] + Array("/**".utf8), text[...])
    }

    private static func match(_ p: ArraySlice<UInt8>, _ t: ArraySlice<UInt8>) -> Bool {
        var p = p, t = t
        while let c = p.first {
            if c == UInt8(ascii: "*") {
                if p.dropFirst().first == UInt8(ascii: "*") {
                    var rest = p.dropFirst(2)
                    if rest.first == UInt8(ascii: "/") { rest = rest.dropFirst() }
                    // `**/` matches zero or more whole segments.
                    var candidate = t
                    while true {
                        if match(rest, candidate) { return true }
                        guard let slash = candidate.firstIndex(of: UInt8(ascii: "/")) else { break }
                        candidate = candidate[(slash + 1)...]
                    }
                    return rest.isEmpty
                }
                let rest = p.dropFirst()
                var candidate = t
                while true {
                    if match(rest, candidate) { return true }
                    guard let first = candidate.first, first != UInt8(ascii: "/") else { return false }
                    candidate = candidate.dropFirst()
                }
            }
            guard let tc = t.first else { return false }
            if c == UInt8(ascii: "?") ? tc == UInt8(ascii: "/") : c != tc { return false }
            p = p.dropFirst()
            t = t.dropFirst()
        }
        return t.isEmpty
    }
}
