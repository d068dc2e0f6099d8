/// Placeholder until the transport lands (issue 6).
enum RaftTransportPlaceholder {}
