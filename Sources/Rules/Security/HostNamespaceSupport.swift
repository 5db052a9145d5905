import Engine
import Models

/// Shared check of the pod-level `hostNetwork` / `hostPID` / `hostIPC` switches: a finding at the
/// `true` value.
func reportHostNamespace(_ field: String, _ consequence: String, _ resource: Resource, _ report: inout FindingSink) {
    for spec in PodSpec.all(of: resource) {
        guard let node = spec.node[field], node.boolValue == true else { continue }
        report.report("pod sets \(field): true; \(consequence)", at: node, in: resource)
    }
}
