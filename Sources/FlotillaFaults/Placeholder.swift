// Placeholder until this target's first file lands; delete it then.
enum Placeholder {}
