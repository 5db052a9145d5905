// CronJob `spec.schedule` syntax, mirroring what the API server accepts: Kubernetes validates the
// schedule with `cron.ParseStandard` of robfig/cron v3 and then, since 1.27 (`timeZone` GA),
// rejects `TZ=`/`CRON_TZ=` in the schedule in favour of `spec.timeZone`.
//
// Parser behaviour reproduced here (including its quirks, so we neither miss nor invent errors):
// - empty string: error; an optional `TZ=<zone> ` or `CRON_TZ=<zone> ` prefix (ends at the first
//   space) is stripped first;
// - a schedule starting with `@` is a descriptor and must be exactly one of `@yearly @annually
//   @monthly @weekly @daily @midnight @hourly`, or `@every <Go duration>` (case-sensitive; no
//   trailing spaces);
// - otherwise exactly 5 whitespace-separated fields: minute 0-59, hour 0-23, day of month 1-31,
//   month 1-12 or JAN-DEC, day of week 0-6 or SUN-SAT (names case-insensitive; 7 is rejected);
// - each field is a comma list (empty items are skipped, as Go's `FieldsFunc` does) of
//   `*` or `?` (any field), `N`, `N-M`, each optionally `/step`; `N/step` means `N-max/step`;
//   after `*`/`?` anything up to the `/` is ignored (the parser's behaviour: `*-5` is accepted);
// - numbers are Go `strconv.Atoi` (an optional `+` is accepted); step must be > 0.

/// The five fields of a standard cron schedule, in order.
public enum CronField: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case minute, hour, dayOfMonth, month, dayOfWeek

    public var description: String {
        switch self {
        case .minute: return "minute"
        case .hour: return "hour"
        case .dayOfMonth: return "day-of-month"
        case .month: return "month"
        case .dayOfWeek: return "day-of-week"
        }
    }

    /// Inclusive bounds accepted by the parser.
    public var bounds: ClosedRange<Int> {
        switch self {
        case .minute: return 0...59
        case .hour: return 0...23
        case .dayOfMonth: return 1...31
        case .month: return 1...12
        case .dayOfWeek: return 0...6
        }
    }
}

/// A parsed schedule.
public struct CronSchedule: Sendable, Hashable {
    public enum Form: Sendable, Hashable {
        /// Five fields.
        case fields
        /// `@yearly`, `@daily`… (the string as written).
        case descriptor(String)
        /// `@every <duration>`; the duration in nanoseconds (may be ≤ 0: the parser accepts it and
        /// the cron library then runs it every second).
        case every(nanoseconds: Int64)
    }

    public let form: Form
    /// The zone named by a `TZ=`/`CRON_TZ=` prefix, if any (`""` means UTC to Go).
    public let timeZone: String?
    /// Bit `n` set when value `n` is selected, per field (empty for `.every`).
    public let bits: [CronField: UInt64]

    /// True when value `n` is selected in `field`.
    public func selects(_ n: Int, in field: CronField) -> Bool {
        guard n >= 0, n < 64, let b = bits[field] else { return false }
        return b & (1 << UInt64(n)) != 0
    }
}

public enum Cron {
    /// Parses a schedule exactly as the cron library would, accepting a `TZ=` prefix.
    /// Issue codes: `cron.empty`, `cron.timezone`, `cron.descriptor`, `cron.duration`,
    /// `cron.field-count`, `cron.syntax`, `cron.range`, `cron.step`.
    public static func parse(_ schedule: String) -> Result<CronSchedule, FormatIssue> {
        let s = Array(schedule.unicodeScalars)
        if s.isEmpty { return .failure(FormatIssue(code: "cron.empty", message: "the schedule must not be empty")) }
        var pos = 0
        var zone: String? = nil
        if hasPrefix(s, 0, "TZ=") || hasPrefix(s, 0, "CRON_TZ=") {
            let eq = s.firstIndex(of: "=")!
            guard let sp = s.firstIndex(of: " ") else {
                return .failure(FormatIssue(code: "cron.timezone",
                                            message: "a TZ=/CRON_TZ= prefix must be followed by a space and the schedule",
                                            offset: s.count))
            }
            let name = String(String.UnicodeScalarView(s[(eq + 1)..<sp]))
            if let issue = timeZoneName(name, allowEmpty: true, offset: eq + 1) { return .failure(issue) }
            zone = name
            pos = sp
            // strings.TrimSpace on the rest.
            while pos < s.count && s[pos].properties.isWhitespace { pos += 1 }
        }
        var end = s.count
        if zone != nil { while end > pos && s[end - 1].properties.isWhitespace { end -= 1 } }

        if pos < end && s[pos] == "@" {
            return parseDescriptor(s, pos, end, zone: zone)
        }

        // strings.Fields
        var fields: [(start: Int, end: Int)] = []
        var i = pos
        while i < end {
            while i < end && s[i].properties.isWhitespace { i += 1 }
            if i == end { break }
            let st = i
            while i < end && !s[i].properties.isWhitespace { i += 1 }
            fields.append((st, i))
        }
        guard fields.count == 5 else {
            let hint = (fields.first.map { s[$0.start] == "@" } ?? false)
                ? " (a descriptor such as @daily must be the first character of the schedule)" : ""
            return .failure(FormatIssue(code: "cron.field-count",
                                        message: "expected exactly 5 fields (minute hour day-of-month month day-of-week), found \(fields.count)\(hint)",
                                        offset: fields.count > 5 ? fields[5].start : nil))
        }
        var bits: [CronField: UInt64] = [:]
        for field in CronField.allCases {
            let f = fields[field.rawValue]
            switch parseField(s, f.start, f.end, field) {
            case .success(let b): bits[field] = b
            case .failure(let issue): return .failure(issue)
            }
        }
        return .success(CronSchedule(form: .fields, timeZone: zone, bits: bits))
    }

    /// Validates a CronJob `spec.schedule` as the API server does on create: it must parse, and
    /// must not carry a `TZ=`/`CRON_TZ=` prefix (code `cron.timezone-in-schedule`; use
    /// `spec.timeZone`). Pass `timeZoneFieldSet: true` when `spec.timeZone` is also set, for the
    /// "both" message.
    public static func validate(_ schedule: String, timeZoneFieldSet: Bool = false) -> FormatIssue? {
        switch parse(schedule) {
        case .failure(let issue):
            return issue
        case .success:
            // Kubernetes checks strings.Contains(schedule, "TZ") after a successful parse.
            let scalars = Array(schedule.unicodeScalars)
            var i = 0
            while i + 1 < scalars.count {
                if scalars[i] == "T" && scalars[i + 1] == "Z" {
                    let start = hasPrefix(scalars, 0, "CRON_TZ=") || hasPrefix(scalars, 0, "TZ=") ? 0 : i
                    return FormatIssue(
                        code: "cron.timezone-in-schedule",
                        message: timeZoneFieldSet
                            ? "cannot use both the timeZone field and TZ or CRON_TZ in the schedule"
                            : "cannot use TZ or CRON_TZ in the schedule (rejected since Kubernetes 1.27); use the spec.timeZone field instead",
                        offset: start)
                }
                i += 1
            }
            return nil
        }
    }

    /// Light syntax check of a `spec.timeZone` value. The real check loads the IANA database,
    /// which a linter cannot assume; this only rejects what can never be a zone name: empty,
    /// `Local` (Kubernetes requires an explicit zone), spaces and other odd characters, `..`,
    /// and a leading `/`.
    public static func validateTimeZone(_ name: String) -> FormatIssue? {
        if name.isEmpty { return FormatIssue(code: "cron.timezone", message: "the time zone must not be empty") }
        if name == "Local" {
            return FormatIssue(code: "cron.timezone",
                               message: "the time zone must be an explicit IANA zone such as 'Etc/UTC', not 'Local'", offset: 0)
        }
        return timeZoneName(name, allowEmpty: false, offset: 0)
    }

    // MARK: - Internals

    private static func timeZoneName(_ name: String, allowEmpty: Bool, offset: Int) -> FormatIssue? {
        let z = Array(name.unicodeScalars)
        if z.isEmpty { return allowEmpty ? nil : FormatIssue(code: "cron.timezone", message: "the time zone must not be empty", offset: offset) }
        if z[0] == "/" {
            return FormatIssue(code: "cron.timezone", message: "a time zone name must not start with '/'", offset: offset)
        }
        for (k, c) in z.enumerated() {
            let v = c.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
                || c == "_" || c == "-" || c == "+" || c == "/" || c == "."
            if !ok {
                return FormatIssue(code: "cron.timezone", message: "'\(c)' cannot appear in an IANA time zone name", offset: offset + k)
            }
            if c == "." && k + 1 < z.count && z[k + 1] == "." {
                return FormatIssue(code: "cron.timezone", message: "a time zone name must not contain '..'", offset: offset + k)
            }
        }
        return nil
    }

    private static func hasPrefix(_ s: [Unicode.Scalar], _ at: Int, _ p: String) -> Bool {
        var i = at
        for c in p.unicodeScalars {
            guard i < s.count, s[i] == c else { return false }
            i += 1
        }
        return true
    }

    private static let descriptors: [String: (minute: UInt64, hour: UInt64, dom: UInt64, month: UInt64, dow: UInt64)] = {
        let allHour = bitsRange(0, 23, 1), allDom = bitsRange(1, 31, 1)
        let allMonth = bitsRange(1, 12, 1), allDow = bitsRange(0, 6, 1)
        let yearly = (minute: UInt64(1), hour: UInt64(1), dom: UInt64(1 << 1), month: UInt64(1 << 1), dow: allDow)
        let daily = (minute: UInt64(1), hour: UInt64(1), dom: allDom, month: allMonth, dow: allDow)
        return [
            "@yearly": yearly, "@annually": yearly,
            "@monthly": (minute: 1, hour: 1, dom: 1 << 1, month: allMonth, dow: allDow),
            "@weekly": (minute: 1, hour: 1, dom: allDom, month: allMonth, dow: 1),
            "@daily": daily, "@midnight": daily,
            "@hourly": (minute: 1, hour: allHour, dom: allDom, month: allMonth, dow: allDow),
        ]
    }()

    private static func parseDescriptor(_ s: [Unicode.Scalar], _ pos: Int, _ end: Int, zone: String?) -> Result<CronSchedule, FormatIssue> {
        let text = String(String.UnicodeScalarView(s[pos..<end]))
        if let d = descriptors[text] {
            return .success(CronSchedule(form: .descriptor(text), timeZone: zone,
                                         bits: [.minute: d.minute, .hour: d.hour, .dayOfMonth: d.dom, .month: d.month, .dayOfWeek: d.dow]))
        }
        if hasPrefix(s, pos, "@every ") {
            let start = pos + 7
            switch goDuration(s, start, end) {
            case .success(let ns):
                return .success(CronSchedule(form: .every(nanoseconds: ns), timeZone: zone, bits: [:]))
            case .failure(let issue):
                return .failure(issue)
            }
        }
        return .failure(FormatIssue(code: "cron.descriptor",
                                    message: "unrecognized descriptor; expected @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or '@every <duration>'",
                                    offset: pos))
    }

    /// Go `time.ParseDuration` over `s[start..<end]`.
    private static func goDuration(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Result<Int64, FormatIssue> {
        func bad(_ why: String, _ at: Int) -> Result<Int64, FormatIssue> {
            .failure(FormatIssue(code: "cron.duration", message: "invalid duration after @every: \(why)", offset: at))
        }
        var i = start
        var neg = false
        if i < end && (s[i] == "-" || s[i] == "+") { neg = s[i] == "-"; i += 1 }
        if i + 1 == end && s[i] == "0" { return .success(0) }
        if i == end { return bad("empty (use e.g. '1h30m')", i) }
        var total: Double = 0
        var exact: UInt64 = 0
        while i < end {
            let c = s[i]
            guard c == "." || (c.value >= 0x30 && c.value <= 0x39) else { return bad("expected a number", i) }
            let numStart = i
            var v: UInt64 = 0
            var overflow = false
            var pre = false
            while i < end, s[i].value >= 0x30, s[i].value <= 0x39 {
                pre = true
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(s[i].value - 0x30))
                if o1 || o2 || a > UInt64(Int64.max) { overflow = true }
                v = a
                i += 1
            }
            if overflow { return bad("number out of range", numStart) }
            var frac: Double = 0
            var post = false
            if i < end && s[i] == "." {
                i += 1
                var scale: Double = 1
                while i < end, s[i].value >= 0x30, s[i].value <= 0x39 {
                    post = true
                    scale *= 10
                    frac += Double(s[i].value - 0x30) / scale
                    i += 1
                }
            }
            if !pre && !post { return bad("expected digits around '.'", numStart) }
            let unitStart = i
            while i < end, s[i] != ".", !(s[i].value >= 0x30 && s[i].value <= 0x39) { i += 1 }
            if unitStart == i { return bad("missing unit (ns, us, ms, s, m or h)", unitStart) }
            let unit = String(String.UnicodeScalarView(s[unitStart..<i]))
            let ns: UInt64
            switch unit {
            case "ns": ns = 1
            case "us", "\u{00B5}s", "\u{03BC}s": ns = 1_000
            case "ms": ns = 1_000_000
            case "s": ns = 1_000_000_000
            case "m": ns = 60_000_000_000
            case "h": ns = 3_600_000_000_000
            default: return bad("unknown unit '\(unit)' (use ns, us, ms, s, m or h)", unitStart)
            }
            let (p, o) = v.multipliedReportingOverflow(by: ns)
            if o || p > UInt64(Int64.max) { return bad("duration out of range", numStart) }
            let (sum, o2) = exact.addingReportingOverflow(p)
            if o2 || sum > UInt64(Int64.max) { return bad("duration out of range", numStart) }
            exact = sum
            total += frac * Double(ns)
        }
        let whole = Double(exact) + total
        if whole > 9.2e18 { return bad("duration out of range", start) }
        let ns = Int64(exact) &+ Int64(total)
        return .success(neg ? -ns : ns)
    }

    private static func bitsRange(_ lo: Int, _ hi: Int, _ step: Int) -> UInt64 {
        var b: UInt64 = 0
        var n = lo
        while n <= hi { b |= 1 << UInt64(n); n += step }
        return b
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    private static func parseField(_ s: [Unicode.Scalar], _ start: Int, _ end: Int, _ field: CronField) -> Result<UInt64, FormatIssue> {
        var bits: UInt64 = 0
        var i = start
        while i <= end {
            var j = i
            while j < end && s[j] != "," { j += 1 }
            if j > i {  // FieldsFunc drops empty items
                switch parseRange(s, i, j, field) {
                case .success(let b): bits |= b
                case .failure(let issue): return .failure(issue)
                }
            }
            i = j + 1
        }
        return .success(bits)
    }

    private static func parseRange(_ s: [Unicode.Scalar], _ start: Int, _ end: Int, _ field: CronField) -> Result<UInt64, FormatIssue> {
        func fail(_ code: String, _ why: String, _ at: Int) -> Result<UInt64, FormatIssue> {
            .failure(FormatIssue(code: code, message: "\(field) field: \(why)", offset: at))
        }
        let lo = field.bounds.lowerBound, hi = field.bounds.upperBound
        // Split on '/'.
        var slashes: [Int] = []
        for k in start..<end where s[k] == "/" { slashes.append(k) }
        if slashes.count > 1 { return fail("cron.syntax", "too many slashes (at most one '/step')", slashes[1]) }
        let rangeEnd = slashes.first ?? end
        var hyphens: [Int] = []
        for k in start..<rangeEnd where s[k] == "-" { hyphens.append(k) }
        let firstEnd = hyphens.first ?? rangeEnd
        var first: Int, last: Int
        let single = hyphens.isEmpty
        if firstEnd - start == 1 && (s[start] == "*" || s[start] == "?") {
            first = lo; last = hi
        } else {
            if hyphens.count > 1 { return fail("cron.syntax", "too many hyphens in a range", hyphens[1]) }
            switch number(s, start, firstEnd, field, allowNames: true) {
            case .failure(let issue): return .failure(issue)
            case .success(let v): first = v
            }
            last = first
            if let h = hyphens.first {
                switch number(s, h + 1, rangeEnd, field, allowNames: true) {
                case .failure(let issue): return .failure(issue)
                case .success(let v): last = v
                }
            }
        }
        var step = 1
        if let sl = slashes.first {
            switch number(s, sl + 1, end, field, allowNames: false) {
            case .failure(let issue): return .failure(issue)
            case .success(let v): step = v
            }
            if single { last = hi }
        }
        if first < lo { return fail("cron.range", "\(first) is below the minimum \(lo) (allowed \(lo)-\(hi))", start) }
        if last > hi {
            let at = hyphens.first.map { $0 + 1 } ?? start
            return fail("cron.range", "\(last) is above the maximum \(hi) (allowed \(lo)-\(hi))", at)
        }
        if first > last { return fail("cron.range", "the range start \(first) is after its end \(last)", start) }
        if step == 0 { return fail("cron.step", "the step must be a positive number", slashes.first.map { $0 + 1 } ?? start) }
        return .success(bitsRange(first, last, step))
    }

    /// Go `strconv.Atoi`, or a month/day name when allowed; negative numbers are rejected.
    private static func number(_ s: [Unicode.Scalar], _ start: Int, _ end: Int, _ field: CronField, allowNames: Bool) -> Result<Int, FormatIssue> {
        if allowNames && end - start == 3 && (field == .month || field == .dayOfWeek) {
            var name = ""
            for k in start..<end {
                let v = s[k].value
                name.unicodeScalars.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v | 0x20)! : s[k])
            }
            let table = field == .month ? monthNames : dayNames
            if let idx = table.firstIndex(of: name) { return .success(field == .month ? idx + 1 : idx) }
        }
        if start == end {
            return .failure(FormatIssue(code: "cron.syntax", message: "\(field) field: expected a number here", offset: start))
        }
        var k = start
        var neg = false
        if s[k] == "+" || s[k] == "-" { neg = s[k] == "-"; k += 1 }
        if k == end {
            return .failure(FormatIssue(code: "cron.syntax", message: "\(field) field: expected digits after the sign", offset: k))
        }
        var v = 0
        var overflow = false
        while k < end {
            let c = s[k].value
            guard c >= 0x30 && c <= 0x39 else {
                let names = field == .month ? " or a month name (JAN-DEC)" : field == .dayOfWeek ? " or a day name (SUN-SAT)" : ""
                let what = allowNames ? "a number\(names)" : "a step number"
                return .failure(FormatIssue(code: "cron.syntax",
                                            message: "\(field) field: '\(s[k])' is not allowed; expected \(what), '*', ',', '-' or '/'",
                                            offset: k))
            }
            if !overflow {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(c - 0x30))
                if o1 || o2 { overflow = true } else { v = a }
            }
            k += 1
        }
        if overflow { return .failure(FormatIssue(code: "cron.range", message: "\(field) field: number out of range", offset: start)) }
        if neg && v != 0 {
            return .failure(FormatIssue(code: "cron.range", message: "\(field) field: negative numbers are not allowed", offset: start))
        }
        return .success(v)
    }
}
