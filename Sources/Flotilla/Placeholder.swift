/// Placeholder until the client library lands (issue 6).
enum FlotillaClientPlaceholder {}
