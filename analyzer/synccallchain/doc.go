// Package synccallchain defines the sync-call-chain rule: a call, on the
// event loop's hot path, to a function that blocks — directly or through
// any depth of helpers, in the same module or in another module reached
// through require or import.
//
// The diagnostic is at the call in the hot function (the handler, the
// listener, the async function), and shows the chain as related
// information, one entry per hop with its position:
// handler → loadUser → readUserFile → fs.readFileSync.
//
// Each module exports a package fact, ChainFact, saying which of its
// exports block and how; the driver analyzes modules in dependency order,
// so importers see their dependencies' facts. Modules in an import cycle
// are analyzed one after the other and may miss each other's facts; chains
// within a module that recurse terminate because a chain only ever gets
// shorter. See docs/rules/sync-call-chain.md.
package synccallchain
