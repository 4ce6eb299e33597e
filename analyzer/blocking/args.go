package blocking

import (
	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/jsast"
)

// callInfo gives catalogue entries what they need to judge a call from its
// arguments.
type callInfo struct {
	call   *js.CallExpr
	consts func() map[*js.Var]js.IExpr // const declarations' initialisers, found on first use
}

func (c *callInfo) arg(i int) js.IExpr {
	if i < len(c.call.Args.List) && !c.call.Args.List[i].Rest {
		return c.call.Args.List[i].Value
	}
	return nil
}

// number evaluates a constant numeric expression: literals, arithmetic
// and const variables.
func (c *callInfo) number(e js.IExpr) (float64, bool) {
	return jsast.Number(e, func(v *js.Var) js.IExpr { return c.consts()[v] })
}

// constants maps const-declared variables to their initialisers.
func constants(m interface{ Nodes() []jsast.Node }) map[*js.Var]js.IExpr {
	out := map[*js.Var]js.IExpr{}
	for _, n := range m.Nodes() {
		d, ok := n.N.(*js.VarDecl)
		if !ok || d.TokenType != js.ConstToken {
			continue
		}
		for _, el := range d.List {
			if v, ok := el.Binding.(*js.Var); ok && el.Default != nil {
				out[jsast.Resolve(v)] = el.Default
			}
		}
	}
	return out
}

func isFunction(e js.IExpr) bool {
	switch e.(type) {
	case *js.ArrowFunc, *js.FuncDecl:
		return true
	}
	return false
}

// lastIsCallback reports whether the last argument is a function literal
// or a name (a callback passed by reference).
func (c *callInfo) lastIsCallback() bool {
	n := len(c.call.Args.List)
	if n == 0 {
		return false
	}
	last := c.call.Args.List[n-1].Value
	if isFunction(last) {
		return true
	}
	_, isVar := last.(*js.Var)
	return isVar && n >= 2
}

// iterations returns a Blocks function whose cost units are the constant
// iteration count in argument i (pbkdf2Sync's third argument).
func iterations(i int) func(*callInfo) (bool, float64) {
	return func(c *callInfo) (bool, float64) {
		n, _ := c.number(c.arg(i))
		return true, max(n, 0)
	}
}

// bigRandom is the size from which a synchronous random read counts as
// blocking: about a millisecond at the slow end of the timing model.
const bigRandom = 256 << 10

// randomSize judges crypto.randomBytes(size[, cb]) and randomFillSync(buf[,
// offset, size]): they block unless given a callback or a small constant
// size (a 16-byte token costs microseconds).
func randomSize(c *callInfo) (bool, float64) {
	if c.lastIsCallback() {
		return false, 0
	}
	size := c.arg(0)
	if len(c.call.Args.List) >= 3 {
		size = c.arg(2)
	} else if n, ok := c.bufferSize(size); ok {
		return n >= bigRandom, n / 1024
	}
	n, ok := c.number(size)
	if !ok {
		return true, 0
	}
	return n >= bigRandom, n / 1024
}

// bufferSize evaluates new Uint8Array(n), Buffer.alloc(n) and the like.
func (c *callInfo) bufferSize(e js.IExpr) (float64, bool) {
	var args js.Args
	var callee js.IExpr
	switch x := e.(type) {
	case *js.NewExpr:
		if x.Args == nil {
			return 0, false
		}
		args, callee = *x.Args, x.X
	case *js.CallExpr:
		args, callee = x.Args, x.X
	default:
		return 0, false
	}
	if len(args.List) != 1 {
		return 0, false
	}
	n, ok := c.number(args.List[0].Value)
	if !ok {
		return 0, false
	}
	if v, ok := callee.(*js.Var); ok {
		switch string(v.Data) {
		case "Uint16Array", "Int16Array":
			n *= 2
		case "Uint32Array", "Int32Array", "Float32Array":
			n *= 4
		case "Float64Array", "BigInt64Array", "BigUint64Array":
			n *= 8
		}
	}
	return n, true
}

// shellExecBlocks: shelljs's exec is synchronous unless given a callback
// or { async: true }.
func shellExecBlocks(c *callInfo) (bool, float64) {
	if c.lastIsCallback() {
		return false, 0
	}
	for _, a := range c.call.Args.List {
		obj, ok := a.Value.(*js.ObjectExpr)
		if !ok {
			continue
		}
		for _, p := range obj.List {
			if p.Name != nil && p.Name.Literal.Data != nil && string(p.Name.Literal.Data) == "async" {
				if l, ok := p.Value.(*js.LiteralExpr); ok && l.TokenType == js.TrueToken {
					return false, 0
				}
			}
		}
	}
	return true, 0
}

// atomicsTimeout: Atomics.wait(ta, index, value[, timeout]) blocks for up
// to timeout milliseconds; its units are that timeout.
func atomicsTimeout(c *callInfo) (bool, float64) {
	n, ok := c.number(c.arg(3))
	if !ok || n < 0 || n == float64(int64(^uint64(0)>>1)) {
		return true, 0
	}
	return n > 0, n // a zero timeout returns at once
}
