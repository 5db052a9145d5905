import Engine

/// Images, resources, probes, availability, jobs, metadata and API-version rules.
enum WorkloadHygieneRules {
    static let all: [any Rule] = []
}
