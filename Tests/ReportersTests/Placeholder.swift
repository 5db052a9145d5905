import XCTest

final class ReportersTestsPlaceholder: XCTestCase {}
