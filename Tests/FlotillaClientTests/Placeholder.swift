import Testing
// Placeholder until the tests land (issue 6).
