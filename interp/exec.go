package interp

import (
	"github.com/tdewolff/parse/v2/js"
)

type compKind uint8

const (
	cNormal compKind = iota
	cBreak
	cContinue
	cReturn
)

type completion struct {
	kind  compKind
	label string
	value Value
}

var normal = completion{}

func (it *Interp) execList(list []js.IStmt, env *Env) completion {
	for _, s := range list {
		if c := it.exec(s, env); c.kind != cNormal {
			return c
		}
	}
	return normal
}

func (it *Interp) execBlock(b *js.BlockStmt, env *Env) completion {
	h := it.hoistOf(b, false)
	if len(h.lex) > 0 || len(h.funcs) > 0 {
		env = env.child()
		it.enterBlock(b, env, false)
	}
	return it.execList(b.List, env)
}

func (it *Interp) exec(s js.IStmt, env *Env) completion {
	it.tick()
	switch x := s.(type) {
	case *js.ExprStmt:
		it.eval(x.Value, env)
		return normal
	case *js.VarDecl:
		it.execVarDecl(x, env)
		return normal
	case *js.BlockStmt:
		return it.execBlock(x, env)
	case *js.IfStmt:
		if toBool(it.eval(x.Cond, env)) {
			return it.exec(x.Body, env)
		}
		if x.Else != nil {
			return it.exec(x.Else, env)
		}
		return normal
	case *js.ReturnStmt:
		var v Value = Undefined
		if x.Value != nil {
			v = it.eval(x.Value, env)
			if env.co != nil && env.fn != nil && env.fn.async && env.fn.gen {
				v = it.await(v, env) // return in an async generator awaits its operand
			}
		}
		return completion{kind: cReturn, value: v}
	case *js.ThrowStmt:
		v := it.eval(x.Value, env)
		if it.prog == it.rootProg {
			it.throwOffset = it.prog.offsetOf(x)
		}
		it.throwValue(v)
	case *js.FuncDecl, *js.EmptyStmt, *js.DirectivePrologueStmt, *js.DebuggerStmt, *js.ImportStmt:
		return normal
	case *js.ClassDecl:
		c := it.evalClass(x, env)
		if x.Name != nil {
			if b := env.lookup(x.Name.Name()); b != nil {
				b.v, b.init = c, true
			}
		}
		return normal
	case *js.WhileStmt:
		return it.execLoop(nil, x.Cond, nil, x.Body, env, nil, false)
	case *js.DoWhileStmt:
		return it.execLoop(nil, x.Cond, nil, x.Body, env, nil, true)
	case *js.ForStmt:
		return it.execFor(x, env, nil)
	case *js.ForOfStmt:
		return it.execForOf(x, env, nil)
	case *js.ForInStmt:
		return it.execForIn(x, env, nil)
	case *js.LabelledStmt:
		return it.execLabelled(x, env)
	case *js.BranchStmt:
		k := cBreak
		if x.Type == js.ContinueToken {
			k = cContinue
		}
		return completion{kind: k, label: string(x.Label)}
	case *js.TryStmt:
		return it.execTry(x, env)
	case *js.SwitchStmt:
		return it.execSwitch(x, env)
	case *js.ExportStmt:
		return it.execExport(x, env)
	}
	it.unsupported(s, "statement "+typeName(s))
	return normal
}

func (it *Interp) execVarDecl(x *js.VarDecl, env *Env) {
	kind := 0
	switch x.TokenType {
	case js.LetToken:
		kind = 1
	case js.ConstToken:
		kind = 2
	}
	for _, el := range x.List {
		if kind == 0 && el.Default == nil {
			continue
		}
		var v Value = Undefined
		if el.Default != nil {
			v = it.eval(el.Default, env)
			if vo, ok := v.(*Object); ok && vo.fn != nil && isAnonymousFn(el.Default) {
				if name, ok := el.Binding.(*js.Var); ok {
					it.setFnName(vo, strKey(string(name.Name())))
				}
			}
		}
		it.bindPattern(el.Binding, v, env, kind)
	}
}

func (it *Interp) execLabelled(x *js.LabelledStmt, env *Env) completion {
	label := string(x.Label)
	var c completion
	switch body := x.Value.(type) {
	case *js.ForStmt:
		c = it.execFor(body, env, []string{label})
	case *js.ForOfStmt:
		c = it.execForOf(body, env, []string{label})
	case *js.ForInStmt:
		c = it.execForIn(body, env, []string{label})
	case *js.WhileStmt:
		c = it.execLoop(nil, body.Cond, nil, body.Body, env, []string{label}, false)
	case *js.DoWhileStmt:
		c = it.execLoop(nil, body.Cond, nil, body.Body, env, []string{label}, true)
	default:
		c = it.exec(x.Value, env)
	}
	if c.kind == cBreak && c.label == label {
		return normal
	}
	return c
}

// loopControl decides what a loop does with a body completion:
// 0 continue looping, 1 exit loop normally, 2 propagate c.
func loopControl(c completion, labels []string) int {
	switch c.kind {
	case cNormal:
		return 0
	case cBreak:
		if c.label == "" {
			return 1
		}
		return 2
	case cContinue:
		if c.label == "" {
			return 0
		}
		for _, l := range labels {
			if l == c.label {
				return 0
			}
		}
		return 2
	}
	return 2
}

func (it *Interp) execLoop(init js.IExpr, cond js.IExpr, post js.IExpr, body js.IStmt, env *Env, labels []string, doWhile bool) completion {
	first := true
	for {
		if !(doWhile && first) && cond != nil && !toBool(it.eval(cond, env)) {
			return normal
		}
		first = false
		c := it.exec(body, env)
		switch loopControl(c, labels) {
		case 1:
			return normal
		case 2:
			return c
		}
		if post != nil {
			it.eval(post, env)
		}
	}
}

func (it *Interp) execFor(x *js.ForStmt, env *Env, labels []string) completion {
	loopEnv := env
	var perIter []string
	if d, ok := x.Init.(*js.VarDecl); ok {
		if d.TokenType != js.VarToken {
			loopEnv = env.child()
			for _, el := range d.List {
				for _, n := range bindingNames(el.Binding) {
					loopEnv.declare(n, &Binding{v: Undefined})
					perIter = append(perIter, n)
				}
			}
		}
		it.execVarDecl(d, loopEnv)
	} else if x.Init != nil {
		it.eval(x.Init, env)
	}
	iterEnv := loopEnv
	if len(perIter) > 0 && !it.loopHasClosure(x) {
		perIter = nil // nothing can capture an iteration's bindings
	}
	copyEnv := func() {
		if len(perIter) == 0 {
			return
		}
		ne := env.child()
		for _, n := range perIter {
			b := iterEnv.vars[n]
			ne.declare(n, &Binding{v: b.v, init: b.init, constant: b.constant})
		}
		iterEnv = ne
	}
	copyEnv()
	for {
		if x.Cond != nil && !toBool(it.eval(x.Cond, iterEnv)) {
			return normal
		}
		c := it.execBlock(x.Body, iterEnv)
		switch loopControl(c, labels) {
		case 1:
			return normal
		case 2:
			return c
		}
		copyEnv()
		if x.Post != nil {
			it.eval(x.Post, iterEnv)
		}
	}
}

// bindLoopTarget binds a for-in/of head for one iteration.
func (it *Interp) bindLoopTarget(init js.IExpr, v Value, env *Env) *Env {
	if d, ok := init.(*js.VarDecl); ok {
		if d.TokenType == js.VarToken {
			it.bindPattern(d.List[0].Binding, v, env, 0)
			return env
		}
		ie := env.child()
		kind := 1
		if d.TokenType == js.ConstToken {
			kind = 2
		}
		it.bindPattern(d.List[0].Binding, v, ie, kind)
		return ie
	}
	it.assign(init, v, env)
	return env
}

func (it *Interp) execForOf(x *js.ForOfStmt, env *Env, labels []string) completion {
	iterable := it.eval(x.Value, env)
	var result completion // normal, or the break or return that ended the loop
	step := func(v Value) bool {
		c := it.execBlock(x.Body, it.bindLoopTarget(x.Init, v, env))
		switch loopControl(c, labels) {
		case 1:
			return false
		case 2:
			result = c
			return false
		}
		return true
	}
	switch o, ok := iterable.(*Object); {
	case x.Await:
		it.forAwait(iterable, env, step)
	case ok && o.isArray() && o.proto == it.ArrayProto && !it.arrayIterPatched:
		for i := 0; i < len(o.arr) && step(o.arr[i]); i++ {
		}
	default:
		it.iterate(iterable, step)
	}
	return result
}

func (it *Interp) execForIn(x *js.ForInStmt, env *Env, labels []string) completion {
	v := it.eval(x.Value, env)
	o, ok := v.(*Object)
	if !ok {
		if s, ok := v.(string); ok {
			o = it.toObject(s)
		} else {
			return normal
		}
	}
	var keys []PropKey
	seen := map[PropKey]bool{}
	for p := o; p != nil; p = p.proto {
		for _, k := range p.ownKeys(false) {
			if !seen[k] {
				seen[k] = true
				if p.isEnumerableOwn(k) {
					keys = append(keys, k)
				}
			}
		}
	}
	for _, k := range keys {
		ie := it.bindLoopTarget(x.Init, k.S, env)
		c := it.execBlock(x.Body, ie)
		switch loopControl(c, labels) {
		case 1:
			return normal
		case 2:
			return c
		}
	}
	return normal
}

func (it *Interp) execTry(t *js.TryStmt, env *Env) (result completion) {
	if t.Finally != nil {
		// gen.return() unwinds a suspended generator through its finally
		// blocks.
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(*genReturn); ok {
					if fc := it.execBlock(t.Finally, env); fc.kind != cNormal {
						result = fc
						return
					}
				}
				panic(r)
			}
		}()
	}
	c, thrown := it.runCatching(t.Body, env)
	if thrown != nil && t.Catch != nil {
		cenv := env.child()
		if t.Binding != nil {
			it.bindPattern(t.Binding, thrown.Value, cenv, 1)
		}
		c, thrown = it.runCatching(t.Catch, cenv)
	}
	if t.Finally != nil {
		if fc := it.execBlock(t.Finally, env); fc.kind != cNormal {
			return fc
		}
	}
	if thrown != nil {
		panic(thrown)
	}
	return c
}

func (it *Interp) runCatching(b *js.BlockStmt, env *Env) (c completion, th *Throw) {
	th = it.catchJS(func() { c = it.execBlock(b, env) })
	return c, th
}

// catchJS runs fn and returns the JS exception it threw, if any.
func (it *Interp) catchJS(fn func()) (th *Throw) {
	depth := it.depth
	defer func() {
		if r := recover(); r != nil {
			if t, ok := r.(*Throw); ok {
				th = t
				it.depth = depth
				return
			}
			panic(r)
		}
	}()
	fn()
	return nil
}

func (it *Interp) execSwitch(x *js.SwitchStmt, env *Env) completion {
	d := it.eval(x.Init, env)
	blk := it.switchBlocks[x]
	if blk == nil {
		blk = &js.BlockStmt{}
		for _, c := range x.List {
			blk.List = append(blk.List, c.List...)
		}
		it.switchBlocks[x] = blk
	}
	senv := env.child()
	it.enterBlock(blk, senv, false)
	match := -1
	for i, c := range x.List {
		if c.Cond != nil && strictEquals(d, it.eval(c.Cond, senv)) {
			match = i
			break
		}
	}
	if match < 0 {
		for i, c := range x.List {
			if c.Cond == nil {
				match = i
			}
		}
	}
	if match < 0 {
		return normal
	}
	for _, c := range x.List[match:] {
		r := it.execList(c.List, senv)
		if r.kind == cBreak && r.label == "" {
			return normal
		}
		if r.kind != cNormal {
			return r
		}
	}
	return normal
}

// closureFinder records whether a subtree creates a function or class.
type closureFinder struct{ found bool }

func (c *closureFinder) Enter(n js.INode) js.IVisitor {
	if c.found {
		return nil
	}
	switch n.(type) {
	case *js.FuncDecl, *js.ArrowFunc, *js.MethodDecl, *js.ClassDecl:
		c.found = true
		return nil
	}
	return c
}

func (c *closureFinder) Exit(js.INode) {}

// loopHasClosure reports whether a for statement's head or body can create
// a closure, which is when per-iteration let bindings are observable.
func (it *Interp) loopHasClosure(x *js.ForStmt) bool {
	if v, ok := it.loopClosures[x]; ok {
		return v
	}
	c := &closureFinder{}
	for _, n := range []js.INode{x.Cond, x.Post, x.Body} {
		if n != nil && !isNilNode(n) {
			js.Walk(c, n)
		}
	}
	it.loopClosures[x] = c.found
	return c.found
}

func isNilNode(n js.INode) bool {
	switch v := n.(type) {
	case *js.BlockStmt:
		return v == nil
	}
	return false
}
