import Hummingbird
import QueueModel

extension ZaqarAPI {
    /// `GET /v2/health` (§3.4): a real self-test through the service on a private queue — create, post, claim,
    /// list, delete, release, bulk delete, drop — with each step's time.
    func health(_ checked: CheckedRequest) async throws(ZaqarError) -> Response {
        let queue = QueueRef(project: checked.project, name: "flotilla-health-\(UInt32.random(in: 0..<UInt32.max))")
        let client = checked.clientID!
        var steps: [(String, Bool, Double)] = []
        var claimID: String?
        var messageIDs: [String] = []
        func step(_ name: String, _ body: () async throws(QueueServiceError) -> Bool) async {
            let start = ContinuousClock.now
            let succeeded = (try? await body()) ?? false
            steps.append((name, succeeded, (ContinuousClock.now - start) / .seconds(1)))
        }
        await step("create_queue") { () throws(QueueServiceError) in
            if case .queueCreated = try await service.perform(.createQueue(queue, metadata: JSONObject())).result {
                return true
            }
            return false
        }
        await step("post_messages") { () throws(QueueServiceError) in
            let messages = (0..<100).map { NewMessage(ttl: 60, delay: nil, body: "{\"n\": \($0)}", checksum: nil) }
            guard
                case .posted(let ids) = try await service.perform(
                    .postMessages(queue, clientID: client, messages: messages, idempotencyKey: nil)
                ).result
            else { return false }
            messageIDs = ids
            return true
        }
        await step("claim_messages") { () throws(QueueServiceError) in
            guard
                case .claimed(let claim?) = try await service.perform(
                    .claimMessages(queue, limit: 10, ttl: 60, grace: 60)
                ).result
            else { return false }
            claimID = claim.id
            return true
        }
        await step("list_messages") { () throws(QueueServiceError) in
            let page = try await service.listMessages(
                queue, marker: nil, limit: 10, clientID: client, echo: true, includeClaimed: true, includeDelayed: true)
            return page.messages.count == 10
        }
        await step("delete_messages") { () throws(QueueServiceError) in
            guard let first = messageIDs.last else { return false }
            return try await service.perform(.deleteMessage(queue, messageID: first, claimID: nil)).result == .done
        }
        await step("delete_claim") { () throws(QueueServiceError) in
            guard let claimID else { return false }
            return try await service.perform(.releaseClaim(queue, claimID: claimID)).result == .done
        }
        await step("bulk_delete_messages") { () throws(QueueServiceError) in
            try await service.perform(.deleteMessages(queue, ids: Array(messageIDs.prefix(20)))).result == .done
        }
        await step("delete_queue") { () throws(QueueServiceError) in
            try await service.perform(.deleteQueue(queue)).result == .done
        }
        let reachable = await service.isHealthy()
        let operations = steps.map { name, succeeded, seconds in
            "\(Render.quoted(name)): {\"succeeded\": \(succeeded), \"seconds\": \(JSONSerializer.pythonRepr(seconds)), \"ref\": null}"
        }
        let body =
            "{\"storage_reachable\": \(reachable), \"operation_status\": {" + operations.joined(separator: ", ") + "}}"
        guard reachable, steps.allSatisfy(\.1) else {
            throw ZaqarError(
                .serviceUnavailable, title: "Service temporarily unavailable",
                description: "Health status could not be read.")
        }
        return Render.json(body)
    }
}
