public import HTTPTypes
public import Hummingbird
import QueueModel

/// The Zaqar v2 HTTP API over a ``QueueService``: routing, the header gate, and one handler per endpoint of
/// `../shared/docs/zaqar-v2-api.md` sections 3–6, answering as the reference does (plus Flotilla's decisions in
/// its section 12; every difference is listed in `Docs/COMPATIBILITY.md`).
///
/// **Bad input changes nothing**: every request is validated completely (headers, path, query, body) before the
/// service is asked to change anything, and bodies are size-limited while they stream in.
public struct ZaqarAPI<Context: RequestContext>: HTTPResponder {
    let service: any QueueService
    /// Whether posted messages get an `MD5:` checksum (the reference harness has `enable_checksum = true`).
    let checksums: Bool

    public init(service: any QueueService, checksums: Bool = true) {
        self.service = service
        self.checksums = checksums
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        do {
            return try await handle(request)
        } catch {
            return error.response()
        }
    }

    private func handle(_ request: Request) async throws(ZaqarError) -> Response {
        let path = request.uri.path
        let route = Route(path: path)
        if request.method == .options { return options(request, route: route, path: path) }
        // Pre-signed URLs are not supported; the reference answers a failed signature with a bare 404.
        guard let route, request.headers[HTTPField.Name("URL-Signature")!] == nil else {
            // A client that accepts no JSON gets the 404 without a body.
            if let accept = request.headers[.accept], !RequestGate.acceptsJSON(accept) {
                throw ZaqarError(.notFound, title: nil)
            }
            throw .routeNotFound
        }
        let checked = try RequestGate.check(request, route: route, path: path)
        guard route.methods.contains(request.method) else {
            throw ZaqarError(.methodNotAllowed, title: "405 Method Not Allowed", headers: [.allow: route.allowHeader])
        }
        switch (route, request.method) {
        case (.versions, _): return Render.versions()
        case (.home, _): return Render.homeDocument()
        case (.ping, .head): return Response(status: .noContent)
        case (.ping, _): return await service.isHealthy() ? Response(status: .noContent) : Render.unavailable()
        case (.health, _): return try await health(checked)
        case (.queues, _): return try await listQueues(checked)
        case (.queue, .put): return try await createQueue(request, checked)
        case (.queue, .get): return try await getQueue(checked)
        case (.queue, .patch): return try await patchQueue(request, checked)
        case (.queue, .delete):
            return try await mutate(.deleteQueue(checked.queue!)) { _ in Response(status: .noContent) }
        case (.stats, _): return try await stats(checked)
        case (.purge, _): return try await purge(request, checked)
        case (.share, _): return try await share(request, checked)
        case (.messages, .post): return try await postMessages(request, checked)
        case (.messages, .get): return try await listMessages(checked)
        case (.messages, .delete): return try await deleteMessages(checked)
        case (.message(_, let id), .get): return try await getMessage(checked, id: id)
        case (.message(_, let id), .delete): return try await deleteMessage(checked, id: id)
        case (.claims, _): return try await createClaim(request, checked)
        case (.claim(_, let id), .get): return try await getClaim(checked, id: id)
        case (.claim(_, let id), .patch): return try await renewClaim(request, checked, id: id)
        case (.claim(_, let id), .delete):
            return try await mutate(.releaseClaim(checked.queue!, claimID: id)) { _ in Response(status: .noContent) }
        default:
            throw ZaqarError(.methodNotAllowed, title: "405 Method Not Allowed", headers: [.allow: route.allowHeader])
        }
    }

    /// OPTIONS is answered before any check, as the reference does: the methods of a known route when the
    /// headers are acceptable, else a bare 200.
    private func options(_ request: Request, route: Route?, path: String) -> Response {
        guard let route, (try? RequestGate.check(request, route: route, path: path, checkingPolicy: false)) != nil
        else {
            return Response(status: .ok, headers: [.contentLength: "0"])
        }
        return Response(
            status: .ok,
            headers: [
                .allow: route.methods.map(\.rawValue).joined(separator: ", "), .contentLength: "0",
                .contentType: "application/json",
            ])
    }

    /// Runs a mutation; a refusal becomes the reference's error, success goes through `success` and gets the
    /// durability receipt headers.
    func mutate(
        _ command: QueueCommand, refusal: (QueueError) -> ZaqarError = ZaqarError.from,
        success: (CommandResult) throws(ZaqarError) -> Response
    ) async throws(ZaqarError) -> Response {
        let outcome: MutationOutcome
        do {
            outcome = try await service.perform(command)
        } catch {
            throw ZaqarError.from(error)
        }
        if case .failed(let error) = outcome.result { throw refusal(error) }
        var response = try success(outcome.result)
        if let receipt = outcome.receipt {
            response.headers[Render.commitIndexHeader] = String(receipt.commitIndex)
            response.headers[Render.leaderHeader] = receipt.leader
        }
        return response
    }

    /// Runs a read; a service failure becomes a 503/500.
    func read<T>(_ body: () async throws(QueueServiceError) -> T) async throws(ZaqarError) -> T {
        do {
            return try await body()
        } catch {
            throw ZaqarError.from(error)
        }
    }
}
