import XCTest

final class CELTestsPlaceholder: XCTestCase {}
