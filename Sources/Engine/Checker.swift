import Authz
import Dispatch
import Models
import Synchronization
import YAMLTree

/// Options of one `check` run.
public struct CheckOptions: Sendable {
    public var limits: ParseLimits = .default
    public var selection = RuleSelection()
    public var context = RuleContext()
    /// Worker threads; output is the same for any value.
    public var jobs: Int = 1
    /// Keep every document whole in `CheckResult.resourceSet`, instead of only what the
    /// cross-resource rules read (`Retention`), for callers that read more of it afterwards.
    public var keepsWholeDocuments = false

    public init() {}
}

/// Everything a run found, sorted, plus counts for the summary line.
public struct CheckResult: Sendable {
    public var findings: [Finding]
    public var suppressed: [Finding]
    public var filesChecked: Int
    public var resourcesChecked: Int
    /// Every resource read (inputs and context), for audits that follow the check.
    public var resourceSet: ResourceSet
    /// Names of the files checked (reported on), in input order.
    public var checkedFiles: [String] = []

    public init(findings: [Finding], suppressed: [Finding], filesChecked: Int, resourcesChecked: Int,
                resourceSet: ResourceSet = ResourceSet(resources: [])) {
        self.resourceSet = resourceSet
        self.findings = findings
        self.suppressed = suppressed
        self.filesChecked = filesChecked
        self.resourcesChecked = resourcesChecked
    }

    public func count(_ severity: Severity) -> Int {
        // Reads each finding's severity in place: a filter over the findings copied each one
        // (ten strings) to look at one field.
        findings.withUnsafeBufferPointer { all in
            var n = 0
            for i in all.indices where all[i].severity == severity { n += 1 }
            return n
        }
    }
}

/// Runs the pipeline: read → parse → decode → per-resource rules (per file, in parallel)
/// → cross-resource rules → suppression → sort.
public struct Checker: Sendable {
    let loadRules: [(any LoadRule, (String, Severity), Severity)]
    let resourceRules: [ResourceRuleEntry]
    let setRules: [(any SetRule, (String, Severity), Severity)]
    let globallyEnabled: Set<String>
    let unusedSeverity: Severity
    let retention: Retention
    /// `options.context`, boxed once for every resource's `ResourceContext`.
    let sharedContext: SharedRuleContext
    public let options: CheckOptions

    public init(rules: [any Rule], options: CheckOptions) {
        self.options = options
        sharedContext = SharedRuleContext(options.context)
        var load: [(any LoadRule, (String, Severity), Severity)] = []
        var resource: [ResourceRuleEntry] = []
        var set: [(any SetRule, (String, Severity), Severity)] = []
        // A rule runs when it is on globally or in any scoped override; `scoped(_:)` then keeps
        // only the findings of scopes where it is on.
        let scopedOn = Set(options.context.overrides.flatMap { $0.rules.filter { $0.value.enabled == true }.keys })
        let selection = options.selection.keepingPolicyErrors(among: rules.map(\.metadata))
        for rule in rules where selection.isEnabled(rule.metadata) || scopedOn.contains(rule.metadata.id) {
            let metadata = rule.metadata
            let severity = selection.severity(of: metadata)
            if let r = rule.asLoadRule { load.append((r, (metadata.id, metadata.severity), severity)) }
            if let r = rule.asResourceRule {
                resource.append(ResourceRuleEntry(rule: r, id: metadata.id, declaredSeverity: metadata.severity, severity: severity))
            }
            if let r = rule.asSetRule { set.append((r, (metadata.id, metadata.severity), severity)) }
        }
        globallyEnabled = Set(rules.map(\.metadata).filter(selection.isEnabled).map(\.id))
        unusedSeverity = options.selection.severities[Suppressions.unusedRuleID] ?? .info
        loadRules = load
        resourceRules = resource
        setRules = set
        retention = options.keepsWholeDocuments ? Retention(wholeKinds: .all) : Retention(setRules: set.map(\.0))
    }

    /// Checks `inputs`; `contextInputs` are read for cross-resource references only.
    public func check(_ inputs: [SourceInput], context contextInputs: [SourceInput] = []) -> CheckResult {
        let reportedNames = Set(inputs.map(\.name))
        let contextOnly = contextInputs.filter { !reportedNames.contains($0.name) }
        let all = inputs + contextOnly
        let run = RunMemo()
        var results = results(count: all.count) { i in checkFile(all[i], reported: i < inputs.count, run: run) }

        // Each file's lists are released as they are joined, so the run never holds two
        // copies of its findings.
        var findings = Self.joinFindings(&results)
        var resources: [Resource] = []
        var abac: [ABACPolicy] = []
        // Counted per file: the resources of the files named on the command line (the context
        // files come after them), without a pass over every resource of the set.
        var reportedResources = 0
        var annotated: [Int] = []
        for i in results.indices {
            if i < inputs.count { reportedResources += results[i].resources.count }
            annotated.append(contentsOf: results[i].annotated.map { $0 + resources.count })
            resources.append(contentsOf: results[i].resources)
            abac.append(contentsOf: results[i].abacPolicies)
            results[i] = FileResult(findings: [], resources: [])
        }
        results = []
        let set = ResourceSet(resources: resources, abacPolicies: abac,
                              reportedFiles: contextOnly.isEmpty ? nil : reportedNames, memo: run)
        findings.append(contentsOf: runSetRules(on: set).filter { reportedNames.contains($0.file) })
        if !options.context.overrides.isEmpty { findings = findings.compactMap(scoped) }
        let suppression = Suppressions(resources: set, annotated: annotated)
        var suppressed: [Finding] = []
        // In place: what stays is what is shown. Kept findings are moved, not copied (a
        // finding holds ten strings); only the few suppressed ones are copied out.
        var kept = 0
        findings.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices {
                // Asked only when some resource has an ignore annotation: passing a finding
                // copies it (ten strings retained and released).
                if !suppression.isEmpty, let reason = suppression.reason(for: buffer[i]) {
                    var f = buffer[i]
                    f.suppression = reason
                    suppressed.append(f)
                } else {
                    if kept != i { buffer.swapAt(kept, i) }
                    kept += 1
                }
            }
        }
        findings.removeLast(findings.count - kept)
        var shown = findings
        findings = []
        if globallyEnabled.contains(Suppressions.unusedRuleID) {
            let severity = unusedSeverity
            shown.append(contentsOf: suppression.unusedSuppressionFindings(reportedFiles: reportedNames).map {
                var f = $0
                f.severity = severity
                return f
            })
        }
        shown.sortByLocation()
        suppressed.sortByLocation()
        var result = CheckResult(findings: shown, suppressed: suppressed, filesChecked: inputs.count,
                                 resourcesChecked: reportedResources,
                                 resourceSet: set)
        result.checkedFiles = inputs.map(\.name)
        return result
    }

    /// Every file's findings in file order, moved out of `results` rather than copied (a
    /// finding holds ten strings, and appending one array to another retained each of them):
    /// each source slot is left holding an empty finding, which its array releases for nothing.
    static func joinFindings(_ results: inout [FileResult]) -> [Finding] {
        let total = results.reduce(0) { $0 + $1.findings.count }
        guard total > 0 else { return [] }
        let empty = Finding(ruleID: "", severity: .info, message: "", file: "", position: SourcePosition(line: 0, column: 0))
        return [Finding](unsafeUninitializedCapacity: total) { buffer, initialized in
            var n = 0
            for i in results.indices {
                results[i].findings.withUnsafeMutableBufferPointer { source in
                    guard let from = source.baseAddress, source.count > 0 else { return }
                    (buffer.baseAddress! + n).moveInitialize(from: from, count: source.count)
                    from.initialize(repeating: empty, count: source.count)
                    n += source.count
                }
            }
            initialized = n
        }
    }

    /// Runs the cross-resource rules, on several threads when `jobs` allows: rules are handed
    /// out one at a time (their costs differ widely) and their findings joined in rule order,
    /// so the output does not depend on the thread count. Rules that report on the others
    /// run last.
    func runSetRules(on set: ResourceSet) -> [Finding] {
        @Sendable func run(_ i: Int) -> [Finding] {
            let (rule, id, severity) = setRules[i]
            var sink = FindingSink(ruleID: id.0, severity: severity, declaredSeverity: id.1)
            rule.check(set, options.context, &sink)
            return sink.findings
        }
        let first = Self.startOrder(setRules.indices.filter { !setRules[$0].0.runsAfterOtherSetRules },
                                    sharedResults: { setRules[$0].0.sharedResults })
        let last = setRules.indices.filter { setRules[$0].0.runsAfterOtherSetRules }
        var perRule = [[Finding]](repeating: [], count: setRules.count)
        for (k, found) in results(count: first.count, { run(first[$0]) }).enumerated() { perRule[first[k]] = found }
        for i in last { perRule[i] = run(i) }
        return perRule.flatMap { $0 }
    }

    /// The order set rules are handed to threads in (their findings are joined in rule order
    /// whatever it is). First one rule per shared result that needs nothing already started,
    /// each starting a computation others would wait for; then the rules that share nothing,
    /// keeping the other threads busy meanwhile; then rules that start a result built on an
    /// earlier one (the RBAC permission analysis needs the authorization model); then the
    /// rest, which find their results made or being made.
    static func startOrder(_ rules: [Int], sharedResults: (Int) -> [String]) -> [Int] {
        var started = Set<String>()
        var openers: [Int] = [], independent: [Int] = [], dependent: [Int] = [], rest: [Int] = []
        for i in rules {
            let shared = sharedResults(i)
            if shared.isEmpty {
                independent.append(i)
            } else if shared.allSatisfy({ !started.contains($0) }) {
                openers.append(i)
            } else if shared.contains(where: { !started.contains($0) }) {
                dependent.append(i)
            } else {
                rest.append(i)
            }
            started.formUnion(shared)
        }
        return openers + independent + dependent + rest
    }

    /// `make(0) … make(count - 1)` in index order, computed on up to `jobs` threads. Each
    /// worker takes the next index when it is done with one, so a costly item (a large file,
    /// a slow rule) delays only its own worker.
    func results<T: Sendable>(count: Int, _ make: @Sendable (Int) -> T) -> [T] {
        guard options.jobs > 1, count > 1 else { return (0 ..< count).map(make) }
        let slots = Mutex<[T?]>(Array(repeating: nil, count: count))
        let next = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: min(options.jobs, count)) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < count else { return }
                let made = make(i)
                slots.withLock { $0[i] = made }
            }
        }
        return slots.withLock { $0.map { $0! } }
    }

    /// Applies overrides scoped to the finding's file and namespace: the last matching
    /// override that mentions the rule decides whether it is on and at what severity.
    func scoped(_ finding: Finding) -> Finding? {
        var enabled = globallyEnabled.contains(finding.ruleID) || finding.ruleID == Suppressions.unusedRuleID
        var finding = finding
        for o in options.context.overrides where o.applies(file: finding.file, namespace: finding.resource?.namespace) {
            guard let settings = o.rules[finding.ruleID] else { continue }
            if let e = settings.enabled { enabled = e }
            if let s = settings.severity { finding.severity = s }
        }
        return enabled ? finding : nil
    }

    /// ABAC files are JSON objects, one per line, possibly after `#` comments: only such
    /// files are scanned for the ABAC apiVersion, so YAML files cost nothing here.
    static func startsWithJSONObject(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): i += 1
            case UInt8(ascii: "#"):
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
            case UInt8(ascii: "{"): return true
            default: return false
            }
        }
        return false
    }

    /// A per-resource rule with its settings for the run. A class: the checker walks the list
    /// once per resource, and copying a tuple holding an existential rule cost more than
    /// most rules' checks.
    final class ResourceRuleEntry: Sendable {
        let rule: any ResourceRule
        /// Asked once: some rules build it (a policy's kinds).
        let applicability: RuleApplicability
        let id: String
        let declaredSeverity: Severity
        let severity: Severity

        init(rule: any ResourceRule, id: String, declaredSeverity: Severity, severity: Severity) {
            self.rule = rule
            applicability = rule.applicability
            self.id = id
            self.declaredSeverity = declaredSeverity
            self.severity = severity
        }
    }

    struct ApplicabilityKey: Hashable {
        let kind: String
        let hasPodTemplates: Bool
    }

    struct FileResult: Sendable {
        var findings: [Finding]
        var resources: [Resource]
        var abacPolicies: [ABACPolicy] = []
        /// Indices into `resources` of those carrying an ignore annotation (`Suppressions.isAnnotated`).
        var annotated: [Int] = []
    }

    /// Resources a file's rules run over rule by rule (see `checkFile`); at most 64, the bits
    /// of the word that marks which of a block's resources a rule applies to.
    static let ruleBlockSize = 64

    func checkFile(_ input: SourceInput, reported: Bool, run: RunMemo) -> FileResult {
        var findings: [Finding] = []
        func load(_ event: LoadEvent) {
            for (rule, id, severity) in loadRules {
                var sink = FindingSink(ruleID: id.0, severity: severity, declaredSeverity: id.1)
                rule.check(event, &sink)
                findings.append(contentsOf: sink.findings)
            }
        }
        let bytes: [UInt8]
        switch input.read(maxBytes: options.limits.maxFileBytes) {
        case .failure(let error):
            if reported { load(.unreadable(file: input.name, reason: error.message)) }
            return FileResult(findings: findings, resources: [])
        case .success(let b):
            bytes = b
        }
        // ABAC policy files are JSON lines, not one YAML stream: recognised by content, or by
        // the `.jsonl` extension unless the lines are other Kubernetes objects (read as YAML,
        // they are checked as manifests, or reported as a syntax error, never as ABAC grants).
        let isABAC = input.name.hasSuffix(".jsonl")
            ? !ABACPolicyFile.holdsOnlyOtherKubernetesObjects(bytes: bytes)
            : Self.startsWithJSONObject(bytes) && ABACPolicyFile.looksLikeABAC(bytes: bytes)
        if isABAC {
            let parsed = ABACPolicyFile.parse(bytes: bytes, file: input.name)
            if reported { for d in parsed.diagnostics { load(.abac(d)) } }
            return FileResult(findings: findings, resources: [], abacPolicies: parsed.policies)
        }
        let stream = YAMLParser.parse(bytes, file: input.name, limits: options.limits)
        for diagnostic in stream.diagnostics { load(.yaml(diagnostic, file: input.name)) }
        var resources: [Resource] = []
        for document in stream.documents {
            let decoded = ResourceDecoder.resources(in: document, podTemplatePaths: options.context.podTemplatePaths)
            for issue in decoded.issues { load(.decode(issue)) }
            resources.append(contentsOf: decoded.resources)
        }
        if reported {
            // The rules that apply, per kind and presence of pod templates, worked out once per file.
            let ruleCount = resourceRules.count
            // A file usually holds a handful of distinct keys: searched in order, compared as
            // short strings, they cost less than hashing each resource's kind. Past a few, a
            // dictionary keeps a file of many kinds linear.
            var keys: [ApplicabilityKey] = []
            var keyIndexes: [ApplicabilityKey: Int] = [:]
            var applies: [Bool] = []  // keys × rules
            var keyOf: [Int] = []
            keyOf.reserveCapacity(resources.count)
            for resource in resources {
                let key = ApplicabilityKey(kind: resource.kind, hasPodTemplates: resource.hasPodTemplates)
                if let k = keys.count <= 8 ? keys.firstIndex(of: key) : keyIndexes[key] { keyOf.append(k); continue }
                keyOf.append(keys.count)
                keys.append(key)
                // The dictionary is made only once the list is too long to search.
                if keys.count > 8 {
                    if keyIndexes.isEmpty { for (i, k) in keys.enumerated() { keyIndexes[k] = i } } else { keyIndexes[key] = keys.count - 1 }
                }
                applies += resourceRules.map {
                    $0.applicability.applies(toKind: key.kind, hasPodTemplates: key.hasPodTemplates)
                }
            }
            // Rule by rule over a block of the file's resources, not resource by resource: one
            // rule's code stays in the instruction cache while it runs over every resource of
            // the block it applies to. Blocks bound how many resources' contexts (their cached
            // views) are alive at once in a file of thousands of resources. The order findings
            // are produced in does not matter; they are sorted at the end.
            // Unretained: `resourceRules` holds the entries for the whole run, and retaining
            // them per resource and rule made every worker thread write to the same reference
            // counts, which cost more on two cores than the rules themselves.
            let unretainedRules = resourceRules.map(Unmanaged.passUnretained)
            for blockStart in stride(from: 0, to: resources.count, by: Self.ruleBlockSize) {
                let block = blockStart ..< min(blockStart + Self.ruleBlockSize, resources.count)
                let contexts = resources[block].map { ResourceContext(rules: sharedContext, resource: $0, run: run) }
                // Unretained: `resources` and `contexts` hold them until the block is done.
                let unretainedResources = resources[block].map(Unmanaged.passUnretained)
                let unretainedContexts = contexts.map(Unmanaged.passUnretained)
                // The block's resources of each key as bits (a block is at most 64): a rule's
                // resources are then the union of its keys' bits, found with a few ORs instead of
                // a test of every resource of the block for every rule.
                var keyBits = [UInt64](repeating: 0, count: keys.count)
                for r in 0 ..< block.count { keyBits[keyOf[blockStart + r]] |= 1 << UInt64(r) }
                for (index, unretained) in unretainedRules.enumerated() {
                    var bits: UInt64 = 0
                    for k in keys.indices where applies[k &* ruleCount &+ index] { bits |= keyBits[k] }
                    guard bits != 0 else { continue }
                    unretained._withUnsafeGuaranteedRef { entry in
                        // One sink per rule and block, not per resource: making one copies the
                        // rule's id (a retain and a release per rule and resource otherwise).
                        var sink = FindingSink(ruleID: entry.id, severity: entry.severity,
                                               declaredSeverity: entry.declaredSeverity, appendingTo: findings)
                        findings = []  // the sink's array is now the only reference: appends in place
                        var remaining = bits
                        while remaining != 0 {  // in resource order, lowest bit first
                            let r = remaining.trailingZeroBitCount
                            remaining &= remaining &- 1
                            unretainedResources[r]._withUnsafeGuaranteedRef { resource in
                                unretainedContexts[r]._withUnsafeGuaranteedRef { context in
                                    entry.rule.check(resource, context, &sink)
                                }
                            }
                        }
                        findings = sink.findings
                    }
                }
                withExtendedLifetime(contexts) {}
            }
        } else {
            findings = []
        }
        // The file's documents are released here, but for what the cross-resource rules read.
        return FileResult(findings: findings, resources: retention.retained(resources),
                          annotated: resources.indices.filter { Suppressions.isAnnotated(resources[$0]) })
    }
}
