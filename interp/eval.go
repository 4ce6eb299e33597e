package interp

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/jsast"
)

// optShort marks an optional chain that short-circuited.
type optShortType struct{}

var optShort Value = optShortType{}

var jsExp = js.ExpToken

func (it *Interp) eval(e js.IExpr, env *Env) Value {
	v := it.evalRaw(e, env)
	if v == optShort {
		return Undefined
	}
	return v
}

func (it *Interp) evalRaw(e js.IExpr, env *Env) Value {
	it.tick()
	switch x := e.(type) {
	case *js.Var:
		return it.lookupVar(x, env)
	case *js.LiteralExpr:
		return it.evalLiteral(x, env)
	case *js.GroupExpr:
		return it.eval(x.X, env)
	case *js.BinaryExpr:
		return it.evalBinary(x, env)
	case *js.UnaryExpr:
		return it.evalUnary(x, env)
	case *js.DotExpr:
		obj, key, short := it.memberRef(x.X, x.Y, x.Optional, true, env)
		if short {
			return optShort
		}
		if key.Sym != nil && key.Sym.private {
			return it.getPrivate(obj, key)
		}
		return it.getV(obj, key)
	case *js.IndexExpr:
		obj, key, short := it.memberRef(x.X, x.Y, x.Optional, false, env)
		if short {
			return optShort
		}
		return it.getV(obj, key)
	case *js.CallExpr:
		return it.evalCall(x, env)
	case *js.NewExpr:
		ctor := it.eval(x.X, env)
		var args []Value
		if x.Args != nil {
			args = it.evalArgs(x.Args, env)
		}
		co, ok := ctor.(*Object)
		if !ok || co.fn == nil || !co.fn.constructible() {
			it.throwError("TypeError", "%s is not a constructor", exprName(x.X))
		}
		return it.construct(co, args, co)
	case *js.CondExpr:
		if toBool(it.eval(x.Cond, env)) {
			return it.eval(x.X, env)
		}
		return it.eval(x.Y, env)
	case *js.ArrayExpr:
		vals := make([]Value, 0, len(x.List))
		var holes map[int]bool
		for _, el := range x.List {
			if el.Value == nil {
				if holes == nil {
					holes = map[int]bool{}
				}
				holes[len(vals)] = true
				vals = append(vals, Undefined)
				continue
			}
			v := it.eval(el.Value, env)
			if el.Spread {
				vals = append(vals, it.iterateToSlice(v)...)
			} else {
				vals = append(vals, v)
			}
		}
		arr := it.newArray(vals)
		arr.holes = holes
		return arr
	case *js.ObjectExpr:
		return it.evalObject(x, env)
	case *js.TemplateExpr:
		return it.evalTemplate(x, env)
	case *js.ArrowFunc:
		return it.makeArrow(x, env)
	case *js.FuncDecl:
		return it.makeFunctionExpr(x, env)
	case *js.ClassDecl:
		return it.evalClass(x, env)
	case *js.CommaExpr:
		var v Value = Undefined
		for _, y := range x.List {
			v = it.eval(y, env)
		}
		return v
	case *js.YieldExpr:
		return it.evalYield(x, env)
	case *js.NewTargetExpr:
		if env.fc == nil || env.fc.newTarget == nil {
			return Undefined
		}
		return env.fc.newTarget
	case *js.ImportMetaExpr:
		return it.importMeta()
	}
	it.unsupported(e, "expression "+typeName(e))
	return Undefined
}

func typeName(n js.INode) string {
	s := strings.TrimPrefix(strings.TrimPrefix(reflectTypeName(n), "*"), "js.")
	return s
}

func exprName(e js.IExpr) string {
	switch x := e.(type) {
	case *js.Var:
		return string(x.Name())
	case *js.DotExpr:
		return exprName(x.X) + "." + exprName(x.Y)
	case *js.IndexExpr:
		return exprName(x.X) + "[" + exprName(x.Y) + "]"
	case *js.CallExpr, *js.NewExpr:
		return "(intermediate value)"
	case js.LiteralExpr:
		return string(x.Data)
	case *js.LiteralExpr:
		return string(x.Data)
	}
	return "expression"
}

func (it *Interp) lookupVar(x *js.Var, env *Env) Value {
	name := x.Name()
	if b := env.lookup(name); b != nil {
		if !b.init {
			it.throwError("ReferenceError", "Cannot access '%s' before initialization", string(name))
		}
		return b.v
	}
	s := string(name)
	if s == "arguments" && env.fc != nil && env.fc.args != nil {
		if env.fc.argsObj == nil {
			env.fc.argsObj = it.newArray(append([]Value(nil), env.fc.args...))
			env.fc.argsObj.class = "Arguments"
		}
		return env.fc.argsObj
	}
	if s == "undefined" {
		return Undefined
	}
	if p := it.findProp(it.globalObj, strKey(s)); p != nil {
		return it.propValue(p, it.globalObj)
	}
	it.throwError("ReferenceError", "%s is not defined", s)
	return nil
}

func (it *Interp) thisValue(env *Env) Value {
	if env.fc == nil {
		return Undefined
	}
	if !env.fc.thisInit {
		it.throwError("ReferenceError", "Must call super constructor in derived class before accessing 'this' or returning from derived constructor")
	}
	return env.fc.this
}

func (it *Interp) evalLiteral(x *js.LiteralExpr, env *Env) Value {
	switch x.TokenType {
	case js.ThisToken:
		return it.thisValue(env)
	case js.NullToken:
		return Null
	case js.TrueToken:
		return true
	case js.FalseToken:
		return false
	case js.StringToken:
		return unquote(x.Data)
	case js.RegExpToken:
		return it.newRegExp(string(x.Data))
	case js.DecimalToken, js.IntegerToken, js.HexadecimalToken, js.OctalToken, js.BinaryToken, js.NumericToken:
		return parseNumberLiteral(string(x.Data))
	case js.IdentifierToken:
		return string(x.Data)
	}
	it.unsupported(x, "literal "+string(x.Data))
	return nil
}

func parseNumberLiteral(s string) Value {
	s = strings.ReplaceAll(s, "_", "")
	if strings.HasSuffix(s, "n") {
		b := new(big.Int)
		if _, ok := b.SetString(strings.TrimSuffix(s, "n"), 0); ok {
			return b
		}
		return new(big.Int)
	}
	f, _ := jsast.NumberLiteral([]byte(s))
	return f
}

// unquote decodes a string literal including its quotes.
func unquote(b []byte) string {
	if len(b) >= 2 {
		b = b[1 : len(b)-1]
	}
	return unescape(string(b))
}

func unescape(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			sb.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			sb.WriteByte('\n')
		case 't':
			sb.WriteByte('\t')
		case 'r':
			sb.WriteByte('\r')
		case 'b':
			sb.WriteByte('\b')
		case 'f':
			sb.WriteByte('\f')
		case 'v':
			sb.WriteByte('\v')
		case '0':
			sb.WriteByte(0)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case '\n':
		case 'x':
			if i+2 < len(s) {
				n, _ := strconv.ParseUint(s[i+1:i+3], 16, 32)
				sb.WriteRune(rune(n))
				i += 2
			}
		case 'u':
			if i+1 < len(s) && s[i+1] == '{' {
				end := strings.IndexByte(s[i:], '}')
				if end > 0 {
					n, _ := strconv.ParseUint(s[i+2:i+end], 16, 32)
					sb.WriteRune(rune(n))
					i += end
				}
			} else if i+4 < len(s) {
				n, _ := strconv.ParseUint(s[i+1:i+5], 16, 32)
				r := rune(n)
				i += 4
				if r >= 0xD800 && r < 0xDC00 && i+6 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					n2, _ := strconv.ParseUint(s[i+3:i+7], 16, 32)
					if n2 >= 0xDC00 && n2 < 0xE000 {
						r = (r-0xD800)<<10 + (rune(n2) - 0xDC00) + 0x10000
						i += 6
					}
				}
				sb.WriteRune(r)
			}
		default:
			sb.WriteByte(s[i])
		}
	}
	return sb.String()
}

func (it *Interp) evalTemplate(x *js.TemplateExpr, env *Env) Value {
	cooked := func(raw []byte, first bool) string {
		s := string(raw)
		if first {
			s = strings.TrimPrefix(s, "`")
		} else {
			s = strings.TrimPrefix(s, "}")
		}
		s = strings.TrimSuffix(s, "${")
		s = strings.TrimSuffix(s, "`")
		return s
	}
	if x.Tag != nil {
		var strs, raws []Value
		var vals []Value
		for i, p := range x.List {
			r := cooked(p.Value, i == 0)
			raws = append(raws, r)
			strs = append(strs, unescape(r))
			vals = append(vals, it.eval(p.Expr, env))
		}
		r := cooked(x.Tail, len(x.List) == 0)
		raws = append(raws, r)
		strs = append(strs, unescape(r))
		arr := it.newArray(strs)
		arr.defineHidden(strKey("raw"), it.newArray(raws))
		var this Value = Undefined
		fn := it.eval(x.Tag, env)
		if d, ok := x.Tag.(*js.DotExpr); ok {
			this = it.eval(d.X, env)
		}
		return it.call(fn, this, append([]Value{arr}, vals...))
	}
	var sb strings.Builder
	for i, p := range x.List {
		sb.WriteString(unescape(cooked(p.Value, i == 0)))
		sb.WriteString(it.toString(it.eval(p.Expr, env)))
	}
	sb.WriteString(unescape(cooked(x.Tail, len(x.List) == 0)))
	return sb.String()
}

// propertyKey evaluates a property name in an object literal or class.
func (it *Interp) propertyKey(pn *js.PropertyName, env *Env) PropKey {
	if pn.Computed != nil {
		return it.toPropKey(it.eval(pn.Computed, env))
	}
	switch pn.Literal.TokenType {
	case js.StringToken:
		return strKey(unquote(pn.Literal.Data))
	case js.DecimalToken, js.IntegerToken, js.HexadecimalToken, js.OctalToken, js.BinaryToken:
		return strKey(it.toString(parseNumberLiteral(string(pn.Literal.Data))))
	}
	return strKey(string(pn.Literal.Data))
}

// defineMethod defines method m of an object literal: a getter, a setter
// or a method.
func (it *Interp) defineMethod(obj *Object, key PropKey, m *js.MethodDecl, env *Env) {
	fn := it.makeMethod(m, env, obj, key)
	switch {
	case m.Get:
		obj.defineAccessor(key, fn, nil, true)
	case m.Set:
		obj.defineAccessor(key, nil, fn, true)
	default:
		obj.setOwn(key, fn)
	}
}

func (it *Interp) evalObject(x *js.ObjectExpr, env *Env) Value {
	obj := it.NewPlain()
	for _, p := range x.List {
		if p.Spread {
			src := it.eval(p.Value, env)
			it.copyDataProps(obj, src, nil)
			continue
		}
		if m, ok := p.Value.(*js.MethodDecl); ok && p.Name == nil {
			key := it.classKey(&m.Name, env)
			it.defineMethod(obj, key, m, env)
			continue
		}
		if p.Name == nil {
			// shorthand {a} or {a = 1} (only valid as a pattern)
			if v, ok := p.Value.(*js.Var); ok {
				obj.setOwn(strKey(string(v.Name())), it.eval(v, env))
			}
			continue
		}
		key := it.propertyKey(p.Name, env)
		if m, ok := p.Value.(*js.MethodDecl); ok {
			it.defineMethod(obj, key, m, env)
			continue
		}
		v := it.eval(p.Value, env)
		if fo, ok := v.(*Object); ok && fo.fn != nil && isAnonymousFn(p.Value) {
			it.setFnName(fo, key)
		}
		if key.S == "__proto__" && key.Sym == nil && p.Name.Computed == nil {
			if po, ok := v.(*Object); ok {
				obj.proto = po
			} else if v == Null {
				obj.proto = nil
			}
			continue
		}
		obj.setOwn(key, v)
	}
	return obj
}

func isAnonymousFn(e js.IExpr) bool {
	switch f := e.(type) {
	case *js.ArrowFunc:
		return true
	case *js.FuncDecl:
		return f.Name == nil
	case *js.ClassDecl:
		return f.Name == nil
	}
	return false
}

func (it *Interp) setFnName(fo *Object, key PropKey) {
	name := key.S
	if key.Sym != nil {
		name = "[" + key.Sym.Description + "]"
	}
	if p := fo.getOwn(strKey("name")); p != nil && p.value == "" {
		p.value = name
	}
	if fo.fn.name == "" {
		fo.fn.name = name
	}
}

// copyDataProps copies enumerable own properties (object spread).
func (it *Interp) copyDataProps(dst *Object, src Value, exclude map[PropKey]bool) {
	switch s := src.(type) {
	case *Object:
		for _, k := range s.ownKeys(true) {
			if exclude[k] || !s.isEnumerableOwn(k) {
				continue
			}
			dst.setOwn(k, it.getV(s, k))
		}
	case string:
		i := 0
		for _, r := range s {
			dst.setOwn(strKey(strconv.Itoa(i)), string(r))
			i++
		}
	}
}

// memberRef evaluates the object and key of a member expression.
func (it *Interp) memberRef(xe js.IExpr, ye js.IExpr, optional, dot bool, env *Env) (Value, PropKey, bool) {
	if lit, ok := xe.(*js.LiteralExpr); ok && lit.TokenType == js.SuperToken {
		home := env.fc.home
		var key PropKey
		if dot {
			key = it.dotKey(ye)
		} else {
			key = it.toPropKey(it.eval(ye, env))
		}
		if home == nil || home.proto == nil {
			it.throwError("SyntaxError", "'super' keyword unexpected here")
		}
		return superRef{home.proto, it.thisValue(env)}, key, false
	}
	obj := it.evalRaw(xe, env)
	if obj == optShort {
		return nil, PropKey{}, true
	}
	if optional && isNullish(obj) {
		return nil, PropKey{}, true
	}
	var key PropKey
	if dot {
		if v, ok := ye.(*js.Var); ok && v.Decl == js.PrivateDecl {
			key = PropKey{Sym: it.privSym(string(v.Name()))}
		} else {
			key = it.dotKey(ye)
		}
	} else {
		key = it.toPropKey(it.eval(ye, env))
	}
	if isNullish(obj) {
		it.throwError("TypeError", "Cannot read properties of %s (reading '%s')", it.toString(obj), key.String())
	}
	return obj, key, false
}

// superRef is the base of a super.x reference.
type superRef struct {
	proto *Object
	this  Value
}

func (it *Interp) dotKey(ye js.IExpr) PropKey {
	switch y := ye.(type) {
	case js.LiteralExpr:
		return strKey(string(y.Data))
	case *js.LiteralExpr:
		return strKey(string(y.Data))
	case *js.Var:
		if y.Decl == js.PrivateDecl || (len(y.Data) > 0 && y.Data[0] == '#') {
			return PropKey{Sym: it.privSym(string(y.Name()))}
		}
		return strKey(string(y.Name()))
	}
	return strKey("")
}

func (it *Interp) privSym(name string) *Symbol {
	if !strings.HasPrefix(name, "#") {
		name = "#" + name
	}
	s := it.privSyms[name]
	if s == nil {
		s = &Symbol{Description: name, private: true}
		it.privSyms[name] = s
	}
	return s
}

func (it *Interp) getPrivate(obj Value, key PropKey) Value {
	o, ok := obj.(*Object)
	if ok {
		for p := o; p != nil; p = p.proto {
			if pr := p.getOwn(key); pr != nil {
				return it.propValue(pr, obj)
			}
		}
	}
	it.throwError("TypeError", "Cannot read private member %s from an object whose class did not declare it", key.Sym.Description)
	return nil
}

func (it *Interp) evalArgs(a *js.Args, env *Env) []Value {
	out := make([]Value, 0, len(a.List))
	for _, arg := range a.List {
		v := it.eval(arg.Value, env)
		if arg.Rest {
			out = append(out, it.iterateToSlice(v)...)
		} else {
			out = append(out, v)
		}
	}
	return out
}

func (it *Interp) evalCall(x *js.CallExpr, env *Env) Value {
	var fn, this Value = nil, Undefined
	switch callee := x.X.(type) {
	case *js.LiteralExpr:
		switch callee.TokenType {
		case js.SuperToken:
			return it.superCall(x, env)
		case js.ImportToken:
			args := it.evalArgs(&x.Args, env)
			return it.dynamicImport(args, x)
		}
		fn = it.eval(callee, env)
	case *js.DotExpr:
		obj, key, short := it.memberRef(callee.X, callee.Y, callee.Optional, true, env)
		if short {
			return optShort
		}
		if sr, ok := obj.(superRef); ok {
			fn, this = it.getFrom(sr.proto, key, sr.this), sr.this
		} else if key.Sym != nil && key.Sym.private {
			fn, this = it.getPrivate(obj, key), obj
		} else {
			fn, this = it.getV(obj, key), obj
		}
		if x.Optional && isNullish(fn) {
			return optShort
		}
		if fo, ok := fn.(*Object); !ok || fo.fn == nil {
			it.throwError("TypeError", "%s is not a function", exprName(callee))
		}
	case *js.IndexExpr:
		obj, key, short := it.memberRef(callee.X, callee.Y, callee.Optional, false, env)
		if short {
			return optShort
		}
		if sr, ok := obj.(superRef); ok {
			fn, this = it.getFrom(sr.proto, key, sr.this), sr.this
		} else {
			fn, this = it.getV(obj, key), obj
		}
		if x.Optional && isNullish(fn) {
			return optShort
		}
	case *js.GroupExpr:
		fn = it.eval(callee, env)
	default:
		fn = it.evalRaw(callee, env)
		if fn == optShort {
			return optShort
		}
		if x.Optional && isNullish(fn) {
			return optShort
		}
	}
	args := it.evalArgs(&x.Args, env)
	fo, ok := fn.(*Object)
	if !ok || fo.fn == nil {
		it.throwError("TypeError", "%s is not a function", exprName(x.X))
	}
	prev := it.callSite
	it.callSite = x
	v := it.callObj(fo, this, args)
	it.callSite = prev
	return v
}

func (it *Interp) evalUnary(x *js.UnaryExpr, env *Env) Value {
	switch x.Op {
	case js.TypeofToken:
		if v, ok := x.X.(*js.Var); ok {
			if env.lookup(v.Name()) == nil && it.findProp(it.globalObj, strKey(string(v.Name()))) == nil {
				return "undefined"
			}
		}
		return typeOf(it.eval(x.X, env))
	case js.DeleteToken:
		switch t := x.X.(type) {
		case *js.DotExpr:
			obj := it.eval(t.X, env)
			if o, ok := obj.(*Object); ok {
				return it.deleteProp(o, it.dotKey(t.Y))
			}
			return true
		case *js.IndexExpr:
			obj := it.eval(t.X, env)
			key := it.toPropKey(it.eval(t.Y, env))
			if o, ok := obj.(*Object); ok {
				return it.deleteProp(o, key)
			}
			return true
		}
		return true
	case js.VoidToken:
		it.eval(x.X, env)
		return Undefined
	case js.NotToken:
		return !toBool(it.eval(x.X, env))
	case js.NegToken:
		v := it.toNumeric(it.eval(x.X, env))
		if b, ok := v.(*big.Int); ok {
			return new(big.Int).Neg(b)
		}
		return -v.(float64)
	case js.PosToken:
		return it.toNumber(it.eval(x.X, env))
	case js.BitNotToken:
		v := it.toNumeric(it.eval(x.X, env))
		if b, ok := v.(*big.Int); ok {
			return new(big.Int).Not(b)
		}
		return float64(^toInt32(v.(float64)))
	case js.PreIncrToken, js.PreDecrToken, js.PostIncrToken, js.PostDecrToken:
		old := it.toNumeric(it.eval(x.X, env))
		var nv Value
		inc := x.Op == js.PreIncrToken || x.Op == js.PostIncrToken
		if b, ok := old.(*big.Int); ok {
			if inc {
				nv = new(big.Int).Add(b, big.NewInt(1))
			} else {
				nv = new(big.Int).Sub(b, big.NewInt(1))
			}
		} else if inc {
			nv = old.(float64) + 1
		} else {
			nv = old.(float64) - 1
		}
		it.assign(x.X, nv, env)
		if x.Op == js.PreIncrToken || x.Op == js.PreDecrToken {
			return nv
		}
		return old
	case js.AwaitToken:
		return it.await(it.eval(x.X, env), env)
	}
	it.unsupported(x, "unary operator "+x.Op.String())
	return nil
}

func (it *Interp) deleteProp(o *Object, key PropKey) bool {
	if o.isArray() {
		if i, ok := arrayIndex(key.S); ok && key.Sym == nil && i < len(o.arr) {
			o.arr[i] = Undefined
			return true
		}
	}
	if !o.deleteOwn(key) {
		it.throwError("TypeError", "Cannot delete property '%s' of %s", key.String(), it.inspect(o, inspectOpts{depth: 0}))
	}
	return true
}

func (it *Interp) evalBinary(x *js.BinaryExpr, env *Env) Value {
	switch x.Op {
	case js.EqToken:
		if isAnonymousFn(x.Y) {
			if v, ok := x.X.(*js.Var); ok {
				val := it.eval(x.Y, env)
				if fo, ok := val.(*Object); ok {
					it.setFnName(fo, strKey(string(v.Name())))
				}
				it.assign(x.X, val, env)
				return val
			}
		}
		if _, ok := x.X.(*js.Var); ok {
			v := it.eval(x.Y, env)
			it.assign(x.X, v, env)
			return v
		}
		if d, ok := x.X.(*js.DotExpr); ok {
			obj, key, _ := it.memberRef(d.X, d.Y, false, true, env)
			v := it.eval(x.Y, env)
			it.putV(obj, key, v)
			return v
		}
		if d, ok := x.X.(*js.IndexExpr); ok {
			obj, key, _ := it.memberRef(d.X, d.Y, false, false, env)
			v := it.eval(x.Y, env)
			it.putV(obj, key, v)
			return v
		}
		v := it.eval(x.Y, env)
		it.assign(x.X, v, env)
		return v
	case js.AndToken:
		l := it.eval(x.X, env)
		if !toBool(l) {
			return l
		}
		return it.eval(x.Y, env)
	case js.OrToken:
		l := it.eval(x.X, env)
		if toBool(l) {
			return l
		}
		return it.eval(x.Y, env)
	case js.NullishToken:
		l := it.eval(x.X, env)
		if !isNullish(l) {
			return l
		}
		return it.eval(x.Y, env)
	case js.AndEqToken, js.OrEqToken, js.NullishEqToken:
		l := it.eval(x.X, env)
		if (x.Op == js.AndEqToken && !toBool(l)) || (x.Op == js.OrEqToken && toBool(l)) || (x.Op == js.NullishEqToken && !isNullish(l)) {
			return l
		}
		v := it.eval(x.Y, env)
		it.assign(x.X, v, env)
		return v
	case js.AddEqToken, js.SubEqToken, js.MulEqToken, js.DivEqToken, js.ModEqToken, js.ExpEqToken,
		js.LtLtEqToken, js.GtGtEqToken, js.GtGtGtEqToken, js.BitAndEqToken, js.BitOrEqToken, js.BitXorEqToken:
		op := compoundOps[x.Op]
		switch t := x.X.(type) {
		case *js.DotExpr, *js.IndexExpr:
			var obj Value
			var key PropKey
			if d, ok := t.(*js.DotExpr); ok {
				obj, key, _ = it.memberRef(d.X, d.Y, false, true, env)
			} else {
				d := t.(*js.IndexExpr)
				obj, key, _ = it.memberRef(d.X, d.Y, false, false, env)
			}
			var old Value
			if sr, ok := obj.(superRef); ok {
				old = it.getFrom(sr.proto, key, sr.this)
			} else if key.Sym != nil && key.Sym.private {
				old = it.getPrivate(obj, key)
			} else {
				old = it.getV(obj, key)
			}
			v := it.binop(op, old, it.eval(x.Y, env))
			it.putV(obj, key, v)
			return v
		}
		v := it.binop(op, it.eval(x.X, env), it.eval(x.Y, env))
		it.assign(x.X, v, env)
		return v
	case js.InToken:
		if pv, ok := x.X.(*js.Var); ok && pv.Decl == js.PrivateDecl {
			o, _ := it.eval(x.Y, env).(*Object)
			return o != nil && it.findProp(o, PropKey{Sym: it.privSym(string(pv.Name()))}) != nil
		}
	}
	l := it.eval(x.X, env)
	r := it.eval(x.Y, env)
	return it.binop(x.Op, l, r)
}

var compoundOps = map[js.TokenType]js.TokenType{
	js.AddEqToken: js.AddToken, js.SubEqToken: js.SubToken, js.MulEqToken: js.MulToken,
	js.DivEqToken: js.DivToken, js.ModEqToken: js.ModToken, js.ExpEqToken: js.ExpToken,
	js.LtLtEqToken: js.LtLtToken, js.GtGtEqToken: js.GtGtToken, js.GtGtGtEqToken: js.GtGtGtToken,
	js.BitAndEqToken: js.BitAndToken, js.BitOrEqToken: js.BitOrToken, js.BitXorEqToken: js.BitXorToken,
}

func (it *Interp) binop(op js.TokenType, l, r Value) Value {
	switch op {
	case js.AddToken:
		if ls, ok := l.(string); ok {
			if rs, ok := r.(string); ok {
				return ls + rs
			}
		}
		if lf, ok := l.(float64); ok {
			if rf, ok := r.(float64); ok {
				return lf + rf
			}
		}
		lp := it.toPrimitive(l, "default")
		rp := it.toPrimitive(r, "default")
		_, ls := lp.(string)
		_, rs := rp.(string)
		if ls || rs {
			return it.toString(lp) + it.toString(rp)
		}
		return it.arith(op, lp, rp)
	case js.SubToken, js.MulToken, js.DivToken, js.ModToken, js.ExpToken,
		js.BitAndToken, js.BitOrToken, js.BitXorToken, js.LtLtToken, js.GtGtToken, js.GtGtGtToken:
		return it.arith(op, l, r)
	case js.EqEqEqToken:
		return strictEquals(l, r)
	case js.NotEqEqToken:
		return !strictEquals(l, r)
	case js.EqEqToken:
		return it.looseEquals(l, r)
	case js.NotEqToken:
		return !it.looseEquals(l, r)
	case js.LtToken:
		return it.compare(l, r, false) == 1
	case js.GtToken:
		return it.compare(r, l, false) == 1
	case js.LtEqToken:
		c := it.compare(r, l, true)
		return c == 0
	case js.GtEqToken:
		c := it.compare(l, r, true)
		return c == 0
	case js.InstanceofToken:
		return it.instanceOf(l, r)
	case js.InToken:
		o, ok := r.(*Object)
		if !ok {
			it.throwError("TypeError", "Cannot use 'in' operator to search for '%s' in %s", it.toString(l), it.toString(r))
		}
		return it.hasProperty(o, it.toPropKey(l))
	}
	it.throwError("SyntaxError", "unsupported operator %s", op.String())
	return nil
}

// compare returns 1 if a<b, 0 if not, -1 if undefined (NaN). With leftFirst
// semantics simplified: callers pass operands in the needed order.
func (it *Interp) compare(a, b Value, orEqual bool) int {
	pa := it.toPrimitive(a, "number")
	pb := it.toPrimitive(b, "number")
	if sa, ok := pa.(string); ok {
		if sb, ok := pb.(string); ok {
			if orEqual {
				if sa < sb {
					return -1
				}
				return 0
			}
			if sa < sb {
				return 1
			}
			return 0
		}
	}
	na := it.toNumeric(pa)
	nb := it.toNumeric(pb)
	ba, aBig := na.(*big.Int)
	bb, bBig := nb.(*big.Int)
	var less, nan bool
	switch {
	case aBig && bBig:
		less = ba.Cmp(bb) < 0
	case aBig:
		f := nb.(float64)
		nan = math.IsNaN(f)
		bf, _ := new(big.Float).SetInt(ba).Float64()
		less = bf < f
	case bBig:
		f := na.(float64)
		nan = math.IsNaN(f)
		bf, _ := new(big.Float).SetInt(bb).Float64()
		less = f < bf
	default:
		fa, fb := na.(float64), nb.(float64)
		nan = math.IsNaN(fa) || math.IsNaN(fb)
		less = fa < fb
	}
	if orEqual {
		// a >= b  <=>  !(a < b) and not NaN
		if nan || less {
			return -1
		}
		return 0
	}
	if nan {
		return -1
	}
	if less {
		return 1
	}
	return 0
}

func (it *Interp) arith(op js.TokenType, l, r Value) Value {
	ln := it.toNumeric(l)
	rn := it.toNumeric(r)
	lb, lok := ln.(*big.Int)
	rb, rok := rn.(*big.Int)
	if lok || rok {
		if !(lok && rok) {
			it.throwError("TypeError", "Cannot mix BigInt and other types, use explicit conversions")
		}
		z := new(big.Int)
		switch op {
		case js.AddToken:
			return z.Add(lb, rb)
		case js.SubToken:
			return z.Sub(lb, rb)
		case js.MulToken:
			return z.Mul(lb, rb)
		case js.DivToken:
			if rb.Sign() == 0 {
				it.throwError("RangeError", "Division by zero")
			}
			return z.Quo(lb, rb)
		case js.ModToken:
			if rb.Sign() == 0 {
				it.throwError("RangeError", "Division by zero")
			}
			return z.Rem(lb, rb)
		case js.ExpToken:
			return z.Exp(lb, rb, nil)
		case js.BitAndToken:
			return z.And(lb, rb)
		case js.BitOrToken:
			return z.Or(lb, rb)
		case js.BitXorToken:
			return z.Xor(lb, rb)
		case js.LtLtToken:
			return z.Lsh(lb, uint(rb.Int64()))
		case js.GtGtToken:
			return z.Rsh(lb, uint(rb.Int64()))
		}
		it.throwError("TypeError", "BigInts have no unsigned right shift, use >> instead")
	}
	a, b := ln.(float64), rn.(float64)
	switch op {
	case js.AddToken:
		return a + b
	case js.SubToken:
		return a - b
	case js.MulToken:
		return a * b
	case js.DivToken:
		return a / b
	case js.ModToken:
		if b == 0 || math.IsInf(a, 0) || math.IsNaN(a) || math.IsNaN(b) {
			return math.NaN()
		}
		if math.IsInf(b, 0) {
			return a
		}
		return math.Mod(a, b)
	case js.ExpToken:
		if math.IsNaN(b) || ((a == 1 || a == -1) && math.IsInf(b, 0)) {
			return math.NaN()
		}
		return math.Pow(a, b)
	case js.BitAndToken:
		return float64(toInt32(a) & toInt32(b))
	case js.BitOrToken:
		return float64(toInt32(a) | toInt32(b))
	case js.BitXorToken:
		return float64(toInt32(a) ^ toInt32(b))
	case js.LtLtToken:
		return float64(toInt32(a) << (toUint32(b) & 31))
	case js.GtGtToken:
		return float64(toInt32(a) >> (toUint32(b) & 31))
	case js.GtGtGtToken:
		return float64(toUint32(a) >> (toUint32(b) & 31))
	}
	return math.NaN()
}

func (it *Interp) looseEquals(a, b Value) bool {
	if isNullish(a) && isNullish(b) {
		return true
	}
	if isNullish(a) || isNullish(b) {
		return false
	}
	switch x := a.(type) {
	case float64:
		switch y := b.(type) {
		case float64:
			return x == y
		case string:
			return x == stringToNumber(y)
		case bool:
			return x == boolNum(y)
		case *big.Int:
			f, _ := new(big.Float).SetInt(y).Float64()
			return f == x
		case *Object:
			return it.looseEquals(a, it.toPrimitive(y, "default"))
		}
	case string:
		switch y := b.(type) {
		case string:
			return x == y
		case float64:
			return stringToNumber(x) == y
		case bool:
			return stringToNumber(x) == boolNum(y)
		case *Object:
			return it.looseEquals(a, it.toPrimitive(y, "default"))
		}
	case bool:
		return it.looseEquals(boolNum(x), b)
	case *big.Int:
		switch y := b.(type) {
		case *big.Int:
			return x.Cmp(y) == 0
		case float64, string, bool:
			return it.looseEquals(b, a)
		}
	case *Object:
		switch b.(type) {
		case *Object:
			return a == b
		default:
			return it.looseEquals(it.toPrimitive(x, "default"), b)
		}
	case *Symbol:
		return a == b
	}
	if _, ok := b.(bool); ok {
		return it.looseEquals(a, boolNum(b.(bool)))
	}
	return false
}

func boolNum(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// ---- assignment and destructuring ----

func (it *Interp) assign(target js.IExpr, v Value, env *Env) {
	switch t := target.(type) {
	case *js.Var:
		name := t.Name()
		if b := env.lookup(name); b != nil {
			if !b.init {
				it.throwError("ReferenceError", "Cannot access '%s' before initialization", string(name))
			}
			if b.constant {
				it.throwError("TypeError", "Assignment to constant variable.")
			}
			b.v = v
			return
		}
		if it.prog.ESM {
			it.throwError("ReferenceError", "%s is not defined", string(name))
		}
		it.putV(it.globalObj, strKey(string(name)), v)
	case *js.DotExpr:
		obj, key, _ := it.memberRef(t.X, t.Y, false, true, env)
		it.putV(obj, key, v)
	case *js.IndexExpr:
		obj, key, _ := it.memberRef(t.X, t.Y, false, false, env)
		it.putV(obj, key, v)
	case *js.GroupExpr:
		it.assign(t.X, v, env)
	case *js.ArrayExpr:
		vals := it.iterateToSlice(v)
		for i, el := range t.List {
			if el.Value == nil {
				continue
			}
			if el.Spread {
				rest := []Value{}
				if i < len(vals) {
					rest = append(rest, vals[i:]...)
				}
				it.assign(el.Value, it.newArray(rest), env)
				break
			}
			var ev Value = Undefined
			if i < len(vals) {
				ev = vals[i]
			}
			it.assignWithDefault(el.Value, ev, env)
		}
	case *js.ObjectExpr:
		if isNullish(v) {
			it.throwError("TypeError", "Cannot destructure '%s' as it is %s.", it.toString(v), it.toString(v))
		}
		used := map[PropKey]bool{}
		for _, p := range t.List {
			if p.Spread {
				rest := it.NewPlain()
				it.copyDataProps(rest, v, used)
				it.assign(p.Value, rest, env)
				continue
			}
			var key PropKey
			if p.Name == nil {
				if vv, ok := p.Value.(*js.Var); ok {
					key = strKey(string(vv.Name()))
				}
			} else {
				key = it.propertyKey(p.Name, env)
			}
			used[key] = true
			pv := it.getV(v, key)
			if p.Init != nil && pv == Undefined {
				pv = it.eval(p.Init, env)
			}
			it.assignWithDefault(p.Value, pv, env)
		}
	default:
		it.unsupported(target, "assignment target "+typeName(target))
	}
}

func (it *Interp) assignWithDefault(target js.IExpr, v Value, env *Env) {
	if b, ok := target.(*js.BinaryExpr); ok && b.Op == js.EqToken {
		if v == Undefined {
			v = it.eval(b.Y, env)
		}
		it.assign(b.X, v, env)
		return
	}
	it.assign(target, v, env)
}

// bindPattern initialises declared bindings from a pattern.
// kind: 0 var (assign), 1 let, 2 const, 3 param (declare in env).
func (it *Interp) bindPattern(b js.IBinding, v Value, env *Env, kind int) {
	switch x := b.(type) {
	case *js.Var:
		name := string(x.Name())
		if kind == 0 {
			if bd := env.lookup(x.Name()); bd != nil {
				bd.v = v
				bd.init = true
				return
			}
			env.declare(name, &Binding{v: v, init: true})
			return
		}
		if bd, ok := env.vars[name]; ok && kind != 3 {
			bd.v = v
			bd.init = true
			bd.constant = kind == 2
			return
		}
		env.declare(name, &Binding{v: v, init: true, constant: kind == 2})
	case *js.BindingArray:
		vals := it.iterateToSlice(v)
		for i, el := range x.List {
			if el.Binding == nil {
				continue
			}
			var ev Value = Undefined
			if i < len(vals) {
				ev = vals[i]
			}
			if ev == Undefined && el.Default != nil {
				ev = it.eval(el.Default, env)
			}
			it.bindPattern(el.Binding, ev, env, kind)
		}
		if x.Rest != nil {
			rest := []Value{}
			if len(x.List) < len(vals) {
				rest = append(rest, vals[len(x.List):]...)
			}
			it.bindPattern(x.Rest, it.newArray(rest), env, kind)
		}
	case *js.BindingObject:
		if isNullish(v) {
			it.throwError("TypeError", "Cannot destructure '%s' as it is %s.", it.toString(v), it.toString(v))
		}
		used := map[PropKey]bool{}
		for _, item := range x.List {
			var key PropKey
			if item.Key == nil {
				if vv, ok := item.Value.Binding.(*js.Var); ok {
					key = strKey(string(vv.Name()))
				}
			} else {
				key = it.propertyKey(item.Key, env)
			}
			used[key] = true
			pv := it.getV(v, key)
			if pv == Undefined && item.Value.Default != nil {
				pv = it.eval(item.Value.Default, env)
			}
			it.bindPattern(item.Value.Binding, pv, env, kind)
		}
		if x.Rest != nil {
			rest := it.NewPlain()
			it.copyDataProps(rest, v, used)
			it.bindPattern(x.Rest, rest, env, kind)
		}
	}
}

// ---- conversions needing the interpreter ----

func (it *Interp) toPrimitive(v Value, hint string) Value {
	o, ok := v.(*Object)
	if !ok {
		return v
	}
	if f := it.getV(o, PropKey{Sym: SymToPrimitive}); !isNullish(f) {
		r := it.call(f, o, []Value{hint})
		if _, isObj := r.(*Object); !isObj {
			return r
		}
		it.throwError("TypeError", "Cannot convert object to primitive value")
	}
	order := []string{"valueOf", "toString"}
	if hint == "string" {
		order = []string{"toString", "valueOf"}
	}
	for _, m := range order {
		f := it.getV(o, strKey(m))
		if fo, ok := f.(*Object); ok && fo.fn != nil {
			r := it.callObj(fo, o, nil)
			if _, isObj := r.(*Object); !isObj {
				return r
			}
		}
	}
	it.throwError("TypeError", "Cannot convert object to primitive value")
	return nil
}

func (it *Interp) toString(v Value) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return numberToString(x)
	case bool:
		if x {
			return "true"
		}
		return "false"
	case undefinedType:
		return "undefined"
	case nullType:
		return "null"
	case *big.Int:
		return x.String()
	case *Symbol:
		it.throwError("TypeError", "Cannot convert a Symbol value to a string")
	case *Object:
		return it.toString(it.toPrimitive(x, "string"))
	}
	return ""
}

func (it *Interp) toNumber(v Value) float64 {
	n := it.toNumeric(v)
	if _, ok := n.(*big.Int); ok {
		it.throwError("TypeError", "Cannot convert a BigInt value to a number")
	}
	return n.(float64)
}

func (it *Interp) toNumeric(v Value) Value {
	switch x := v.(type) {
	case float64:
		return x
	case string:
		return stringToNumber(x)
	case bool:
		return boolNum(x)
	case undefinedType:
		return math.NaN()
	case nullType:
		return 0.0
	case *big.Int:
		return x
	case *Symbol:
		it.throwError("TypeError", "Cannot convert a Symbol value to a number")
	case *Object:
		return it.toNumeric(it.toPrimitive(x, "number"))
	}
	return math.NaN()
}

func (it *Interp) toPropKey(v Value) PropKey {
	switch x := v.(type) {
	case *Symbol:
		return PropKey{Sym: x}
	case string:
		return strKey(x)
	case float64:
		return strKey(numberToString(x))
	}
	p := it.toPrimitive(v, "string")
	if s, ok := p.(*Symbol); ok {
		return PropKey{Sym: s}
	}
	return strKey(it.toString(p))
}

func (it *Interp) toObject(v Value) *Object {
	switch x := v.(type) {
	case *Object:
		return x
	case string:
		o := &Object{proto: it.StringProto, class: "String", internal: x, extensible: true}
		return o
	case float64:
		return &Object{proto: it.NumberProto, class: "Number", internal: x, extensible: true}
	case bool:
		return &Object{proto: it.BoolProto, class: "Boolean", internal: x, extensible: true}
	case *Symbol:
		return &Object{proto: it.SymbolProto, class: "Symbol", internal: x, extensible: true}
	case *big.Int:
		return &Object{proto: it.BigIntProto, class: "BigInt", internal: x, extensible: true}
	}
	it.throwError("TypeError", "Cannot convert undefined or null to object")
	return nil
}

// strLen returns the length of a string in UTF-16 code units.
func strLen(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	if !utf8.ValidString(s) {
		return len(s)
	}
	return n
}
