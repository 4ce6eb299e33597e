package interp

import (
	"fmt"
	"math/big"
	"time"

	"github.com/tdewolff/parse/v2/js"
)

// Binding is one variable slot.
type Binding struct {
	v        Value
	init     bool // false while in the temporal dead zone
	constant bool
}

// funcCtx is what `this`, `arguments`, `new.target` and `super` refer to.
type funcCtx struct {
	this      Value
	thisInit  bool
	fnObj     *Object
	args      []Value
	argsObj   *Object
	newTarget Value
	home      *Object
}

// Env is a lexical environment.
type Env struct {
	vars   map[string]*Binding
	parent *Env
	fc     *funcCtx
	co     *coro
	strict bool
	fn     *Func // the function whose body this scope belongs to
}

func (e *Env) child() *Env {
	return &Env{parent: e, fc: e.fc, co: e.co, strict: e.strict, fn: e.fn}
}

// hasUseStrict reports whether a body starts with a "use strict" directive.
func hasUseStrict(b *js.BlockStmt) bool {
	for _, s := range b.List {
		d, ok := s.(*js.DirectivePrologueStmt)
		if !ok {
			return false
		}
		if v := string(d.Value); v == `"use strict"` || v == `'use strict'` {
			return true
		}
	}
	return false
}

func (e *Env) declare(name string, b *Binding) {
	if e.vars == nil {
		e.vars = make(map[string]*Binding, 4)
	}
	e.vars[name] = b
}

func (e *Env) lookup(name []byte) *Binding {
	for ; e != nil; e = e.parent {
		if b, ok := e.vars[string(name)]; ok {
			return b
		}
	}
	return nil
}

// Throw is a JavaScript exception travelling as a Go panic.
type Throw struct{ Value Value }

// abort stops the whole run: the budget is spent, the program called
// process.exit, or a construct could not be followed.
type abort struct{ reason string }

// Unknown is a construct the interpreter could not follow.
type Unknown struct {
	Offset  int
	What    string
	Message string
}

// Interp runs one program once.
type Interp struct {
	prog  *Program
	opts  Options
	loop  *Loop
	steps int64
	depth int

	global      *Env
	globalObj   *Object
	ObjectProto *Object
	FuncProto   *Object
	ArrayProto  *Object
	StringProto *Object
	NumberProto *Object
	BoolProto   *Object
	BigIntProto *Object
	SymbolProto *Object
	ErrorProto  *Object
	PromiseCtor *Object
	PromiseProto,
	GeneratorProto, AsyncGenProto, IteratorProto, ArrayIterProto *Object
	errorCtors  map[string]*Object
	privSyms    map[string]*Symbol
	symRegistry map[string]*Symbol
	hoist       map[*js.BlockStmt]*hoistInfo

	modules  map[string]Value
	unknowns []Unknown
	seenUnk  map[string]bool
	coros    []*coro
	cur      *task
	exitCode int

	// node state
	process       *Object
	fsFiles       map[string]string
	pendingReject []*Object

	callSite           *js.CallExpr
	defaultHasInstance Value
	arrayIterPatched   bool
	switchBlocks       map[*js.SwitchStmt]*js.BlockStmt
	handledLate        []*Object
	regexpProto        *Object
	halted             bool
	truncated          string
	exiting            bool
	exitCodeSet        bool
	stdoutBuf          string
	rejectCheckQueued  bool
	preludeModules     *Object
	esmExports         map[*Program]*Object
	fds                map[int]*openFile
	nextFD             int
	fsDeleted          map[string]bool
	fsDirs             map[string]bool
	rootProg           *Program
	stdoutUsed         bool
	stderrUsed         bool
	printOffsets       []int
	loopClosures       map[*js.ForStmt]bool
	throwOffset        int
	groupIndent        string
	mainModule         *Object
}

func (it *Interp) throwValue(v Value) {
	panic(&Throw{Value: v})
}

func (it *Interp) throwError(kind, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	if off := it.callOffset(); off >= 0 {
		it.throwOffset = off
	}
	panic(&Throw{Value: it.makeError(kind, msg)})
}

// unsupported records an unknown and aborts the current task.
func (it *Interp) unsupported(node js.INode, what string) {
	off := -1
	if node != nil {
		off = it.prog.offsetOf(node)
	}
	it.addUnknown(off, what, what+" is not supported by the interpreter")
	panic(&abort{reason: "unsupported"})
}

func (it *Interp) addUnknown(off int, what, msg string) {
	key := fmt.Sprint(off, what)
	if it.seenUnk[key] {
		return
	}
	it.seenUnk[key] = true
	it.unknowns = append(it.unknowns, Unknown{Offset: off, What: what, Message: msg})
}

func (it *Interp) tick() {
	it.steps++
	if it.steps > it.opts.MaxSteps {
		panic(&abort{reason: "budget"})
	}
	if it.steps&0xffff == 0 && !it.opts.Deadline.IsZero() && time.Now().After(it.opts.Deadline) {
		panic(&abort{reason: "time"})
	}
}

// ---- hoisting ----

type lexDecl struct {
	name     string
	constant bool
}

type hoistInfo struct {
	vars  []string       // var names (function bodies only)
	lex   []lexDecl      // let/const/class declared directly in the block
	funcs []*js.FuncDecl // function declarations directly in the block
}

func (it *Interp) hoistOf(b *js.BlockStmt, isFunc bool) *hoistInfo {
	if h, ok := it.hoist[b]; ok {
		return h
	}
	h := &hoistInfo{}
	for _, s := range b.List {
		switch d := s.(type) {
		case *js.VarDecl:
			if d.TokenType != js.VarToken {
				for _, el := range d.List {
					for _, n := range bindingNames(el.Binding) {
						h.lex = append(h.lex, lexDecl{n, d.TokenType == js.ConstToken})
					}
				}
			}
		case *js.ClassDecl:
			if d.Name != nil {
				h.lex = append(h.lex, lexDecl{string(d.Name.Name()), false})
			}
		case *js.FuncDecl:
			h.funcs = append(h.funcs, d)
		case *js.ExportStmt:
			switch x := d.Decl.(type) {
			case *js.VarDecl:
				if x.TokenType != js.VarToken {
					for _, el := range x.List {
						for _, n := range bindingNames(el.Binding) {
							h.lex = append(h.lex, lexDecl{n, x.TokenType == js.ConstToken})
						}
					}
				}
			case *js.ClassDecl:
				if x.Name != nil {
					h.lex = append(h.lex, lexDecl{string(x.Name.Name()), false})
				}
			case *js.FuncDecl:
				if x.Name != nil {
					h.funcs = append(h.funcs, x)
				}
			}
		}
	}
	if isFunc {
		seen := map[string]bool{}
		var walk func(s js.IStmt)
		addVar := func(d *js.VarDecl) {
			if d == nil || d.TokenType != js.VarToken {
				return
			}
			for _, el := range d.List {
				for _, n := range bindingNames(el.Binding) {
					if !seen[n] {
						seen[n] = true
						h.vars = append(h.vars, n)
					}
				}
			}
		}
		walk = func(s js.IStmt) {
			switch x := s.(type) {
			case *js.VarDecl:
				addVar(x)
			case *js.BlockStmt:
				for _, t := range x.List {
					walk(t)
				}
			case *js.IfStmt:
				walk(x.Body)
				if x.Else != nil {
					walk(x.Else)
				}
			case *js.ForStmt:
				if d, ok := x.Init.(*js.VarDecl); ok {
					addVar(d)
				}
				walk(x.Body)
			case *js.ForInStmt:
				if d, ok := x.Init.(*js.VarDecl); ok {
					addVar(d)
				}
				walk(x.Body)
			case *js.ForOfStmt:
				if d, ok := x.Init.(*js.VarDecl); ok {
					addVar(d)
				}
				walk(x.Body)
			case *js.WhileStmt:
				walk(x.Body)
			case *js.DoWhileStmt:
				walk(x.Body)
			case *js.LabelledStmt:
				walk(x.Value)
			case *js.TryStmt:
				walk(x.Body)
				if x.Catch != nil {
					walk(x.Catch)
				}
				if x.Finally != nil {
					walk(x.Finally)
				}
			case *js.SwitchStmt:
				for _, c := range x.List {
					for _, t := range c.List {
						walk(t)
					}
				}
			case *js.ExportStmt:
				if d, ok := x.Decl.(*js.VarDecl); ok {
					addVar(d)
				}
			}
		}
		for _, s := range b.List {
			walk(s)
		}
	}
	it.hoist[b] = h
	return h
}

func bindingNames(b js.IBinding) []string {
	switch x := b.(type) {
	case *js.Var:
		return []string{string(x.Name())}
	case *js.BindingArray:
		var out []string
		for _, el := range x.List {
			out = append(out, bindingNames(el.Binding)...)
		}
		if x.Rest != nil {
			out = append(out, bindingNames(x.Rest)...)
		}
		return out
	case *js.BindingObject:
		var out []string
		for _, item := range x.List {
			out = append(out, bindingNames(item.Value.Binding)...)
		}
		if x.Rest != nil {
			out = append(out, string(x.Rest.Name()))
		}
		return out
	}
	return nil
}

// enterBlock declares the block's lexical names (in TDZ) and its functions.
func (it *Interp) enterBlock(b *js.BlockStmt, env *Env, isFunc bool) {
	h := it.hoistOf(b, isFunc)
	for _, n := range h.vars {
		if _, ok := env.vars[n]; !ok {
			env.declare(n, &Binding{v: Undefined, init: true})
		}
	}
	for _, d := range h.lex {
		env.declare(d.name, &Binding{v: Undefined, constant: d.constant})
	}
	for _, f := range h.funcs {
		if f.Name == nil {
			continue
		}
		env.declare(string(f.Name.Name()), &Binding{v: it.makeFunction(f, env), init: true})
	}
}

// ---- small helpers used everywhere ----

func (it *Interp) makeError(kind, msg string) *Object {
	ctor := it.errorCtors[kind]
	proto := it.ErrorProto
	if ctor != nil {
		if p, ok := ctor.getOwn(strKey("prototype")).value.(*Object); ok {
			proto = p
		}
	}
	o := &Object{proto: proto, class: "Error", extensible: true}
	o.defineHidden(strKey("message"), msg)
	o.defineHidden(strKey("stack"), kind+": "+msg+"\n    at <anonymous>")
	return o
}

func bigOf(v Value) (*big.Int, bool) {
	b, ok := v.(*big.Int)
	return b, ok
}
