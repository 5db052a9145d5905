import XCTest

final class YAMLTreeTestsPlaceholder: XCTestCase {}
