import XCTest

final class ModelsTestsPlaceholder: XCTestCase {}
