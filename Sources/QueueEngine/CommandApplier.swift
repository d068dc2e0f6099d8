import Foundation
import GRDB
import QueueModel

/// Applies one command inside the engine's transaction. `now` is the leader's time from the envelope; `index` is
/// the log index the ids derive from. Throws only for database failures; refusals are `.failed` results, and
/// the caller rolls back the command's savepoint for them.
struct CommandApplier {
    let db: Database
    let index: UInt64
    let now: Timestamp
    let queues: BatchContext

    func apply(_ command: QueueCommand) throws -> CommandResult {
        if let queue = command.queue, !isValid(queue) { return invalid("invalid queue \(queue)") }
        switch command {
        case .createQueue(let queue, let metadata): return try createQueue(queue, metadata: metadata)
        case .patchMetadata(let queue, let operations): return try patchMetadata(queue, operations)
        case .deleteQueue(let queue): return try deleteQueue(queue)
        case .purgeQueue(let queue, let messages, _): return try purge(queue, messages: messages)
        case .postMessages(let queue, let clientID, let messages, let key):
            return try post(queue, clientID: clientID, messages: messages, idempotencyKey: key)
        case .claimMessages(let queue, let limit, let ttl, let grace):
            return try claim(queue, limit: limit, ttl: ttl, grace: grace)
        case .renewClaim(let queue, let claimID, let ttl, let grace):
            return try renew(queue, claimID: claimID, ttl: ttl, grace: grace)
        case .releaseClaim(let queue, let claimID): return try release(queue, claimID: claimID)
        case .deleteMessage(let queue, let messageID, let claimID):
            return try delete(queue, messageID, claimID: claimID)
        case .deleteMessages(let queue, let ids): return try deleteMany(queue, ids: ids)
        case .popMessages(let queue, let count): return try pop(queue, count: count)
        case .expire(let limit): return try expire(limit: limit)
        }
    }

    private func invalid(_ reason: String) -> CommandResult { .failed(.invalidCommand(reason)) }

    /// Runs `sql` through the connection's statement cache: every statement of the engine is prepared once.
    private func run(_ sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    private func isValid(_ queue: QueueRef) -> Bool {
        QueueRef.isValidName(queue.name) && QueueRef.isValidProject(queue.project)
    }

    // MARK: Queues

    /// §4.2: an existing queue keeps its metadata (but the given metadata must still be valid).
    private func createQueue(_ queue: QueueRef, metadata: JSONObject) throws -> CommandResult {
        // The reference validates the reserved keys before it answers 201 or 204.
        if let error = QueueMetadata.validationError(metadata) { return .failed(.invalidMetadata(error)) }
        if try queues.fetch(queue, db) != nil { return .queueCreated(false) }
        try run(
            "INSERT INTO queues (project, name, metadata) VALUES (?, ?, ?)",
            arguments: [queue.project, queue.name, JSONSerializer.serialize(.object(metadata))])
        queues.created(queue)
        return .queueCreated(true)
    }

    /// §4.4 step 7–9: apply in order, then validate the reserved keys of the result.
    private func patchMetadata(_ queue: QueueRef, _ operations: [MetadataPatch]) throws -> CommandResult {
        guard let row = try queues.fetch(queue, db) else { return .failed(.queueNotFound(queue)) }
        var metadata = row.metadata
        for patch in operations {
            switch patch.operation {
            case .add:
                guard let value = patch.value else { return invalid("add without a value") }
                metadata[patch.key] = value
            case .replace:
                guard let value = patch.value else { return invalid("replace without a value") }
                guard metadata.contains(patch.key) || QueueMetadata.reservedKeys.contains(patch.key) else {
                    return .failed(.metadataConflict(operation: .replace, key: patch.key))
                }
                metadata[patch.key] = value
            case .remove:
                if metadata.contains(patch.key) {
                    metadata[patch.key] = nil
                } else if !QueueMetadata.reservedKeys.contains(patch.key) {
                    return .failed(.metadataConflict(operation: .remove, key: patch.key))
                }
            }
        }
        if let error = QueueMetadata.validationError(metadata) { return .failed(.invalidMetadata(error)) }
        try run(
            "UPDATE queues SET metadata = ? WHERE id = ?",
            arguments: [JSONSerializer.serialize(.object(metadata)), row.id])
        queues.updateMetadata(queue, metadata)
        return .metadata(QueueMetadata.withDefaults(metadata))
    }

    /// §4.5: messages, claims and remembered post keys go with the queue.
    private func deleteQueue(_ queue: QueueRef) throws -> CommandResult {
        guard let row = try queues.fetch(queue, db) else { return .done }
        for table in ["messages", "claims", "post_keys"] {
            try run("DELETE FROM \(table) WHERE queue_id = ?", arguments: [row.id])
        }
        try run("DELETE FROM queues WHERE id = ?", arguments: [row.id])
        queues.remove(queue)
        return .done
    }

    /// §4.7 with Flotilla's decision 9: every message goes, claimed and delayed ones included.
    private func purge(_ queue: QueueRef, messages: Bool) throws -> CommandResult {
        guard messages, let row = try queues.fetch(queue, db) else { return .done }
        try run("DELETE FROM messages WHERE queue_id = ?", arguments: [row.id])
        try run("DELETE FROM claims WHERE queue_id = ?", arguments: [row.id])
        return .done
    }

    // MARK: Messages

    /// §5.1: the batch is stored atomically in request order; the queue is created if needed. TTL and delay
    /// default to the queue's; a per-message delay is always honoured (decision 1).
    private func post(
        _ queue: QueueRef, clientID: ClientID, messages: [NewMessage], idempotencyKey: String?
    ) throws -> CommandResult {
        guard !messages.isEmpty else { return invalid("no messages") }
        for message in messages {
            if let ttl = message.ttl, !ZaqarLimits.messageTTLRange.contains(ttl) { return invalid("ttl \(ttl)") }
            if let delay = message.delay, !ZaqarLimits.messageDelayRange.contains(delay) {
                return invalid("delay \(delay)")
            }
        }
        let row = try queues.fetchOrCreate(queue, db)
        if let idempotencyKey {
            let remembered = try String.fetchOne(
                db.cachedStatement(
                    sql: "SELECT message_ids FROM post_keys WHERE queue_id = ? AND key = ? AND expires_ms > ?"),
                arguments: [row.id, idempotencyKey, now.milliseconds])
            if let remembered {
                return .posted(messageIDs: remembered.split(separator: ",").map(String.init))
            }
        }
        let settings = QueueMetadata.settings(row.metadata)
        let firstSeq = try queues.reserveMessageSeqs(messages.count, db)
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO messages (seq, queue_id, id, created_ms, expires_ms, ttl, delay_until_ms, claim_id,
                    claim_expires_ms, claim_count, client_id, body, checksum)
                VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0, 0, ?, ?, ?)
                """)
        var ids: [String] = []
        ids.reserveCapacity(messages.count)
        let client = Data(clientID.bytes)
        for (position, message) in messages.enumerated() {
            let ttl = message.ttl ?? settings.defaultMessageTTL
            let delay = message.delay ?? settings.defaultMessageDelay
            let id = EntityID.message(index: index, position: position)
            try insert.execute(arguments: [
                firstSeq + Int64(position), row.id, id, now.milliseconds, now.adding(seconds: ttl).milliseconds, ttl,
                now.adding(seconds: delay).milliseconds, client, message.body, message.checksum,
            ])
            ids.append(id)
        }
        if let idempotencyKey {
            try run(
                "INSERT OR REPLACE INTO post_keys (queue_id, key, expires_ms, message_ids) VALUES (?, ?, ?, ?)",
                arguments: [
                    row.id, idempotencyKey, now.adding(seconds: ZaqarLimits.idempotencyWindowSeconds).milliseconds,
                    ids.joined(separator: ","),
                ])
        }
        return .posted(messageIDs: ids)
    }

    /// Claims whose time is up let go of their messages (an expired claim counts as none). Done at the start of
    /// claim and pop, so the partial index of unclaimed messages is exact for them.
    private func releaseExpiredClaims(queueID: Int64) throws {
        try run(
            """
            UPDATE messages SET claim_id = NULL, claim_expires_ms = 0
            WHERE claim_id IN (SELECT id FROM claims WHERE queue_id = ? AND expires_ms <= ?)
            """, arguments: [queueID, now.milliseconds])
        try run(
            "DELETE FROM claims WHERE queue_id = ? AND expires_ms <= ?", arguments: [queueID, now.milliseconds])
    }

    /// The first `limit` messages a claim or pop may take, in FIFO order: unclaimed, unexpired, not delayed.
    private func availableMessages(queueID: Int64, limit: Int) throws -> [MessageRow] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT \(MessageRow.columns) FROM messages INDEXED BY messages_unclaimed
                WHERE queue_id = ? AND claim_id IS NULL AND expires_ms > ? AND delay_until_ms <= ?
                ORDER BY seq LIMIT ?
                """)
        return try Row.fetchAll(statement, arguments: [queueID, now.milliseconds, now.milliseconds, limit])
            .map(MessageRow.init(row:))
    }

    /// §6.1 and §7.2: claim up to `limit` messages; a message already claimed `_max_claim_count` times moves to
    /// the dead-letter queue instead (decision 10: unclaimed, visible at once, claim count kept, TTL and expiry
    /// from the dead-letter TTL when one is set).
    private func claim(_ queue: QueueRef, limit: Int, ttl: Int, grace: Int) throws -> CommandResult {
        guard (1...ZaqarLimits.maxMessagesPerClaimOrPop).contains(limit) else { return invalid("claim limit \(limit)") }
        guard ZaqarLimits.claimTTLRange.contains(ttl) else { return invalid("claim ttl \(ttl)") }
        guard ZaqarLimits.claimGraceRange.contains(grace) else { return invalid("claim grace \(grace)") }
        guard let row = try queues.fetch(queue, db) else { return .claimed(nil) }
        try releaseExpiredClaims(queueID: row.id)
        let settings = QueueMetadata.settings(row.metadata)
        let claimID = EntityID.claim(index: index)
        let claimExpires = now.adding(seconds: ttl)
        var claimed: [MessageView] = []
        for message in try availableMessages(queueID: row.id, limit: limit) {
            if let deadLettering = settings.deadLettering, Int64(message.claimCount) >= deadLettering.maxClaims {
                try moveToDeadLetterQueue(
                    message, queue: QueueRef(project: queue.project, name: deadLettering.queue), settings)
                continue
            }
            let count = message.claimCount + (settings.deadLettering == nil ? 0 : 1)
            var expires = message.expires
            var messageTTL = message.ttl
            if expires < claimExpires {
                // The message must outlive its claim: it lives until the claim ends plus the grace.
                expires = claimExpires.adding(seconds: grace)
                messageTTL = ttl + grace
            }
            try run(
                """
                UPDATE messages SET claim_id = ?, claim_expires_ms = ?, claim_count = ?, expires_ms = ?, ttl = ?
                WHERE seq = ?
                """,
                arguments: [claimID, claimExpires.milliseconds, count, expires.milliseconds, messageTTL, message.seq])
            var view = message.view(queue: queue.name, at: now)
            view.claimID = claimID
            view.claimCount = count
            view.ttl = messageTTL
            claimed.append(view)
        }
        guard !claimed.isEmpty else { return .claimed(nil) }
        try run(
            "INSERT INTO claims (id, queue_id, renewed_ms, expires_ms, ttl, grace) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [claimID, row.id, now.milliseconds, claimExpires.milliseconds, ttl, grace])
        return .claimed(ClaimView(id: claimID, queue: queue.name, age: 0, ttl: ttl, messages: claimed))
    }

    private func moveToDeadLetterQueue(_ message: MessageRow, queue: QueueRef, _ settings: QueueMetadata.Settings)
        throws
    {
        let target = try queues.fetchOrCreate(queue, db)
        let seq = try queues.reserveMessageSeqs(1, db)
        var ttl = message.ttl
        var expires = message.expires
        if let deadLetterTTL = settings.deadLetterTTL {
            ttl = deadLetterTTL
            expires = now.adding(seconds: deadLetterTTL)
        }
        try run(
            """
            UPDATE messages SET seq = ?, queue_id = ?, claim_id = NULL, claim_expires_ms = 0, ttl = ?, expires_ms = ?,
                delay_until_ms = 0
            WHERE seq = ?
            """, arguments: [seq, target.id, ttl, expires.milliseconds, message.seq])
    }

    /// §6.3: new expiry and age for the claim and its messages; lifetime extension applied again.
    private func renew(_ queue: QueueRef, claimID: String, ttl: Int, grace: Int) throws -> CommandResult {
        guard ZaqarLimits.claimTTLRange.contains(ttl) else { return invalid("claim ttl \(ttl)") }
        guard grace >= 0 else { return invalid("claim grace \(grace)") }
        guard let row = try queues.fetch(queue, db),
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM claims WHERE id = ? AND queue_id = ? AND expires_ms > ?"),
                arguments: [claimID, row.id, now.milliseconds]) == true
        else { return .failed(.claimNotFound(queue, claimID: claimID)) }
        let claimExpires = now.adding(seconds: ttl)
        try run(
            "UPDATE claims SET renewed_ms = ?, expires_ms = ?, ttl = ?, grace = ? WHERE id = ?",
            arguments: [now.milliseconds, claimExpires.milliseconds, ttl, grace, claimID])
        try run(
            "UPDATE messages SET claim_expires_ms = ? WHERE claim_id = ?",
            arguments: [claimExpires.milliseconds, claimID])
        try run(
            "UPDATE messages SET expires_ms = ?, ttl = ? WHERE claim_id = ? AND expires_ms < ?",
            arguments: [
                claimExpires.adding(seconds: grace).milliseconds, ttl + grace, claimID, claimExpires.milliseconds,
            ])
        return .done
    }

    /// §6.4: the messages are free at once; extensions and claim counts stay.
    private func release(_ queue: QueueRef, claimID: String) throws -> CommandResult {
        guard let row = try queues.fetch(queue, db) else { return .done }
        guard
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM claims WHERE id = ? AND queue_id = ?"),
                arguments: [claimID, row.id]) == true
        else { return .done }
        try run(
            "UPDATE messages SET claim_id = NULL, claim_expires_ms = 0 WHERE claim_id = ?", arguments: [claimID])
        try run("DELETE FROM claims WHERE id = ?", arguments: [claimID])
        return .done
    }

    /// §5.5 in the reference's order (a malformed claim id first), with decision 15 (an unknown claim id is 400).
    /// Reads only the claim columns of the message.
    private func delete(_ queue: QueueRef, _ messageID: String, claimID: String?) throws -> CommandResult {
        guard let row = try queues.fetch(queue, db),
            let message = try Row.fetchOne(
                db.cachedStatement(
                    sql:
                        "SELECT seq, claim_id, claim_expires_ms FROM messages WHERE id = ? AND queue_id = ? AND expires_ms > ?"
                ),
                arguments: [messageID, row.id, now.milliseconds])
        else { return .done }
        let seq: Int64 = message[0]
        let currentClaim: String? = message[1]
        let claimed = currentClaim != nil && Timestamp(milliseconds: message[2]) > now
        if let claimID {
            // The reference first checks only that the claim id is a UUID ("123" does not exist), then the message.
            guard ClientID(parsing: claimID) != nil else { return .failed(.claimInvalid) }
            guard claimed else { return .failed(.messageNotClaimed) }
            if claimID != currentClaim {
                let active = try Bool.fetchOne(
                    db.cachedStatement(sql: "SELECT 1 FROM claims WHERE id = ? AND queue_id = ? AND expires_ms > ?"),
                    arguments: [claimID, row.id, now.milliseconds])
                return .failed(active == true ? .messageClaimed : .claimInvalid)
            }
        } else if claimed {
            return .failed(.messageClaimed)
        }
        try run("DELETE FROM messages WHERE seq = ?", arguments: [seq])
        return .done
    }

    /// §5.6: listed messages go regardless of claims; unknown ids are ignored.
    private func deleteMany(_ queue: QueueRef, ids: [String]) throws -> CommandResult {
        guard (1...ZaqarLimits.maxMessagesPerPage).contains(ids.count) else { return invalid("\(ids.count) ids") }
        guard let row = try queues.fetch(queue, db) else { return .done }
        let statement = try db.cachedStatement(sql: "DELETE FROM messages WHERE id = ? AND queue_id = ?")
        for id in ids { try statement.execute(arguments: [id, row.id]) }
        return .done
    }

    /// §5.7: the oldest available messages, deleted and returned (decision 12: no claim id).
    private func pop(_ queue: QueueRef, count: Int) throws -> CommandResult {
        guard (1...ZaqarLimits.maxMessagesPerClaimOrPop).contains(count) else { return invalid("pop \(count)") }
        guard let row = try queues.fetch(queue, db) else { return .popped([]) }
        try releaseExpiredClaims(queueID: row.id)
        let taken = try availableMessages(queueID: row.id, limit: count)
        for message in taken {
            try run("DELETE FROM messages WHERE seq = ?", arguments: [message.seq])
        }
        return .popped(taken.map { $0.view(queue: queue.name, at: now) })
    }

    /// Housekeeping: reclaims the space of what has expired. Reads already ignore it, so this changes nothing
    /// observable; it is bounded by `limit` rows per table to keep an apply short.
    private func expire(limit: Int) throws -> CommandResult {
        guard limit > 0 else { return invalid("expire limit \(limit)") }
        let cutoff = now.milliseconds
        try run(
            """
            DELETE FROM messages WHERE seq IN
                (SELECT seq FROM messages WHERE expires_ms <= ? ORDER BY expires_ms, seq LIMIT ?)
            """, arguments: [cutoff, limit])
        var removed = db.changesCount
        let claims = try String.fetchAll(
            db.cachedStatement(sql: "SELECT id FROM claims WHERE expires_ms <= ? ORDER BY expires_ms, id LIMIT ?"),
            arguments: [cutoff, limit])
        for claimID in claims {
            try run(
                "UPDATE messages SET claim_id = NULL, claim_expires_ms = 0 WHERE claim_id = ?",
                arguments: [claimID])
            try run("DELETE FROM claims WHERE id = ?", arguments: [claimID])
        }
        removed += claims.count
        try run(
            """
            DELETE FROM post_keys WHERE rowid IN
                (SELECT rowid FROM post_keys WHERE expires_ms <= ? ORDER BY expires_ms, queue_id, key LIMIT ?)
            """, arguments: [cutoff, limit])
        removed += db.changesCount
        // Give the freed pages back to the file system (auto_vacuum = INCREMENTAL); a bounded amount per run.
        try run("PRAGMA incremental_vacuum(\(limit))")
        return .expired(removed: removed)
    }
}
