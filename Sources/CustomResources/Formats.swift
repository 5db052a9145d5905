import CEL
import KubeFormats
import YAMLTree

/// The `format`s the API server checks on custom resources (a subset of its list: the
/// others are accepted as documentation).
enum Formats {
    static let known: Set<String> = [
        "int32", "int64", "float", "double", "byte", "date", "date-time", "datetime", "duration", "uuid", "uuid3",
        "uuid4", "uuid5", "ipv4", "ipv6", "cidr", "mac", "hostname", "email", "uri", "password", "binary",
        "bsonobjectid", "isbn", "isbn10", "isbn13", "creditcard", "ssn", "hexcolor", "rgbcolor",
    ]

    /// What is wrong with the value for the format, or nil.
    static func check(_ node: YAMLNode, format: String) -> String? {
        switch format {
        case "int32":
            guard node.resolvedType == .int, let v = node.intValue else { return nil }
            return v < Int64(Int32.min) || v > Int64(Int32.max) ? "\(v) does not fit in int32 (format int32)" : nil
        case "int64":
            guard node.resolvedType == .int else { return nil }
            return node.intValue == nil ? "\(node.scalar ?? "") does not fit in int64 (format int64)" : nil
        case "float":
            guard let v = node.doubleValue, node.resolvedType == .float else { return nil }
            return abs(v) > Double(Float.greatestFiniteMagnitude) ? "\(v) does not fit in a float (format float)" : nil
        default:
            break
        }
        guard node.resolvedType == .string, let text = node.scalar else { return nil }
        let ok: Bool
        switch format {
        case "byte": ok = Base64.validate(text) == nil
        case "date-time", "datetime": ok = CELTimestamp.parse(text) != nil
        case "date": ok = isDate(text)
        case "duration": ok = isDuration(text)
        case "uuid", "uuid3", "uuid4", "uuid5": ok = isUUID(text)
        case "ipv4": ok = isIPv4(text)
        case "ipv6": ok = isIPv6(text)
        case "cidr":
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, let bits = Int(parts[1]) {
                let ip = String(parts[0])
                ok = (isIPv4(ip) && bits >= 0 && bits <= 32) || (isIPv6(ip) && bits >= 0 && bits <= 128)
            } else {
                ok = false
            }
        case "mac":
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            ok = (parts.count == 6 || parts.count == 8) && parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isHexDigit) }
        case "hostname":
            ok = !text.isEmpty && text.count <= 253 && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
                !$0.isEmpty && $0.count <= 63 && $0.first != "-" && $0.last != "-"
                    && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
        case "email":
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            ok = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasSuffix(".")
        case "uri":
            ok = text.contains(":") && text.first?.isLetter == true && !text.contains(" ")
        default:
            return nil
        }
        return ok ? nil : "\"\(text)\" is not a valid \(format) (format \(format))"
    }

    static func isDate(_ s: String) -> Bool {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), (1 ... 12).contains(m) else { return false }
        let days = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1 ... days[m - 1]).contains(d)
    }

    /// Go `time.ParseDuration` syntax: `1h30m`, `-1.5s`, `300ms`, `0`.
    static func isDuration(_ s: String) -> Bool {
        var rest = Substring(s)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        if rest == "0" { return true }
        guard !rest.isEmpty else { return false }
        let units = ["ns", "us", "µs", "μs", "ms", "s", "m", "h"]
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1 else { return false }
            rest = rest.dropFirst(number.count)
            guard let unit = units.sorted(by: { $0.count > $1.count }).first(where: { rest.hasPrefix($0) }) else { return false }
            rest = rest.dropFirst(unit.count)
        }
        return true
    }

    static func isUUID(_ s: String) -> Bool {
        let groups = s.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        return groups == [8, 4, 4, 4, 12] && s.allSatisfy { $0 == "-" || $0.isHexDigit }
    }

    static func isIPv4(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy {
            !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && Int($0).map { (0 ... 255).contains($0) } == true
                && !($0.count > 1 && $0.first == "0")
        }
    }

    static func isIPv6(_ s: String) -> Bool {
        guard s.contains(":"), s.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
        var halves: [Substring] = []
        var rest = Substring(s)
        while let r = rest.firstRange(of: "::") {
            halves.append(rest[..<r.lowerBound])
            rest = rest[r.upperBound...]
        }
        halves.append(rest)
        guard halves.count <= 2 else { return false }
        var groups = 0
        for (i, half) in halves.enumerated() where !half.isEmpty {
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            for (j, p) in parts.enumerated() {
                if j == parts.count - 1, i == halves.count - 1, p.contains(".") {
                    guard isIPv4(String(p)) else { return false }
                    groups += 2
                    continue
                }
                guard (1 ... 4).contains(p.count), p.allSatisfy(\.isHexDigit) else { return false }
                groups += 1
            }
        }
        return halves.count == 2 ? groups < 8 : groups == 8
    }
}
