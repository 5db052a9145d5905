import XCTest

final class AuthzTestsPlaceholder: XCTestCase {}
