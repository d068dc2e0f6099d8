public import QueueModel

extension BenchReport {
    /// The keys of ``json``, for `flotilla bench --help`. Keys are stable: new ones may be added, none renamed.
    public static let jsonKeysHelp = """
        workload ("post", "claim-delete" or "mixed"), load ({"model": "closed", "concurrency": N} or \
        {"model": "open", "rate": R, "max_outstanding": M}), queue, message_bytes, body ("string" or "object"), \
        claim_limit, prefilled, warmup_seconds, duration_seconds, elapsed_seconds (the measured window plus the \
        drain of requests in flight at its end), requests (successful), requests_per_second, messages (posted plus \
        deleted), messages_per_second, errors (failed requests), empty_claims, unsent (open loop: starts missed \
        because max_outstanding requests were in flight), and operations: an object with a member per kind sent \
        ("post", "claim", "delete"), each {requests, requests_per_second, messages, messages_per_second, empty, \
        errors: {"http_503": n, "transport": n, ...}, latency_ms: {p50, p90, p99, p99_9, max, mean}}.
        """

    /// The report as one JSON document whose keys ``jsonKeysHelp`` lists; latencies in milliseconds rounded to the
    /// microsecond, rates to two decimals.
    public var json: JSONValue {
        var load = JSONObject()
        switch configuration.load {
        case .closed(let clients):
            load["model"] = .string("closed")
            load["concurrency"] = .int(Int64(clients))
        case .open(let perSecond, let maxOutstanding):
            load["model"] = .string("open")
            load["rate"] = .double(perSecond)
            load["max_outstanding"] = .int(Int64(maxOutstanding))
        }
        var document = JSONObject()
        document["workload"] = .string(configuration.workload.rawValue)
        document["load"] = .object(load)
        document["queue"] = .string(configuration.queue)
        document["message_bytes"] = .int(Int64(configuration.messageBytes))
        document["body"] = .string(configuration.bodyShape.rawValue)
        document["claim_limit"] = .int(Int64(configuration.claimLimit))
        document["prefilled"] = .int(Int64(prefilled))
        document["warmup_seconds"] = Self.rounded(BenchConfiguration.seconds(configuration.warmup), 3)
        document["duration_seconds"] = Self.rounded(BenchConfiguration.seconds(configuration.duration), 3)
        document["elapsed_seconds"] = Self.rounded(BenchConfiguration.seconds(elapsed), 3)
        document["requests"] = .int(Int64(requests))
        document["requests_per_second"] = Self.rounded(perSecond(requests), 2)
        document["messages"] = .int(Int64(messages))
        document["messages_per_second"] = Self.rounded(perSecond(messages), 2)
        document["errors"] = .int(Int64(errorCount))
        document["empty_claims"] = .int(Int64(emptyClaims))
        document["unsent"] = .int(Int64(unsent))
        var operations = JSONObject()
        for operation in self.operations { operations[operation.kind.rawValue] = json(operation) }
        document["operations"] = .object(operations)
        return .object(document)
    }

    private func json(_ operation: Operation) -> JSONValue {
        var latency = JSONObject()
        let summary = operation.latency
        for (key, value) in [
            ("p50", summary.p50), ("p90", summary.p90), ("p99", summary.p99), ("p99_9", summary.p999),
            ("max", summary.max), ("mean", summary.mean),
        ] {
            latency[key] = Self.rounded(value.milliseconds, 3)
        }
        var errors = JSONObject()
        for name in operation.errors.keys.sorted() { errors[name] = .int(Int64(operation.errors[name]!)) }
        var object = JSONObject()
        object["requests"] = .int(Int64(operation.requests))
        object["requests_per_second"] = Self.rounded(perSecond(operation.requests), 2)
        object["messages"] = .int(Int64(operation.messages))
        object["messages_per_second"] = Self.rounded(perSecond(operation.messages), 2)
        object["empty"] = .int(Int64(operation.empty))
        object["errors"] = .object(errors)
        object["latency_ms"] = .object(latency)
        return .object(object)
    }

    private static func rounded(_ value: Double, _ decimals: Int) -> JSONValue {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return .double((value * scale).rounded() / scale)
    }
}
