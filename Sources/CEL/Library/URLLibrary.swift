// Kubernetes URL library: url(), isURL() and accessors, after Go's net/url for the
// common cases (absolute URLs and absolute paths).

struct CELURL: CELObject, Hashable {
    let text: String
    let scheme: String
    /// host[:port] as written (IPv6 keeps its brackets).
    let host: String
    let path: String
    let rawQuery: String

    var celType: CELType { CELType("kubernetes.URL") }
    func isEqual(to other: any CELObject) -> Bool { (other as? CELURL) == self }
    var stringValue: String? { text }

    var hostname: String {
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            return String(host[host.index(after: host.startIndex)..<close])
        }
        if let colon = host.lastIndex(of: ":") { return String(host[..<colon]) }
        return host
    }

    var port: String {
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            let rest = host[host.index(after: close)...]
            return rest.hasPrefix(":") ? String(rest.dropFirst()) : ""
        }
        if let colon = host.lastIndex(of: ":") { return String(host[host.index(after: colon)...]) }
        return ""
    }

    static func parse(_ s: String) -> CELURL? {
        guard !s.isEmpty, !s.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) else { return nil }
        var rest = Substring(s)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var scheme = ""
        if let colon = rest.firstIndex(of: ":"), let first = rest.first, first.isASCII, first.isLetter,
           rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) {
            scheme = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        } else if !rest.hasPrefix("/") {
            return nil  // neither absolute URL nor absolute path
        }
        var host = ""
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            var authority = rest[..<end]
            rest = rest[end...]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            host = String(authority)
            if !validHost(host) { return nil }
        }
        var path = rest
        var query = Substring("")
        if let q = rest.firstIndex(of: "?") {
            path = rest[..<q]
            query = rest[rest.index(after: q)...]
        }
        guard percentDecode(String(path)) != nil else { return nil }
        return CELURL(text: s, scheme: scheme, host: host, path: String(path), rawQuery: String(query))
    }

    private static func validHost(_ h: String) -> Bool {
        if h.hasPrefix("[") {
            guard let close = h.firstIndex(of: "]") else { return false }
            let inner = String(h[h.index(after: h.startIndex)..<close])
            guard case .success = CELIPAddress.parse(inner.split(separator: "%").first.map(String.init) ?? "") else { return false }
            let after = h[h.index(after: close)...]
            return after.isEmpty || (after.hasPrefix(":") && after.dropFirst().allSatisfy { $0.isASCII && $0.isNumber })
        }
        var name = Substring(h)
        if let colon = h.lastIndex(of: ":") {
            guard h[h.index(after: colon)...].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            name = h[..<colon]
        }
        return !name.contains(":") && !name.contains("[") && !name.contains("]")
    }

    /// Query parameters in order of first appearance, values in order.
    var queryParameters: CELMap {
        var order: [String] = []
        var values: [String: [CELValue]] = [:]
        for pair in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = percentDecode(String(parts[0]), plusIsSpace: true) else { continue }
            let value = parts.count > 1 ? (percentDecode(String(parts[1]), plusIsSpace: true) ?? "") : ""
            if values[key] == nil { order.append(key) }
            values[key, default: []].append(.string(value))
        }
        var m = CELMap()
        for k in order { m.insert(key: .string(k), value: .list(values[k] ?? [])) }
        return m
    }
}

func percentDecode(_ s: String, plusIsSpace: Bool = false) -> String? {
    var out: [UInt8] = []
    let b = Array(s.utf8)
    var i = 0
    while i < b.count {
        if b[i] == UInt8(ascii: "%") {
            guard i + 2 < b.count, let h = Unicode.Scalar(b[i + 1]).hexValue, let l = Unicode.Scalar(b[i + 2]).hexValue else {
                return nil
            }
            out.append(UInt8(h * 16 + l))
            i += 3
        } else {
            out.append(plusIsSpace && b[i] == UInt8(ascii: "+") ? UInt8(ascii: " ") : b[i])
            i += 1
        }
    }
    return String(decoding: out, as: UTF8.self)
}

func registerURL(_ t: inout FunctionTable) {
    t.global("url", arity: 1) { a, _ throws(CELError) in
        guard case .string(let s) = a[0] else { throw argumentError("url", a) }
        guard let u = CELURL.parse(s) else { throw CELError.invalidArgument("URL parse error during conversion from string: \(s)") }
        return .object(u)
    }
    t.global("isURL", arity: 1) { a, _ throws(CELError) in
        guard case .string(let s) = a[0] else { throw argumentError("isURL", a) }
        return .bool(CELURL.parse(s) != nil)
    }
    let accessors: [(String, @Sendable (CELURL) -> CELValue)] = [
        ("getScheme", { .string($0.scheme) }), ("getHost", { .string($0.host) }),
        ("getHostname", { .string($0.hostname) }), ("getPort", { .string($0.port) }),
        ("getEscapedPath", { .string($0.path) }), ("getQuery", { .map($0.queryParameters) }),
    ]
    for (name, get) in accessors {
        t.receiver(name, arity: 0) { a, _ throws(CELError) in
            guard case .object(let u as CELURL) = a[0] else { throw argumentError(name, a) }
            return get(u)
        }
    }
}
