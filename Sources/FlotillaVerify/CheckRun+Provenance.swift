extension CheckRun {
    /// ``Violation/Kind/phantomMessage``, ``Violation/Kind/failedPostTookEffect`` (each once per body, at its first
    /// appearance) and ``Violation/Kind/inconsistentIdentity`` (once per id and once per body).
    func provenanceViolations() -> [Violation] {
        var violations: [Violation] = []
        var judgedBodies: Set<String> = []
        var bodyOfID: [String: (body: String, eventIndex: Int)] = [:]
        var idOfBody: [String: (id: String, eventIndex: Int)] = [:]
        var reportedIDs: Set<String> = []
        var reportedBodies: Set<String> = []

        /// Records that event `eventIndex` paired `id` with `body`, flagging the first contradiction of each.
        func note(id: String, body: String, eventIndex: Int) {
            if let seen = bodyOfID[id], seen.body != body, reportedIDs.insert(id).inserted {
                violations.append(
                    violation(
                        .inconsistentIdentity,
                        "message id \(id) came with body \(quoted(seen.body)) and later with \(quoted(body))",
                        [seen.eventIndex, eventIndex]))
            }
            if let seen = idOfBody[body], seen.id != id, reportedBodies.insert(body).inserted {
                violations.append(
                    violation(
                        .inconsistentIdentity, "body \(quoted(body)) came with id \(seen.id) and later with \(id)",
                        [seen.eventIndex, eventIndex]))
            }
            if bodyOfID[id] == nil { bodyOfID[id] = (body, eventIndex) }
            if idOfBody[body] == nil { idOfBody[body] = (id, eventIndex) }
        }

        for post in index.posts {
            if let id = post.id, let completion = post.record.completionIndex {
                note(id: id, body: post.body, eventIndex: completion)
            }
        }
        for (record, messages) in index.deliveries {
            for message in messages {
                note(id: message.id, body: message.body, eventIndex: record.lastEventIndex)
                guard judgedBodies.insert(message.body).inserted else { continue }
                let name = describe(body: message.body, id: message.id)
                guard let position = index.postByBody[message.body] else {
                    violations.append(
                        violation(.phantomMessage, "\(name) was returned but no post sent it", record.eventIndices))
                    continue
                }
                let post = index.posts[position]
                if post.record.outcome == .fail {
                    violations.append(
                        violation(
                            .failedPostTookEffect, "\(name) was returned although its post failed",
                            post.record.eventIndices + record.eventIndices))
                }
            }
        }
        return violations
    }
}
