package redos

import (
	"slices"
	"strings"

	"github.com/tdewolff/parse/v2/js"

	"github.com/blockcheck/blockcheck/analyzer/hotpath"
	"github.com/blockcheck/blockcheck/analyzer/jsmodule"
	"github.com/blockcheck/blockcheck/jsast"
)

// application is a place where a pattern is matched against a subject.
type application struct {
	span    jsast.Span // the call
	subject string     // the subject's source text
}

// applications finds where regular expressions are applied: re.test(s),
// re.exec(s), s.match(re), s.matchAll(re), s.replace(re, ...),
// s.replaceAll(re, ...), s.split(re), s.search(re), with the regex written
// inline or held in a variable.
type applications struct {
	m     *jsmodule.Module
	h     *hotpath.Info
	byVar map[*js.Var][]int // call node indices where the variable is applied
	byLit map[js.INode][]int
}

var regexMethods = map[string]bool{"test": true, "exec": true}
var stringMethods = map[string]bool{"match": true, "matchAll": true, "replace": true, "replaceAll": true, "split": true, "search": true}

func newApplications(m *jsmodule.Module, h *hotpath.Info) *applications {
	a := &applications{m: m, h: h, byVar: map[*js.Var][]int{}, byLit: map[js.INode][]int{}}
	for i, n := range m.Nodes() {
		call, ok := n.N.(*js.CallExpr)
		if !ok {
			continue
		}
		dot, ok := call.X.(*js.DotExpr)
		if !ok {
			continue
		}
		method := ""
		if l, ok := dot.Y.(js.LiteralExpr); ok {
			method = string(l.Data)
		}
		var re js.IExpr
		switch {
		case regexMethods[method]:
			re = dot.X
		case stringMethods[method] && len(call.Args.List) > 0:
			re = call.Args.List[0].Value
		default:
			continue
		}
		for g, ok := re.(*js.GroupExpr); ok; g, ok = re.(*js.GroupExpr) {
			re = g.X
		}
		if v, ok := re.(*js.Var); ok {
			a.byVar[jsast.Resolve(v)] = append(a.byVar[jsast.Resolve(v)], i)
		} else {
			a.byLit[re] = append(a.byLit[re], i)
		}
	}
	return a
}

// requestUse returns an application, on the hot path, of the pattern
// defined at node def (a literal or a RegExp construction) to request
// data.
func (a *applications) requestUse(def int) (application, bool) {
	nodes := a.m.Nodes()
	calls := a.byLit[nodes[def].N]
	// const re = /.../: the declared name precedes its initialiser.
	if p := nodes[def].Parent; p >= 0 && def > 0 {
		if _, ok := nodes[p].N.(*js.VarDecl); ok {
			if v, ok := nodes[def-1].N.(*js.Var); ok && nodes[def-1].Binding {
				calls = append(calls, a.byVar[jsast.Resolve(v)]...)
			}
		}
	}
	for _, c := range calls {
		if a.h.At(c).Context != hotpath.Hot {
			continue
		}
		call := nodes[c].N.(*js.CallExpr)
		dot := call.X.(*js.DotExpr)
		subject := dot.X
		if l, ok := dot.Y.(js.LiteralExpr); ok && regexMethods[string(l.Data)] {
			if len(call.Args.List) == 0 {
				continue
			}
			subject = call.Args.List[0].Value
		}
		if text, ok := a.requestData(c, subject); ok {
			return application{span: nodes[c].Span, subject: text}, true
		}
	}
	return application{}, false
}

// requestFields are properties that carry what a client sent.
var requestFields = map[string]bool{
	"body": true, "query": true, "params": true, "headers": true, "url": true, "path": true,
	"originalUrl": true, "cookies": true, "hostname": true, "search": true, "querystring": true,
}

// requestRoot reports whether name is one that request objects go by in
// handlers.
func requestRoot(name []byte) bool {
	return slices.Contains(requestRoots, string(name))
}

// requestData reports whether subject is data from a request: a property
// of req/request/ctx (req.body.email, ctx.request.query.q,
// req.headers['user-agent']), or the chunk of a socket's 'data' event.
func (a *applications) requestData(call int, subject js.IExpr) (string, bool) {
	text := ""
	if k, ok := a.m.Find(call, subject); ok {
		text = a.m.Text(a.m.Nodes()[k].Span)
	}
	fromRequest := false
	for e := subject; e != nil; {
		switch x := e.(type) {
		case *js.DotExpr:
			if l, ok := x.Y.(js.LiteralExpr); ok && requestFields[string(l.Data)] {
				fromRequest = true
			}
			e = x.X
			continue
		case *js.IndexExpr:
			e = x.X
			continue
		case *js.CallExpr: // String(req.query.q), req.get('host')
			if d, ok := x.X.(*js.DotExpr); ok {
				e = d.X
				continue
			}
			if len(x.Args.List) > 0 {
				e = x.Args.List[0].Value
				continue
			}
		case *js.Var:
			name := string(x.Data)
			if requestRoot(x.Data) && fromRequest {
				return text, true
			}
			if name == "chunk" || name == "data" || name == "message" || name == "msg" {
				// socket.on('data', data => ...), ws.on('message', msg => ...)
				return text, a.isEventParam(call, x)
			}
		}
		break
	}
	return "", false
}

// isEventParam reports whether v is a parameter of the callback enclosing
// call that was passed to .on('data' | 'message', ...).
func (a *applications) isEventParam(call int, v *js.Var) bool {
	nodes := a.m.Nodes()
	f := a.m.Enclosing(call)
	if f < 0 || nodes[f].Parent < 0 {
		return false
	}
	on, ok := nodes[nodes[f].Parent].N.(*js.CallExpr)
	if !ok || len(on.Args.List) < 2 {
		return false
	}
	ev, ok := on.Args.List[0].Value.(*js.LiteralExpr)
	if !ok {
		return false
	}
	name := strings.Trim(string(ev.Data), `'"`)
	if name != "data" && name != "message" {
		return false
	}
	for k := f + 1; k < int(nodes[f].End); k++ {
		if p, ok := nodes[k].N.(*js.Var); ok && nodes[k].Binding && jsast.Resolve(p) == jsast.Resolve(v) {
			return true
		}
	}
	return false
}
