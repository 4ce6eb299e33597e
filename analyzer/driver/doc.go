// Package driver runs blockcheck's analyzers (golang.org/x/tools/go/analysis
// analyzers) over JavaScript modules.
//
// One JS module is one analysis unit, the way one Go package is for go vet:
// the driver builds an analysis.Pass per (analyzer, module) with the file in
// OtherFiles (read through Options.ReadFile, which may serve unsaved editor
// buffers), fills ResultOf in Requires order, and collects diagnostics.
// Package facts are real: each module is a types.Package whose imports are
// the modules it requires or imports inside the analyzed tree, and modules
// are analyzed in dependency order (strongly connected components of the
// import graph together, so cycles terminate), in parallel on all cores.
//
// Analyzing a file also loads, without reporting on them, the in-tree
// modules it depends on, so an editor can check a single module and still
// see facts about its imports.
package driver
