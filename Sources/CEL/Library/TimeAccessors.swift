import Foundation  // TimeZone for IANA zone names only; fixed offsets and UTC avoid it.

// Timestamp and duration accessors with optional time zones.

func registerTime(_ t: inout FunctionTable) {
    let accessors: [(String, @Sendable (CivilTime, Int32) -> Int)] = [
        ("getFullYear", { c, _ in c.year }),
        ("getMonth", { c, _ in c.month - 1 }),
        ("getDate", { c, _ in c.day }),
        ("getDayOfMonth", { c, _ in c.day - 1 }),
        ("getDayOfWeek", { c, _ in c.dayOfWeek }),
        ("getDayOfYear", { c, _ in c.dayOfYear }),
        ("getHours", { c, _ in c.hour }),
        ("getMinutes", { c, _ in c.minute }),
        ("getSeconds", { c, _ in c.second }),
        ("getMilliseconds", { _, nanos in Int(nanos / 1_000_000) }),
    ]
    for (name, extract) in accessors {
        for arity in [0, 1] {
            t.receiver(name, arity: arity) { a, _ throws(CELError) in
                switch a[0] {
                case .timestamp(let ts):
                    var offset = 0
                    if arity == 1 {
                        guard case .string(let zone) = a[1] else { throw argumentError(name, a) }
                        offset = try utcOffset(zone: zone, at: ts.seconds)
                    }
                    let civil = CivilTime(secondsSinceEpoch: ts.seconds + Int64(offset))
                    return .int(Int64(extract(civil, ts.nanos)))
                case .duration(let d) where arity == 0:
                    let n = d.nanoseconds
                    switch name {
                    case "getHours": return .int(n / 3_600_000_000_000)
                    case "getMinutes": return .int(n / 60_000_000_000)
                    case "getSeconds": return .int(n / 1_000_000_000)
                    case "getMilliseconds": return .int(n % 1_000_000_000 / 1_000_000)
                    default: throw argumentError(name, a)
                    }
                default:
                    throw argumentError(name, a)
                }
            }
        }
    }
}

/// Seconds east of UTC for `zone` at the given instant: "UTC", "+05:30", "-09:30",
/// "02:00" or an IANA name such as "America/St_Johns".
func utcOffset(zone: String, at seconds: Int64) throws(CELError) -> Int {
    if zone == "UTC" || zone == "Z" { return 0 }
    let b = Array(zone.utf8)
    var i = 0
    var sign = 1
    if let first = b.first, first == 43 || first == 45 { sign = first == 45 ? -1 : 1; i = 1 }
    func number(_ n: Int) -> Int? {
        guard i + n <= b.count else { return nil }
        var v = 0
        for k in 0..<n { guard b[i + k] >= 48, b[i + k] <= 57 else { return nil }; v = v * 10 + Int(b[i + k] - 48) }
        i += n
        return v
    }
    let save = i
    if let h = number(2), i < b.count, b[i] == 58 {
        i += 1
        if let m = number(2), i == b.count, h < 24, m < 60 { return sign * (h * 3600 + m * 60) }
    }
    i = save
    guard let tz = TimeZone(identifier: zone) else {
        throw CELError.invalidArgument("unknown time zone '\(zone)'")
    }
    return tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
}
