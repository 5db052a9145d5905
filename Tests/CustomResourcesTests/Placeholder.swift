import XCTest

final class CustomResourcesPlaceholder: XCTestCase {}
