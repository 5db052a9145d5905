import XCTest

final class PoliciesTestsPlaceholder: XCTestCase {}
