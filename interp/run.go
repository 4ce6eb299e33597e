package interp

import (
	_ "embed"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/blockcheck/blockcheck/looprt"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// Options configure one run.
type Options struct {
	Node     int   // Node major being modelled
	MaxSteps int64 // evaluation steps before the run is cut short
	// Deadline, if set, cuts the run short when the wall clock passes it.
	Deadline time.Time
}

// DefaultMaxSteps bounds a run's evaluation steps (about a second of
// interpretation).
const DefaultMaxSteps = 20_000_000

// Result is what one run found besides its trace.
type Result struct {
	Trace     *looprt.Trace
	Unknowns  []Unknown
	Truncated string // non-empty when the step budget stopped the run
	// PrintOffsets holds, per printed line in order, the source offset of
	// the console.log call in the entry module (-1 elsewhere).
	PrintOffsets []int
}

//go:embed prelude.js
var preludeSrc []byte

var (
	preludeOnce sync.Once
	preludeAST  *js.AST
	preludeBuf  []byte
	preludeErr  error
)

func parsePrelude() (*js.AST, []byte, error) {
	preludeOnce.Do(func() {
		preludeBuf = make([]byte, len(preludeSrc), len(preludeSrc)+1)
		copy(preludeBuf, preludeSrc)
		preludeAST, preludeErr = js.Parse(parse.NewInputBytes(preludeBuf), js.Options{})
	})
	return preludeAST, preludeBuf, preludeErr
}

// New prepares an interpreter for prog on rt.
func New(prog *Program, rt *looprt.Runtime, opts Options) *Interp {
	if opts.MaxSteps <= 0 {
		opts.MaxSteps = DefaultMaxSteps
	}
	if opts.Node == 0 {
		opts.Node = rt.Profile().Major
	}
	it := &Interp{
		prog:         prog,
		opts:         opts,
		errorCtors:   map[string]*Object{},
		privSyms:     map[string]*Symbol{},
		symRegistry:  map[string]*Symbol{},
		hoist:        map[*js.BlockStmt]*hoistInfo{},
		switchBlocks: map[*js.SwitchStmt]*js.BlockStmt{},
		modules:      map[string]Value{},
		seenUnk:      map[string]bool{},
		fsFiles:      map[string]string{},
		esmExports:   map[*Program]*Object{},
		fds:          map[int]*openFile{},
		fsDeleted:    map[string]bool{},
		fsDirs:       map[string]bool{},
		rootProg:     prog,
		loopClosures: map[*js.ForStmt]bool{},
		throwOffset:  -1,
	}
	it.loop = &Loop{it: it, rt: rt}
	it.ObjectProto = &Object{class: "Object", extensible: true}
	it.FuncProto = &Object{proto: it.ObjectProto, class: "Function", extensible: true, fn: &Func{name: "", native: func(*Interp, Value, []Value) Value { return Undefined }}}
	it.ArrayProto = &Object{proto: it.ObjectProto, class: "Array", arr: []Value{}, extensible: true}
	it.StringProto = it.newObject(it.ObjectProto)
	it.NumberProto = it.newObject(it.ObjectProto)
	it.BoolProto = it.newObject(it.ObjectProto)
	it.BigIntProto = it.newObject(it.ObjectProto)
	it.SymbolProto = it.newObject(it.ObjectProto)
	it.ErrorProto = it.newObject(it.ObjectProto)
	it.IteratorProto = it.newObject(it.ObjectProto)
	it.ArrayIterProto = it.newObject(it.IteratorProto)
	it.GeneratorProto = it.newObject(it.IteratorProto)
	it.AsyncGenProto = it.newObject(it.ObjectProto)
	it.globalObj = it.newObject(it.ObjectProto)
	it.global = &Env{fc: &funcCtx{this: Undefined, thisInit: true, newTarget: Undefined}}
	it.setupBuiltins()
	it.setupNode()
	it.removeNewerBuiltins()
	return it
}

// Run runs the program to the end of the simulated process.
func (it *Interp) Run() *Result {
	defer it.killCoroutines()
	main := looprt.Callback{Label: "main module", Pos: looprt.Pos{File: it.prog.Path, Line: 1, Col: 1}, Fn: func() {
		it.runTask(&task{kind: "main", fn: it.runMain})
	}}
	trace := it.loop.rt.Run(main)
	if it.stdoutBuf != "" {
		// output without a final newline still ends up on stdout
		it.loop.rt.Print(it.stdoutBuf)
		it.printOffsets = append(it.printOffsets, -1)
		it.stdoutBuf = ""
	}
	return &Result{Trace: trace, Unknowns: it.unknowns, Truncated: it.truncated, PrintOffsets: it.printOffsets}
}

func (it *Interp) runMain() {
	if err := it.loadPrelude(); err != nil {
		it.addUnknown(-1, "prelude", "internal error loading the Node library model: "+err.Error())
		panic(&abort{reason: "unsupported"})
	}
	if it.prog.ESM {
		it.runESM(it.prog, "file:"+it.prog.Path)
		return
	}
	it.runCJS(it.prog, it.NewPlain(), "file:"+it.prog.Path)
}

// loadPrelude evaluates prelude.js, which defines library modules in JS.
func (it *Interp) loadPrelude() error {
	ast, buf, err := parsePrelude()
	if err != nil {
		return err
	}
	_ = buf
	env := it.global.child()
	env.fc = &funcCtx{this: Undefined, thisInit: true, newTarget: Undefined}
	env.strict = true
	native := it.NewPlain()
	it.fillNative(native)
	env.declare("native", &Binding{v: native, init: true})
	it.enterBlock(&ast.BlockStmt, env, true)
	it.execList(ast.List, env)
	b := env.lookup([]byte("modules"))
	if b == nil {
		return nil
	}
	it.preludeModules, _ = b.v.(*Object)
	if proc, ok := it.getV(it.preludeModules, strKey("process")).(*Object); ok {
		it.setupProcess(proc)
	}
	for _, g := range []string{"EventTarget", "Event", "AbortController", "AbortSignal", "MessageChannel", "TextEncoder", "TextDecoder", "URL", "Buffer"} {
		if v := it.getV(it.preludeModules, strKey("global:"+g)); v != Undefined {
			it.defineGlobal(g, v)
		}
	}
	return nil
}

// moduleEnv builds the scope a module body runs in.
func (it *Interp) moduleEnv(p *Program) *Env {
	env := it.global.child()
	env.fc = &funcCtx{this: Undefined, thisInit: true, newTarget: Undefined}
	env.strict = p.ESM || hasUseStrict(&p.AST.BlockStmt)
	return env
}

func (it *Interp) runCJS(p *Program, module *Object, key string) Value {
	exports := it.NewPlain()
	if key != "" {
		it.modules[key] = exports // a require cycle sees the partial exports
	}
	module.setOwn(strKey("exports"), exports)
	module.setOwn(strKey("id"), ".")
	module.setOwn(strKey("filename"), p.Path)
	module.setOwn(strKey("loaded"), false)
	env := it.moduleEnv(p)
	env.fc.this = exports
	env.declare("module", &Binding{v: module, init: true})
	env.declare("exports", &Binding{v: exports, init: true})
	req := it.requireFn(p)
	main := module
	if p != it.rootProg {
		main = it.mainModule
	} else {
		it.mainModule = module
	}
	if main != nil {
		req.setOwn(strKey("main"), main)
	}
	env.declare("require", &Binding{v: req, init: true})
	env.declare("__filename", &Binding{v: p.Path, init: true})
	env.declare("__dirname", &Binding{v: path.Dir(p.Path), init: true})
	prev := it.prog
	it.prog = p
	defer func() { it.prog = prev }()
	it.enterBlock(&p.AST.BlockStmt, env, true)
	it.execList(p.AST.List, env)
	module.setOwn(strKey("loaded"), true)
	return it.getV(module, strKey("exports"))
}

// runESM evaluates an ES module body as an async function (top-level await).
func (it *Interp) runESM(p *Program, key string) Value {
	env := it.moduleEnv(p)
	ns := it.newObject(nil)
	ns.defineHidden(PropKey{Sym: SymToStringTag}, "Module")
	it.esmExports[p] = ns
	if key != "" {
		it.modules[key] = ns // an import cycle sees the namespace being filled
	}
	it.bindImports(p, env)
	f := &Func{name: "", params: &js.Params{}, body: &p.AST.BlockStmt, env: env, async: true, strict: true}
	fo := it.newFuncObject(f, 0)
	prev := it.prog
	it.prog = p
	r := it.invoke(fo, Undefined, nil, nil)
	it.prog = prev
	if pr, ok := r.(*Object); ok {
		it.performThenGo(pr, func(Value) {}, func(e Value) { it.uncaught(e, "uncaughtException") }, nil)
	}
	return ns
}

// bindImports resolves the static imports of an ES module.
func (it *Interp) bindImports(p *Program, env *Env) {
	for _, s := range p.AST.List {
		imp, ok := s.(*js.ImportStmt)
		if !ok {
			continue
		}
		spec := unquote(imp.Module)
		mod := it.loadModule(spec, p, imp, true)
		if imp.Default != nil {
			env.declare(string(imp.Default), &Binding{v: it.defaultExport(mod), init: true})
		}
		for _, al := range imp.List {
			local := string(al.Binding)
			name := string(al.Name)
			if len(al.Name) == 0 {
				name = local
			}
			switch {
			case name == "*":
				env.declare(local, &Binding{v: mod, init: true})
			case name == "default":
				env.declare(local, &Binding{v: it.defaultExport(mod), init: true})
			default:
				v := it.getV(mod, strKey(name))
				env.declare(local, &Binding{v: v, init: true})
			}
		}
	}
}

func (it *Interp) defaultExport(mod Value) Value {
	if o, ok := mod.(*Object); ok {
		if p := o.getOwn(strKey("default")); p != nil && o.proto == nil {
			return it.propValue(p, o)
		}
	}
	return mod
}

func (it *Interp) execExport(x *js.ExportStmt, env *Env) completion {
	ns := it.esmExports[it.prog]
	if x.Decl != nil {
		switch d := x.Decl.(type) {
		case *js.VarDecl:
			it.execVarDecl(d, env)
			if ns != nil {
				for _, el := range d.List {
					for _, n := range bindingNames(el.Binding) {
						ns.setOwn(strKey(n), env.lookup([]byte(n)).v)
					}
				}
			}
		case *js.FuncDecl:
			if d.Name == nil {
				if ns != nil {
					ns.setOwn(strKey("default"), it.makeFunction(d, env))
				}
			} else if ns != nil {
				ns.setOwn(strKey(string(d.Name.Name())), env.lookup(d.Name.Name()).v)
				if x.Default {
					ns.setOwn(strKey("default"), env.lookup(d.Name.Name()).v)
				}
			}
		case *js.ClassDecl:
			c := it.evalClass(d, env)
			if d.Name != nil {
				if b := env.lookup(d.Name.Name()); b != nil {
					b.v, b.init = c, true
				}
				if ns != nil {
					ns.setOwn(strKey(string(d.Name.Name())), c)
				}
			}
			if x.Default && ns != nil {
				ns.setOwn(strKey("default"), c)
			}
		default:
			v := it.eval(x.Decl, env)
			if ns != nil && x.Default {
				ns.setOwn(strKey("default"), v)
			}
		}
		return normal
	}
	if ns == nil {
		return normal
	}
	var src Value
	if x.Module != nil {
		src = it.loadModule(unquote(x.Module), it.prog, x, true)
	}
	for _, al := range x.List {
		name := string(al.Name)
		as := string(al.Binding)
		if as == "" {
			as = name
		}
		if src != nil {
			if name == "*" {
				ns.setOwn(strKey(as), src)
			} else {
				ns.setOwn(strKey(as), it.getV(src, strKey(name)))
			}
			continue
		}
		if b := env.lookup([]byte(name)); b != nil {
			ns.setOwn(strKey(as), b.v)
		}
	}
	return normal
}

func (it *Interp) requireFn(p *Program) *Object {
	req := it.NativeFunc("require", 1, func(it *Interp, this Value, a []Value) Value {
		spec, ok := arg(a, 0).(string)
		if !ok {
			it.throwError("TypeError", "The \"id\" argument must be of type string")
		}
		return it.loadModule(spec, p, it.callSite, false)
	})
	it.method(req, "resolve", 1, func(it *Interp, this Value, a []Value) Value {
		return path.Join(path.Dir(p.Path), it.toString(arg(a, 0)))
	})
	return req
}

// loadModule returns a core module or evaluates a local one.
func (it *Interp) loadModule(spec string, from *Program, node js.INode, esm bool) Value {
	name := strings.TrimPrefix(spec, "node:")
	if m, ok := it.modules[name]; ok {
		return m
	}
	if !strings.HasPrefix(spec, ".") && !strings.HasPrefix(spec, "/") {
		if it.preludeModules != nil {
			if m := it.getV(it.preludeModules, strKey(name)); m != Undefined {
				it.modules[name] = m
				return m
			}
		}
		off := -1
		if node != nil && from == it.prog {
			off = it.prog.offsetOf(node)
		}
		it.addUnknown(off, "module "+spec, "module '"+spec+"' is not modelled: calls into it are not followed")
		m := it.opaque("module " + spec)
		it.modules[name] = m
		return m
	}
	file := path.Join(path.Dir(from.Path), spec)
	key := "file:" + file
	if from.ReadFile == nil || from.Parse == nil {
		it.addUnknown(it.prog.offsetOf(node), "module "+spec, "local module '"+spec+"' cannot be loaded")
		return it.opaque("module " + spec)
	}
	var src []byte
	var err error
	var tried string
	for _, cand := range []string{file, file + ".js", file + ".mjs", file + ".cjs", file + ".json", file + "/index.js"} {
		if src, err = from.ReadFile(cand); err == nil {
			tried = cand
			break
		}
	}
	if err != nil {
		it.throwError("Error", "Cannot find module '%s'", spec)
	}
	key = "file:" + tried
	if m, ok := it.modules[key]; ok {
		return m
	}
	if strings.HasSuffix(tried, ".json") {
		v := it.jsonParse(string(src))
		it.modules[key] = v
		return v
	}
	sub, err := from.Parse(tried, src)
	if err != nil {
		it.addUnknown(it.prog.offsetOf(node), "module "+spec, "local module '"+spec+"' does not parse: "+err.Error())
		return it.opaque("module " + spec)
	}
	if sub.ReadFile == nil {
		sub.ReadFile = from.ReadFile
	}
	if sub.Parse == nil {
		sub.Parse = from.Parse
	}
	if sub.ESM {
		if strings.Contains(string(sub.Src), "await") {
			it.addUnknown(it.prog.offsetOf(node), "module "+spec, "ES module dependencies are evaluated synchronously here; a top-level await inside them is not ordered exactly")
		}
		return it.runESM(sub, key)
	}
	exp := it.runCJS(sub, it.NewPlain(), key)
	it.modules[key] = exp
	return exp
}

// dynamicImport implements import(spec): the namespace arrives a few jobs later.
func (it *Interp) dynamicImport(args []Value, node js.INode) Value {
	spec := it.toString(arg(args, 0))
	p, res, rej := it.newPromiseCapability()
	prog := it.prog
	load := func() {
		var mod Value
		if th := it.catchJS(func() { mod = it.loadModule(spec, prog, node, true) }); th != nil {
			rej(th.Value)
			return
		}
		if o, ok := mod.(*Object); ok && o.proto != nil {
			ns := it.newObject(nil)
			ns.defineHidden(PropKey{Sym: SymToStringTag}, "Module")
			ns.setOwn(strKey("default"), o)
			for _, k := range o.ownKeys(false) {
				ns.setOwn(k, it.getV(o, k))
			}
			mod = ns
		}
		res(mod)
	}
	hops := importHops[it.opts.Node]
	if hops == 0 {
		hops = 10
	}
	if !it.prog.ESM {
		it.addUnknown(it.prog.offsetOf(node), "import() in CommonJS", "import() from a CommonJS module loads the ES module loader, which takes milliseconds: its promise-job order is modelled, its effect on timer races is not")
	}
	if strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/") {
		it.addUnknown(it.prog.offsetOf(node), "import() of a local file", "import() of a local file reads it asynchronously on some Node versions; when it resolves is approximated")
	}
	var step func(n int)
	step = func(n int) {
		if n == 0 {
			load()
			return
		}
		it.loop.microtask(&task{kind: "promise", label: "import()", node: node, fn: func() { step(n - 1) }})
	}
	step(hops)
	return p
}

func (it *Interp) importMeta() Value {
	m := it.NewPlain()
	m.setOwn(strKey("url"), "file://"+it.prog.Path)
	m.setOwn(strKey("filename"), it.prog.Path)
	m.setOwn(strKey("dirname"), path.Dir(it.prog.Path))
	return m
}

// opaque is a value standing for something the model does not know: any
// property read or call yields another opaque value.
func (it *Interp) opaque(what string) *Object {
	o := &Object{proto: nil, class: "Opaque", internal: what, extensible: true}
	o.fn = &Func{name: what, native: func(it *Interp, this Value, a []Value) Value {
		for _, x := range a {
			if f, ok := x.(*Object); ok && f.fn != nil && f.class != "Opaque" {
				it.addUnknown(it.callOffset(), "callback to "+what, "a callback passed to "+what+" is never called by the model")
			}
		}
		return it.opaque(what)
	}, nativeCtor: func(it *Interp, a []Value, nt *Object) Value { return it.opaque(what) }}
	return o
}

func (it *Interp) opaqueGet(o *Object, key PropKey) Value {
	if key.Sym != nil {
		return Undefined
	}
	switch key.S {
	case "then":
		return Undefined
	}
	return it.opaque(o.internal.(string) + "." + key.S)
}

// newerBuiltins lists built-ins by the Node major that introduced them
// (V8 versions per the Node changelogs), so older versions throw
// "is not a function" as they would.
var newerBuiltins = []struct {
	major int
	owner string
	name  string
}{
	{20, "Array.prototype", "toSorted"},
	{20, "Array.prototype", "toReversed"},
	{22, "Object", "groupBy"},
	{22, "Promise", "withResolvers"},
}

func (it *Interp) removeNewerBuiltins() {
	for _, b := range newerBuiltins {
		if it.opts.Node >= b.major {
			continue
		}
		var o *Object
		switch b.owner {
		case "Array.prototype":
			o = it.ArrayProto
		case "Object":
			o, _ = it.getV(it.globalObj, strKey("Object")).(*Object)
		case "Promise":
			o = it.PromiseCtor
		}
		if o != nil {
			o.deleteOwn(strKey(b.name))
		}
	}
}

// importHops is how many promise jobs import() of a builtin takes to
// settle, by Node major (measured: a chain of .then()s and an await loop
// racing import('node:os') on each version).
var importHops = map[int]int{18: 19, 20: 15, 22: 13, 24: 10, 26: 10}
