extension BenchReport {
    /// The report for a terminal: a headline, a table with a row per operation kind (latencies in ms), then the
    /// errors (count and first message per kind) and warnings (the queue ran dry; the rate was not kept).
    public var summary: String {
        let configuration = self.configuration
        var lines: [String] = []
        let load: String
        switch configuration.load {
        case .closed(let clients): load = "closed loop, \(clients) client\(clients == 1 ? "" : "s")"
        case .open(let perSecond, let maxOutstanding):
            load = "open loop, \(Self.number(perSecond)) starts/s, at most \(maxOutstanding) in flight"
        }
        lines.append(
            "\(configuration.workload.rawValue), \(load); \(configuration.messageBytes)-byte "
                + "\(configuration.bodyShape.rawValue) bodies; queue \(configuration.queue)"
                + (prefilled > 0 ? "; \(prefilled) messages pre-filled" : ""))
        lines.append(
            "\(Self.number(BenchConfiguration.seconds(elapsed), decimals: 2)) s measured after "
                + "\(Self.number(BenchConfiguration.seconds(configuration.warmup), decimals: 1)) s warmup: "
                + "\(requests) requests (\(Self.number(perSecond(requests))) req/s), \(messages) messages "
                + "(\(Self.number(perSecond(messages))) msg/s), \(errorCount) errors")
        lines.append("")
        var rows = [["OPERATION", "REQUESTS", "REQ/S", "MSG/S", "P50", "P90", "P99", "P99.9", "MAX", "ERRORS"]]
        for operation in operations {
            let latency = operation.latency
            rows.append(
                [
                    operation.kind.rawValue, "\(operation.requests)", Self.number(perSecond(operation.requests)),
                    Self.number(perSecond(operation.messages)),
                ] + [latency.p50, latency.p90, latency.p99, latency.p999, latency.max].map(Self.milliseconds)
                    + ["\(operation.errorCount)"])
        }
        lines += Self.table(rows)
        lines.append("(latencies in ms, of successful requests)")
        for operation in operations {
            for name in operation.errors.keys.sorted() {
                lines.append(
                    "error: \(operation.kind.rawValue) \(name) ×\(operation.errors[name]!), first: "
                        + (operation.firstErrors[name] ?? "?"))
            }
        }
        if emptyClaims > 0 {
            lines.append(
                "warning: \(emptyClaims) claims found the queue empty: the run outpaced the pre-fill; "
                    + "give --prefill (more than \(prefilled)) to measure a full queue")
        }
        if unsent > 0 {
            lines.append(
                "warning: \(unsent) scheduled starts were not sent: the server fell behind the rate with "
                    + "the most requests in flight")
        }
        return lines.joined(separator: "\n")
    }

    /// Rows as left-aligned columns separated by two spaces.
    static func table(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                line += column == row.count - 1 ? cell : cell.padding(to: widths[column] + 2)
            }
            return line
        }
    }

    /// A latency in milliseconds with two decimals (three below 1 ms).
    static func milliseconds(_ duration: Duration) -> String {
        let value = duration.milliseconds
        return number(value, decimals: value < 1 ? 3 : 2)
    }

    /// A non-negative number with a fixed count of decimals (no Foundation formatting).
    static func number(_ value: Double, decimals: Int = 1) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        guard decimals > 0 else { return "\(scaled)" }
        let fraction = String(scaled % Int(scale))
        return "\(scaled / Int(scale))." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}

extension String {
    /// The string padded with spaces to `width` characters (unchanged if it is already as wide).
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
