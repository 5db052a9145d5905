// Kubernetes IP and CIDR libraries (`ip`, `cidr`, `isIP`, `isCIDR`, ...), following Go
// net/netip: no zones, no leading zeros in IPv4 parts, no dotted IPv4-mapped IPv6.

public struct CELIPAddress: CELObject, Hashable {
    /// 16 bytes; IPv4 addresses are stored IPv4-mapped (::ffff:a.b.c.d).
    public let bytes: [UInt8]
    public let isIPv4: Bool

    public var celType: CELType { CELType("net.IP") }
    public func isEqual(to other: any CELObject) -> Bool {
        (other as? CELIPAddress)?.bytes == bytes
    }
    public var stringValue: String? { description }

    /// IPv4 or IPv4-mapped: properties are those of the IPv4 address.
    var isV4Like: Bool { isIPv4 || (bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF) }
    var v4: ArraySlice<UInt8> { bytes[12..<16] }

    public var description: String {
        if isIPv4 { return v4.map { String($0) }.joined(separator: ".") }
        var groups: [Int] = []
        for k in 0..<8 { groups.append(Int(bytes[2 * k]) << 8 | Int(bytes[2 * k + 1])) }
        if isV4Like { return "::ffff:" + v4.map { String($0) }.joined(separator: ".") }
        // RFC 5952: compress the longest run (length >= 2) of zero groups, first on ties.
        var bestStart = -1, bestLength = 0, k = 0
        while k < 8 {
            if groups[k] == 0 {
                var e = k
                while e < 8 && groups[e] == 0 { e += 1 }
                if e - k > bestLength && e - k >= 2 { bestStart = k; bestLength = e - k }
                k = e
            } else {
                k += 1
            }
        }
        func hex(_ r: Range<Int>) -> String { groups[r].map { String($0, radix: 16) }.joined(separator: ":") }
        if bestStart < 0 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }

    /// Parses an address; the error text names the problem.
    public static func parse(_ s: String) -> Result<CELIPAddress, CELError> {
        if s.contains("%") { return .failure(.invalidArgument("IP Address with zone value is not allowed")) }
        let bad = CELError.invalidArgument("IP Address '\(s)' parse error during conversion from string")
        if !s.contains(":") {
            guard let v4 = parseIPv4(s) else { return .failure(bad) }
            return .success(CELIPAddress(bytes: Array(repeating: 0, count: 10) + [0xFF, 0xFF] + v4, isIPv4: true))
        }
        guard let v6 = parseIPv6(s) else { return .failure(bad) }
        let mapped = v6[0..<10].allSatisfy { $0 == 0 } && v6[10] == 0xFF && v6[11] == 0xFF
        if mapped && s.contains(".") {
            return .failure(.invalidArgument("IPv4-mapped IPv6 address is not allowed"))
        }
        return .success(CELIPAddress(bytes: v6, isIPv4: false))
    }

    private static func parseIPv4(_ s: String) -> [UInt8]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }),
                  !(p.count > 1 && p.hasPrefix("0")), let v = UInt8(p) else { return nil }
            out.append(v)
        }
        return out
    }

    private static func parseIPv6(_ s: String) -> [UInt8]? {
        var text = Substring(s)
        var tail: [UInt8] = []
        // Trailing dotted IPv4 part.
        if let lastColon = text.lastIndex(of: ":"), text[lastColon...].contains(".") {
            guard let v4 = parseIPv4(String(text[text.index(after: lastColon)...])) else { return nil }
            tail = v4
            text = text[...lastColon]
            if text.hasSuffix("::") { } else { text = text.dropLast() }
        }
        let halves = text.components(separatedByDoubleColon: ())
        guard halves.count <= 2 else { return nil }
        func groups(_ part: Substring) -> [UInt8]? {
            if part.isEmpty { return [] }
            var out: [UInt8] = []
            for g in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let v = UInt16(g, radix: 16) else { return nil }
                out.append(UInt8(v >> 8)); out.append(UInt8(v & 0xFF))
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 {
            let all = head + tail
            return all.count == 16 ? all : nil
        }
        guard let rest = groups(halves[1]) else { return nil }
        let known = head.count + rest.count + tail.count
        guard known <= 14 else { return nil }
        return head + Array(repeating: 0, count: 16 - known) + rest + tail
    }
}

private extension Substring {
    /// Splits on "::" (at most meaningful once).
    func components(separatedByDoubleColon: ()) -> [Substring] {
        var parts: [Substring] = []
        var start = startIndex
        var i = startIndex
        while i < endIndex {
            let next = index(after: i)
            if self[i] == ":" && next < endIndex && self[next] == ":" {
                parts.append(self[start..<i])
                i = index(after: next)
                start = i
                if i < endIndex && self[i] == ":" { return [self, self, self] }  // ":::" is invalid
                continue
            }
            i = next
        }
        parts.append(self[start..<endIndex])
        return parts
    }
}

public struct CELCIDR: CELObject, Hashable {
    public let address: CELIPAddress
    public let prefixLength: Int

    public var celType: CELType { CELType("net.CIDR") }
    public func isEqual(to other: any CELObject) -> Bool { (other as? CELCIDR) == self }
    public var stringValue: String? { "\(address.description)/\(prefixLength)" }

    private var bitOffset: Int { address.isIPv4 ? 96 : 0 }

    public static func parse(_ s: String) -> Result<CELCIDR, CELError> {
        if s.contains("%") { return .failure(.invalidArgument("CIDR with zone value is not allowed")) }
        let bad = CELError.invalidArgument("network address parse error during conversion from string: \(s)")
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              !(parts[1].count > 1 && parts[1].hasPrefix("0")), let bits = Int(parts[1]) else { return .failure(bad) }
        switch CELIPAddress.parse(String(parts[0])) {
        case .failure(let e):
            if case .invalidArgument(let m) = e, m.contains("not allowed") { return .failure(e) }
            return .failure(bad)
        case .success(let ip):
            guard bits <= (ip.isIPv4 ? 32 : 128) else { return .failure(bad) }
            return .success(CELCIDR(address: ip, prefixLength: bits))
        }
    }

    func contains(_ ip: CELIPAddress) -> Bool {
        guard ip.isIPv4 == address.isIPv4 else { return false }
        return masked(ip.bytes) == masked(address.bytes)
    }

    private func masked(_ b: [UInt8]) -> [UInt8] {
        let total = bitOffset + prefixLength
        return b.enumerated().map { i, byte in
            let keep = max(0, min(8, total - i * 8))
            return keep == 8 ? byte : byte & UInt8(truncatingIfNeeded: 0xFF << (8 - keep))
        }
    }

    var maskedCIDR: CELCIDR {
        CELCIDR(address: CELIPAddress(bytes: masked(address.bytes), isIPv4: address.isIPv4), prefixLength: prefixLength)
    }
}

func registerNetwork(_ t: inout FunctionTable) {
    t.global("ip", arity: 1) { a, _ throws(CELError) in
        guard case .string(let s) = a[0] else { throw argumentError("ip", a) }
        return .object(try CELIPAddress.parse(s).get())
    }
    t.global("isIP", arity: 1) { a, _ throws(CELError) in
        guard case .string(let s) = a[0] else { throw argumentError("isIP", a) }
        if case .success = CELIPAddress.parse(s) { return .bool(true) }
        return .bool(false)
    }
    t.global("ip.isCanonical", arity: 1) { a, _ throws(CELError) in
        guard case .string(let s) = a[0] else { throw argumentError("ip.isCanonical", a) }
        return .bool(try CELIPAddress.parse(s).get().description == s)
    }
    t.global("cidr", arity: 1) { a, _ throws(CELError) in
        guard case .string(let s) = a[0] else { throw argumentError("cidr", a) }
        return .object(try CELCIDR.parse(s).get())
    }
    t.global("isCIDR", arity: 1) { a, _ throws(CELError) in
        guard case .string(let s) = a[0] else { throw argumentError("isCIDR", a) }
        if case .success = CELCIDR.parse(s) { return .bool(true) }
        return .bool(false)
    }
    let predicates: [(String, @Sendable (CELIPAddress) -> Bool)] = [
        ("isUnspecified", { ip in ip.isV4Like ? ip.v4.allSatisfy { $0 == 0 } : ip.bytes.allSatisfy { $0 == 0 } }),
        ("isLoopback", { ip in ip.isV4Like ? ip.v4.first == 127 : ip.bytes == Array(repeating: 0, count: 15) + [1] }),
        ("isLinkLocalMulticast", { ip in
            ip.isV4Like ? (ip.bytes[12] == 224 && ip.bytes[13] == 0 && ip.bytes[14] == 0)
                        : (ip.bytes[0] == 0xFF && ip.bytes[1] & 0x0F == 0x02) }),
        ("isLinkLocalUnicast", { ip in
            ip.isV4Like ? (ip.bytes[12] == 169 && ip.bytes[13] == 254)
                        : (ip.bytes[0] == 0xFE && ip.bytes[1] & 0xC0 == 0x80) }),
        ("isGlobalUnicast", { ip in
            if ip.isV4Like {
                let b = Array(ip.v4)
                if b == [255, 255, 255, 255] || b == [0, 0, 0, 0] { return false }
                return b[0] != 127 && b[0] < 224 && !(b[0] == 169 && b[1] == 254)
            }
            let zero = ip.bytes.allSatisfy { $0 == 0 }
            let loopback = ip.bytes == Array(repeating: 0, count: 15) + [1]
            return !zero && !loopback && ip.bytes[0] != 0xFF && !(ip.bytes[0] == 0xFE && ip.bytes[1] & 0xC0 == 0x80)
        }),
    ]
    for (name, test) in predicates {
        t.receiver(name, arity: 0) { a, _ throws(CELError) in
            guard case .object(let ip as CELIPAddress) = a[0] else { throw argumentError(name, a) }
            return .bool(test(ip))
        }
    }
    t.receiver("family", arity: 0) { a, _ throws(CELError) in
        guard case .object(let ip as CELIPAddress) = a[0] else { throw argumentError("family", a) }
        return .int(ip.isIPv4 ? 4 : 6)
    }
    t.receiver("containsIP", arity: 1) { a, _ throws(CELError) in
        guard case .object(let c as CELCIDR) = a[0] else { throw argumentError("containsIP", a) }
        switch a[1] {
        case .object(let ip as CELIPAddress): return .bool(c.contains(ip))
        case .string(let s): return .bool(c.contains(try CELIPAddress.parse(s).get()))
        default: throw argumentError("containsIP", a)
        }
    }
    t.receiver("containsCIDR", arity: 1) { a, _ throws(CELError) in
        guard case .object(let c as CELCIDR) = a[0] else { throw argumentError("containsCIDR", a) }
        let other: CELCIDR
        switch a[1] {
        case .object(let o as CELCIDR): other = o
        case .string(let s): other = try CELCIDR.parse(s).get()
        default: throw argumentError("containsCIDR", a)
        }
        return .bool(other.prefixLength >= c.prefixLength && c.contains(other.address))
    }
    t.receiver("ip", arity: 0) { a, _ throws(CELError) in
        guard case .object(let c as CELCIDR) = a[0] else { throw argumentError("ip", a) }
        return .object(c.address)
    }
    t.receiver("masked", arity: 0) { a, _ throws(CELError) in
        guard case .object(let c as CELCIDR) = a[0] else { throw argumentError("masked", a) }
        return .object(c.maskedCIDR)
    }
    t.receiver("prefixLength", arity: 0) { a, _ throws(CELError) in
        guard case .object(let c as CELCIDR) = a[0] else { throw argumentError("prefixLength", a) }
        return .int(Int64(c.prefixLength))
    }
}
