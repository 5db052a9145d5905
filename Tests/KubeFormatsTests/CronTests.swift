import XCTest
@testable import KubeFormats

final class CronTests: XCTestCase {
    private func issue(_ s: String) -> FormatIssue? { Cron.validate(s) }

    private func assertIssue(_ s: String, code: String, offset: Int?, contains text: String? = nil,
                             file: StaticString = #filePath, line: UInt = #line) {
        guard let i = Cron.validate(s) else { return XCTFail("expected \(code) for '\(s)'", file: file, line: line) }
        XCTAssertEqual(i.code, code, i.message, file: file, line: line)
        XCTAssertEqual(i.offset, offset, i.message, file: file, line: line)
        if let text { XCTAssertTrue(i.message.contains(text), i.message, file: file, line: line) }
    }

    func testValidSchedules() {
        for ok in ["* * * * *", "*/5 * * * *", "0 0 * * 0", "1-10/2 * * * *", "0 9-17 * * MON-FRI",
                   "0 0 1 jan,Jul *", "0 0 ? * sun", "30 2 * * ?", "0,15,30,45 * * * *", "5/10 * * * *",
                   "  0   1 * *\t*  ", "0 0 31 12 6", "@yearly", "@annually", "@monthly", "@weekly", "@daily",
                   "@midnight", "@hourly", "@every 1h30m", "@every 1.5h", "@every 500ms", "@every 0", "@every 2µs",
                   // parser quirks the API server accepts
                   "*-5 * * * *", "1,,2 * * * *", "+5 * * * *", "0 0 * * ?"] {
            XCTAssertNil(issue(ok), ok)
        }
    }

    func testParsedBits() throws {
        let s = try Cron.parse("*/15 9-17 * * MON-FRI").get()
        XCTAssertEqual(s.form, .fields)
        XCTAssertTrue(s.selects(0, in: .minute))
        XCTAssertTrue(s.selects(45, in: .minute))
        XCTAssertFalse(s.selects(10, in: .minute))
        XCTAssertTrue(s.selects(1, in: .dayOfWeek))
        XCTAssertFalse(s.selects(0, in: .dayOfWeek))
        let d = try Cron.parse("@weekly").get()
        XCTAssertEqual(d.form, .descriptor("@weekly"))
        XCTAssertTrue(d.selects(0, in: .dayOfWeek))
        XCTAssertFalse(d.selects(1, in: .dayOfWeek))
        let e = try Cron.parse("@every 1m30s").get()
        XCTAssertEqual(e.form, .every(nanoseconds: 90_000_000_000))
        let tz = try Cron.parse("CRON_TZ=Europe/Paris 0 3 * * *").get()
        XCTAssertEqual(tz.timeZone, "Europe/Paris")
    }

    func testFieldErrors() {
        assertIssue("", code: "cron.empty", offset: nil)
        assertIssue("* * * *", code: "cron.field-count", offset: nil, contains: "found 4")
        assertIssue("* * * * * *", code: "cron.field-count", offset: 10, contains: "found 6")
        assertIssue("60 * * * *", code: "cron.range", offset: 0, contains: "minute field: 60 is above the maximum 59")
        assertIssue("* 24 * * *", code: "cron.range", offset: 2, contains: "hour field")
        assertIssue("* * 0 * *", code: "cron.range", offset: 4, contains: "day-of-month field: 0 is below the minimum 1")
        assertIssue("* * * 13 *", code: "cron.range", offset: 6, contains: "month field")
        assertIssue("* * * * 7", code: "cron.range", offset: 8, contains: "day-of-week field: 7 is above")
        assertIssue("0 0 * * 1-9", code: "cron.range", offset: 10)
        assertIssue("10-5 * * * *", code: "cron.range", offset: 0, contains: "after its end")
        assertIssue("*/0 * * * *", code: "cron.step", offset: 2)
        assertIssue("*/5/2 * * * *", code: "cron.syntax", offset: 3, contains: "slashes")
        assertIssue("1-2-3 * * * *", code: "cron.syntax", offset: 3, contains: "hyphens")
        assertIssue("a * * * *", code: "cron.syntax", offset: 0, contains: "minute field: 'a'")
        assertIssue("0 0 * * MOND", code: "cron.syntax", offset: 8, contains: "day name")
        assertIssue("0 0 * JANUARY *", code: "cron.syntax", offset: 6, contains: "month name")
        assertIssue("-5 * * * *", code: "cron.syntax", offset: 0, contains: "expected a number")
        assertIssue("*/-5 * * * *", code: "cron.range", offset: 2, contains: "negative")
        assertIssue("*/ * * * *", code: "cron.syntax", offset: 2)
        assertIssue("L * * * *", code: "cron.syntax", offset: 0)
        assertIssue("0 0 * * MON#2", code: "cron.syntax", offset: 8)
        assertIssue("99999999999999999999 * * * *", code: "cron.range", offset: 0, contains: "out of range")
        // Non-ASCII: offsets in scalars.
        assertIssue("é * * * *", code: "cron.syntax", offset: 0)
        assertIssue("* ½ * * *", code: "cron.syntax", offset: 2)
    }

    func testDescriptorErrors() {
        assertIssue("@daily ", code: "cron.descriptor", offset: 0)
        assertIssue("@Daily", code: "cron.descriptor", offset: 0)
        assertIssue("@reboot", code: "cron.descriptor", offset: 0)
        assertIssue(" @daily", code: "cron.field-count", offset: nil, contains: "first character")
        assertIssue("@every", code: "cron.descriptor", offset: 0)
        assertIssue("@every ", code: "cron.duration", offset: 7, contains: "empty")
        assertIssue("@every 5", code: "cron.duration", offset: 8, contains: "missing unit")
        assertIssue("@every 5d", code: "cron.duration", offset: 8, contains: "unknown unit 'd'")
        assertIssue("@every .h", code: "cron.duration", offset: 7)
        assertIssue("@every 1h x", code: "cron.duration", offset: 8, contains: "unknown unit")
        assertIssue("@every 99999999999h", code: "cron.duration", offset: 7, contains: "out of range")
    }

    func testTimeZoneInSchedule() {
        assertIssue("TZ=UTC 0 0 * * *", code: "cron.timezone-in-schedule", offset: 0, contains: "spec.timeZone")
        assertIssue("CRON_TZ=America/New_York @daily", code: "cron.timezone-in-schedule", offset: 0)
        XCTAssertTrue(Cron.validate("TZ=UTC 0 0 * * *", timeZoneFieldSet: true)!.message.contains("both"))
        // The schedule itself must parse first.
        assertIssue("TZ=UTC 0 0 * *", code: "cron.field-count", offset: nil)
        assertIssue("TZ=UTC", code: "cron.timezone", offset: 6)
        assertIssue("TZ=Bad Zone!x 0 0 * * *", code: "cron.field-count", offset: 22)
        assertIssue("TZ=../etc 0 0 * * *", code: "cron.timezone", offset: 3)
        assertIssue("TZ=/etc 0 0 * * *", code: "cron.timezone", offset: 3)
        // Parse alone accepts the prefix.
        XCTAssertNoThrow(try Cron.parse("TZ=Asia/Tokyo */5 * * * *").get())
        XCTAssertNoThrow(try Cron.parse("TZ= * * * * *").get())
    }

    func testTimeZoneField() {
        XCTAssertNil(Cron.validateTimeZone("Etc/UTC"))
        XCTAssertNil(Cron.validateTimeZone("America/Argentina/Buenos_Aires"))
        XCTAssertNil(Cron.validateTimeZone("Etc/GMT+5"))
        XCTAssertEqual(Cron.validateTimeZone("Local")?.code, "cron.timezone")
        XCTAssertEqual(Cron.validateTimeZone("")?.code, "cron.timezone")
        XCTAssertEqual(Cron.validateTimeZone("Europe/Par is")?.offset, 10)
    }
}
