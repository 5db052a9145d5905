import XCTest

final class EngineTestsPlaceholder: XCTestCase {}
