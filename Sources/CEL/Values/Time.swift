// Timestamps and durations without Foundation: civil-date arithmetic, RFC 3339 and Go
// duration syntax.

/// An instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z.
public struct CELTimestamp: Sendable, Hashable, Comparable {
    public let seconds: Int64
    /// 0 ..< 1_000_000_000
    public let nanos: Int32

    static let minSeconds: Int64 = -62_135_596_800  // 0001-01-01T00:00:00Z
    static let maxSeconds: Int64 = 253_402_300_799  // 9999-12-31T23:59:59Z

    /// Fails with a range error outside the representable years.
    public init(seconds: Int64, nanos: Int32 = 0) throws(CELError) {
        var s = seconds, n = Int64(nanos)
        if n < 0 || n >= 1_000_000_000 {
            s = s &+ n / 1_000_000_000 // nanos is tiny, no overflow risk beyond the range check below
            n %= 1_000_000_000
            if n < 0 { n += 1_000_000_000; s = s &- 1 }
        }
        guard s >= Self.minSeconds, s <= Self.maxSeconds else {
            throw CELError.invalidArgument("timestamp out of range")
        }
        self.seconds = s
        self.nanos = Int32(n)
    }

    public static func < (a: CELTimestamp, b: CELTimestamp) -> Bool {
        (a.seconds, a.nanos) < (b.seconds, b.nanos)
    }

    func adding(_ d: CELDuration) throws(CELError) -> CELTimestamp {
        let (ds, dn) = d.nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        let (s, o) = seconds.addingReportingOverflow(ds)
        if o { throw CELError.invalidArgument("timestamp out of range") }
        return try CELTimestamp(seconds: s, nanos: Int32(Int64(nanos) + dn))
    }

    func difference(_ other: CELTimestamp) throws(CELError) -> CELDuration {
        let ds = seconds - other.seconds  // both within ±2.6e11, cannot overflow
        let (ns, o1) = ds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, o2) = ns.addingReportingOverflow(Int64(nanos) - Int64(other.nanos))
        if o1 || o2 { throw CELError.invalidArgument("duration out of range") }
        return CELDuration(nanoseconds: total)
    }

    /// RFC 3339 text with trailing zeros of the fraction removed, in UTC.
    public var description: String {
        let c = CivilTime(secondsSinceEpoch: seconds)
        var s = pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) + "T"
        s += pad(c.hour, 2) + ":" + pad(c.minute, 2) + ":" + pad(c.second, 2)
        if nanos != 0 {
            var frac = pad(Int(nanos), 9)
            while frac.hasSuffix("0") { frac.removeLast() }
            s += "." + frac
        }
        return s + "Z"
    }

    /// Parses RFC 3339 (`2009-02-13T23:31:30.5Z`, `...+05:30`).
    public static func parse(_ text: String) -> CELTimestamp? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2) else { return nil }
        guard i < b.count, b[i] == 84 || b[i] == 116 else { return nil }  // T or t
        i += 1
        guard let hour = digits(2), expect(58), let minute = digits(2), expect(58), let second = digits(2) else { return nil }
        var nanos = 0
        if i < b.count && b[i] == 46 {
            i += 1
            var count = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if count < 9 { nanos = nanos * 10 + Int(b[i] - 48) }
                count += 1; i += 1
            }
            guard count > 0 else { return nil }
            for _ in min(count, 9)..<9 { nanos *= 10 }
        }
        var offset = 0
        guard i < b.count else { return nil }
        if b[i] == 90 || b[i] == 122 {  // Z
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            let sign = b[i] == 45 ? -1 : 1
            i += 1
            guard let oh = digits(2), expect(58), let om = digits(2), oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == b.count, (1...12).contains(month), day >= 1, day <= daysInMonth(year, month),
              hour < 24, minute < 60, second < 60 else { return nil }
        let days = daysFromCivil(year, month, day)
        let secs = Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        return try? CELTimestamp(seconds: secs, nanos: Int32(nanos))
    }
}

/// A signed span of time in nanoseconds (the range of Go's time.Duration, ±292 years).
public struct CELDuration: Sendable, Hashable, Comparable {
    public let nanoseconds: Int64
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public static func < (a: CELDuration, b: CELDuration) -> Bool { a.nanoseconds < b.nanoseconds }

    /// Protobuf JSON form: seconds with up to 9 fractional digits, e.g. `1.5s`.
    public var description: String {
        let (s, n) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        var text = (nanoseconds < 0 && s == 0 ? "-" : "") + String(s)
        if n != 0 {
            var frac = pad(Int(n.magnitude), 9)
            while frac.hasSuffix("0") { frac.removeLast() }
            text += "." + frac
        }
        return text + "s"
    }

    /// Go duration syntax: `-1h30m`, `1.5s`, `300ms`, `2us`, `10ns`.
    public static func parse(_ text: String) -> CELDuration? {
        let b = Array(text.utf8)
        var i = 0
        var negative = false
        if i < b.count && (b[i] == 45 || b[i] == 43) { negative = b[i] == 45; i += 1 }
        if i == b.count { return nil }
        if b.count - i == 1 && b[i] == 48 { return CELDuration(nanoseconds: 0) }
        var total: Double = 0
        var exact: Int64 = 0
        var exactOK = true
        while i < b.count {
            var whole: Int64 = 0
            var fracDigits: [UInt8] = []
            var sawDigit = false
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(b[i] - 48))
                if o1 || o2 { return nil }
                whole = a; sawDigit = true; i += 1
            }
            if i < b.count && b[i] == 46 {
                i += 1
                while i < b.count, b[i] >= 48, b[i] <= 57 { fracDigits.append(b[i] - 48); sawDigit = true; i += 1 }
            }
            guard sawDigit else { return nil }
            var unitEnd = i
            while unitEnd < b.count, !(b[unitEnd] >= 48 && b[unitEnd] <= 57), b[unitEnd] != 46 { unitEnd += 1 }
            let unit = String(decoding: b[i..<unitEnd], as: UTF8.self)
            i = unitEnd
            let scale: Int64
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1_000
            case "ms": scale = 1_000_000
            case "s": scale = 1_000_000_000
            case "m": scale = 60_000_000_000
            case "h": scale = 3_600_000_000_000
            default: return nil
            }
            let (w, o1) = whole.multipliedReportingOverflow(by: scale)
            var fracNanos: Int64 = 0
            var place = scale
            for d in fracDigits {
                place /= 10
                if place == 0 { break }
                fracNanos += Int64(d) * place
            }
            let (sum, o2) = exact.addingReportingOverflow(w)
            let (sum2, o3) = sum.addingReportingOverflow(fracNanos)
            if o1 || o2 || o3 { exactOK = false }
            exact = sum2
            total += Double(whole) * Double(scale)
        }
        guard exactOK, total < 9.3e18 else { return nil }
        return CELDuration(nanoseconds: negative ? -exact : exact)
    }
}

private func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

func daysInMonth(_ y: Int, _ m: Int) -> Int {
    switch m {
    case 2: return isLeapYear(y) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
}

/// Broken-down UTC (or offset-adjusted) time.
struct CivilTime {
    var year, month, day, hour, minute, second: Int
    /// 0 = Sunday.
    var dayOfWeek: Int
    /// 0-based.
    var dayOfYear: Int

    init(secondsSinceEpoch: Int64) {
        let secs = Int(secondsSinceEpoch)
        var days = secs / 86400
        var rem = secs % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        hour = rem / 3600
        minute = rem % 3600 / 60
        second = rem % 60
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        var w = (days + 4) % 7  // 1970-01-01 was a Thursday
        if w < 0 { w += 7 }
        dayOfWeek = w
        dayOfYear = days - daysFromCivil(year, 1, 1)
    }
}
