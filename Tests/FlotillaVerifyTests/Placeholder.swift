// Placeholder until this test target's first file lands; delete it then.
import Testing
