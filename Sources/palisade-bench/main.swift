import CYAML
import Dispatch
import Engine
import Foundation
import CEL
import Models
import Policies
import RuleCatalogue
import Reporters
import Rules
import YAMLTree

// Benchmark: `swift run -c release palisade-bench [files] [resources-per-file] [repetitions]`.
// Measures each phase of `check` on a synthetic corpus against libyaml's own parse time (the
// floor), then the whole check on one core and on all cores, and peak memory.

// `--write DIR` writes the corpus as files instead, for measuring the CLI itself
// (e.g. `/usr/bin/time -v palisade check DIR` for peak memory).
let rawArguments = Array(CommandLine.arguments.dropFirst())
let writeDirectory: String? = rawArguments.firstIndex(of: "--write").flatMap {
    $0 + 1 < rawArguments.count ? rawArguments[$0 + 1] : nil
}
// `--phase none|floor|tree|check|policies|cel|by-rule|layers|set-cost|render|memory|scaling|leak` runs one phase once and exits, for counting instructions
// (`scripts/bench-instructions.sh`): the count of `none` is the corpus set-up to subtract.
let phase: String? = rawArguments.firstIndex(of: "--phase").flatMap {
    $0 + 1 < rawArguments.count ? rawArguments[$0 + 1] : nil
}
let arguments = rawArguments.filter { $0 != writeDirectory && $0 != phase }.compactMap { Int($0) }
let fileCount = arguments.count > 0 ? arguments[0] : 400
let perFile = arguments.count > 1 ? arguments[1] : 60
let repetitions = arguments.count > 2 ? arguments[2] : 3

let corpus = Corpus(files: fileCount, resourcesPerFile: perFile)
let megabytes = Double(corpus.bytes) / 1_048_576
if let writeDirectory {
    for file in corpus.files {
        let url = URL(fileURLWithPath: writeDirectory).appendingPathComponent(file.name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.bytes).write(to: url)
    }
    print("wrote \(corpus.files.count) files, \(corpus.resources) resources to \(writeDirectory)")
    exit(0)
}
/// Seconds `body` takes, the best of `runs`.
func bestSeconds(of runs: Int = 3, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0 ..< runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

/// The result of a phase's check, freed only when the process exits, as in the CLI.
var finished: CheckResult?
if let phase {
    var sink = 0
    // PALISADE_BENCH_RULES=id,id narrows `check`, `policies` and `by-rule` to those rules (empty: none).
    let onlyRules = ProcessInfo.processInfo.environment["PALISADE_BENCH_RULES"].map { $0.split(separator: ",").map(String.init) }
    let streams = phase == "cel" ? corpus.files.map { YAMLParser.parse($0.bytes, file: $0.name) } : []
    let inputs = corpus.files.map { SourceInput(name: $0.name, bytes: $0.bytes) }
    switch phase {
    case "floor": for f in corpus.files { sink &+= libyamlOnly(f.bytes) }
    case "tree": for f in corpus.files { sink &+= YAMLParser.parse(f.bytes, file: f.name).documents.count }
    // PALISADE_BENCH_JOBS=N runs it on N threads (for profiling how it scales);
    // PALISADE_BENCH_WHOLE=1 keeps documents whole (no `Retention`), to see what reducing them costs.
    case "check":
        var options = CheckOptions()
        options.jobs = ProcessInfo.processInfo.environment["PALISADE_BENCH_JOBS"].flatMap { Int($0) } ?? 1
        options.keepsWholeDocuments = ProcessInfo.processInfo.environment["PALISADE_BENCH_WHOLE"] != nil
        // Kept to the end, as the CLI exits without freeing it (see below).
        // PALISADE_BENCH_REPEAT=N checks N times (for sampling profilers: later runs reuse memory).
        for _ in 0 ..< (ProcessInfo.processInfo.environment["PALISADE_BENCH_REPEAT"].flatMap { Int($0) } ?? 1) {
            finished = nil
            finished = Checker(rules: RuleCatalogue.builtin.filter { onlyRules?.contains($0.metadata.id) ?? true }, options: options).check(inputs)
        }
        sink &+= finished?.findings.count ?? 0
    // Parsing plus the built-in policies alone: their share of `check` is this minus `tree`.
    // With PALISADE_BENCH_RULES, one policy at a time can be counted.
    case "policies":
        let rules = BuiltinPolicies.all.filter { onlyRules?.contains($0.metadata.id) ?? true }
        finished = Checker(rules: rules, options: CheckOptions()).check(inputs)
        sink &+= finished?.findings.count ?? 0
    // One CEL expression over every resource, for profiling the evaluator alone.
    case "cel":
        // PALISADE_BENCH_CEL=expression profiles another expression.
        let program = try CELProgram.compile(ProcessInfo.processInfo.environment["PALISADE_BENCH_CEL"] ??
            "object.?spec.?template.?spec.?containers.orValue([]).filter(c, has(c.resources) && 'limits' in c.resources).size() > 0 || object.kind == 'Deployment'")
        for s in streams {
            for d in s.documents {
                var a = CELActivation()
                a.bind("object", to: YAMLCEL.value(d.root))
                for _ in 0 ..< 20 {
                    if case .success(let v) = program.evaluate(a), case .bool(true) = v { sink &+= 1 }
                }
            }
        }
    // Each rule alone over the corpus, minus a run with no rules: where the rules phase goes.
    // Shared work (the authorization model, indexes) is charged to every rule that asks for it.
    case "by-rule":
        func seconds(_ rules: [any Rule]) -> Double {
            bestSeconds { sink &+= Checker(rules: rules, options: CheckOptions()).check(inputs).findings.count }
        }
        let base = seconds([])
        let costs = RuleCatalogue.builtin.filter { onlyRules?.contains($0.metadata.id) ?? true }.map { ($0.metadata.id, seconds([$0]) - base) }
        print(String(format: "no rules: %.3f s; sum of rules: %.3f s", base, costs.reduce(0) { $0 + $1.1 }))
        for (id, cost) in costs.sorted(by: { $0.1 > $1.1 }) { print(String(format: "%8.4f s  %@", cost, id)) }
    // The set rules' wall-clock share: check with every rule against check without the set
    // rules, alternating (best of 7 each) so a slow spell of the machine hits both alike.
    case "set-cost":
        let all = RuleCatalogue.builtin
        let perResource = all.filter { $0.asSetRule == nil }
        var best = (all: Double.infinity, without: Double.infinity, none: Double.infinity, floor: Double.infinity)
        for _ in 0 ..< 7 {
            best.none = min(best.none, bestSeconds(of: 1) { sink &+= Checker(rules: [], options: CheckOptions()).check(inputs).findings.count })
            best.floor = min(best.floor, bestSeconds(of: 1) { for f in corpus.files { sink &+= libyamlOnly(f.bytes) } })
            best.all = min(best.all, bestSeconds(of: 1) { sink &+= Checker(rules: all, options: CheckOptions()).check(inputs).findings.count })
            best.without = min(best.without, bestSeconds(of: 1) { sink &+= Checker(rules: perResource, options: CheckOptions()).check(inputs).findings.count })
        }
        print(String(format: "all rules %.3f s, without set rules %.3f s: set rules %.3f s; no rules %.3f s; floor %.3f s",
                     best.all, best.without, best.all - best.without, best.none, best.floor))
    // Wall-clock of check with growing sets of rules (best of 3 each): what each kind adds,
    // cache effects included.
    case "layers":
        let all = RuleCatalogue.builtin
        let policyIDs = Set(BuiltinPolicies.all.map(\.metadata.id))
        let perFile = all.filter { $0.asSetRule == nil && !policyIDs.contains($0.metadata.id) }
        let withPolicies = all.filter { $0.asSetRule == nil }
        func seconds(_ rules: [any Rule]) -> Double {
            bestSeconds { sink &+= Checker(rules: rules, options: CheckOptions()).check(inputs).findings.count }
        }
        let floor = bestSeconds { for f in corpus.files { sink &+= libyamlOnly(f.bytes) } }
        let tree = bestSeconds { for f in corpus.files { sink &+= YAMLParser.parse(f.bytes, file: f.name).documents.count } }
        for (name, rules) in [("no rules", [any Rule]()), ("per-resource rules", perFile),
                              ("+ policies", withPolicies), ("+ set rules (all)", all)] {
            let t = seconds(rules)
            print(String(format: "%-20@ %.3f s  %.2fx floor", name, t, t / floor))
        }
        print(String(format: "floor %.3f s, tree %.3f s", floor, tree))
    // Where resident memory goes: the parsed documents alone, then their decoded resources.
    case "memory":
        print(String(format: "corpus: resident %.0f MiB", residentMiB()))
        let kept = corpus.files.map { YAMLParser.parse($0.bytes, file: $0.name) }
        print(String(format: "documents kept: resident %.0f MiB (%d nodes, %.0f MiB scalar bytes)", residentMiB(),
                     kept.reduce(0) { $0 + $1.documents.reduce(0) { $0 + $1.nodeCount } },
                     Double(kept.reduce(0) { $0 + $1.documents.reduce(0) { $0 + $1.scalarBytes } }) / 1_048_576))
        let resources = kept.flatMap { $0.documents.flatMap { ResourceDecoder.resources(in: $0).resources } }
        print(String(format: "resources kept: resident %.0f MiB", residentMiB()))
        sink &+= resources.count
    // The reporters alone, each timed on the findings of one check (27,920 on the default corpus).
    case "render":
        let result = Checker(rules: RuleCatalogue.builtin, options: CheckOptions()).check(inputs)
        func time(_ name: String, _ body: () -> Int) {
            let best = bestSeconds { sink &+= body() }
            print(String(format: "%-6@ %.3f s for %d findings", name, best, result.findings.count))
        }
        time("text") { TextReporter().renderBytes(result, rules: []).count }
        time("json") { JSONReporter().renderBytes(result, rules: []).count }
        time("sarif") { SARIFReporter(toolVersion: "bench").renderBytes(result, rules: []).count }
        time("junit") { JUnitReporter().renderBytes(result, rules: []).count }
        time("github") { GitHubReporter().renderBytes(result, rules: []).count }
    // Parsing alone on one thread and on two (files interleaved): how far the phase that
    // shares no objects between threads scales on this machine.
    case "scaling":
        // Wall-clock and CPU time of one run of `body`.
        func timed(_ body: () -> Void) -> (wall: Double, cpu: Double) {
            let cpuStart = cpuSeconds()
            let wall = bestSeconds(of: 1, body)
            return (wall, cpuSeconds() - cpuStart)
        }
        for threads in [1, 2, 1, 2] {
            let t = timed {
                DispatchQueue.concurrentPerform(iterations: threads) { worker in
                    var i = worker
                    var local = 0
                    while i < corpus.files.count {
                        local &+= YAMLParser.parse(corpus.files[i].bytes, file: corpus.files[i].name).documents.count
                        i += threads
                    }
                    if local == 42 { print("") }
                }
            }
            print(String(format: "parse, %d thread(s): %.3f s (CPU %.3f s)", threads, t.wall, t.cpu))
        }
        for jobs in [1, 2, 1, 2] {
            var options = CheckOptions()
            options.jobs = jobs
            // The result is freed after the clock stops, as for the single- and all-core figures.
            var kept: CheckResult?
            let t = timed { kept = Checker(rules: RuleCatalogue.builtin, options: options).check(inputs) }
            sink &+= kept?.findings.count ?? 0
            kept = nil
            print(String(format: "check, %d job(s): %.3f s (CPU %.3f s)", jobs, t.wall, t.cpu))
        }
    // Repeated checks: resident memory must not grow from one run to the next.
    case "leak":
        for run in 1 ... 8 {
            sink &+= Checker(rules: RuleCatalogue.builtin, options: CheckOptions()).check(inputs).findings.count
            print(String(format: "run %d: resident %.0f MiB", run, residentMiB()))
        }
    default: break
    }
    print("phase \(phase): \(sink)")
    exit(0)
}
/// The malloc the process runs with: the build links mimalloc when the machine has it
/// (Package.swift), and libyaml's own allocations, the floor's included, go through it too.
func allocatorName() -> String {
    guard let symbol = dlsym(nil, "mi_version") else { return "glibc malloc" }
    let version = unsafeBitCast(symbol, to: (@convention(c) () -> Int32).self)()
    return "mimalloc \(version / 100).\(version / 10 % 10).\(version % 10)"
}
print("corpus: \(corpus.files.count) files, \(corpus.resources) resources, \(String(format: "%.1f", megabytes)) MiB; allocator: \(allocatorName())")

/// libyaml alone: every event parsed and freed, nothing kept.
func libyamlOnly(_ bytes: [UInt8]) -> Int {
    var parser = yaml_parser_t()
    var event = yaml_event_t()
    var events = 0
    _ = yaml_parser_initialize(&parser)
    bytes.withUnsafeBufferPointer { buffer in
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        while yaml_parser_parse(&parser, &event) != 0 {
            events += 1
            let done = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            if done { break }
        }
    }
    yaml_parser_delete(&parser)
    return events
}

var sink = 0
let streams = corpus.files.map { YAMLParser.parse($0.bytes, file: $0.name) }
let inputs = corpus.files.map { SourceInput(name: $0.name, bytes: $0.bytes) }
func check(jobs: Int) -> CheckResult {
    var options = CheckOptions()
    options.jobs = jobs
    // Every built-in rule and built-in policy, as `palisade check` runs them.
    return Checker(rules: RuleCatalogue.builtin, options: options).check(inputs)
}
var result = check(jobs: 1)
let cores = ProcessInfo.processInfo.activeProcessorCount

// Phases are measured in turn within each repetition and the best time of each is kept, so
// a slow spell of a shared machine cannot favour one phase (the floor) over another.
// A short phase is likelier than a long one to fall entirely in a fast spell, though, so the
// check is also compared with a floor measured right before and after it, in each repetition:
// the median of those ratios is the figure least moved by the machine.
var times = [String: Double]()
var lastTime = [String: Double]()
var singleRatios: [Double] = []
@MainActor func measure(_ phase: String, _ body: () -> Void) {
    let t = bestSeconds(of: 1, body)
    times[phase] = min(times[phase] ?? .infinity, t)
    lastTime[phase] = t
}
@MainActor func measureFloor(_ phase: String) {
    measure(phase) { for f in corpus.files { sink &+= libyamlOnly(f.bytes) } }
}
for _ in 0 ..< repetitions {
    measureFloor("floor")
    measure("tree") { for f in corpus.files { sink &+= YAMLParser.parse(f.bytes, file: f.name).documents.count } }
    measure("decode") {
        for s in streams {
            for d in s.documents {
                for r in ResourceDecoder.resources(in: d).resources { sink &+= SchemaValidator.validate(r).count }
            }
        }
    }
    measureFloor("floor")
    let floorBefore = lastTime["floor"]!
    // The CLI exits without freeing the run's documents and findings, so the timed check
    // does not free a result either: the previous one is dropped before the clock starts,
    // the new one after it stops.
    var kept: CheckResult? = nil
    measure("single") { kept = check(jobs: 1) }
    result = kept!
    kept = nil
    measureFloor("floor")
    singleRatios.append(lastTime["single"]! / ((floorBefore + lastTime["floor"]!) / 2))
    measure("parallel") { kept = check(jobs: cores) }
    sink &+= kept!.findings.count
    kept = nil
    measure("render") {
        // As the CLI writes them: bytes.
        sink &+= TextReporter().renderBytes(result, rules: []).count
        sink &+= JSONReporter().renderBytes(result, rules: []).count
    }
}
let floor = times["floor"]!, tree = times["tree"]!, decode = times["decode"]!
let single = times["single"]!, parallel = times["parallel"]!, render = times["render"]!

/// User and system time of the whole process so far.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func peakRSSMiB() -> Double { statusMiB("VmHWM:") }
func residentMiB() -> Double { statusMiB("VmRSS:") }
func statusMiB(_ field: String) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
          let kb = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
    return kb / 1024
}

func row(_ name: String, _ seconds: Double) {
    let mbps = megabytes / seconds
    let rps = Double(corpus.resources) / seconds
    print(name.padding(toLength: 34, withPad: " ", startingAt: 0)
          + String(format: "%8.3f s %9.1f MiB/s %10.0f res/s %6.2fx floor", seconds, mbps, rps, seconds / floor))
}
print("phase                                 time       throughput   resources     vs floor")
row("libyaml events only (floor)", floor)
row("node tree (YAMLParser)", tree)
row("decode + schema validation", decode)
row("check, 1 core (all phases)", single)
row("check, \(cores) cores", parallel)
row("render text + JSON", render)
print(String(format: "rules phase ≈ %.3f s; parallel speed-up %.2fx; findings %d; peak RSS %.0f MiB",
             max(0, single - tree - decode), single / parallel, result.findings.count, peakRSSMiB()))
let sortedRatios = singleRatios.sorted()
print(String(format: "check, 1 core, vs the floor measured just before and after it: median %.2fx (%.2fx to %.2fx)",
             sortedRatios[sortedRatios.count / 2], sortedRatios.first!, sortedRatios.last!))
if sink == 42 { print("") }  // keep the work observable to the optimiser
