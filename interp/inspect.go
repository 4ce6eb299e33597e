package interp

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file reproduces Node's util.format and util.inspect for the shapes
// small programs print (lib/internal/util/inspect.js).

type inspectOpts struct {
	depth      int // remaining nesting allowed (Node's default 2)
	showHidden bool
}

type inspector struct {
	it          *Interp
	seen        []*Object
	circular    map[*Object]int
	indentLvl   int
	currentDep  int
	breakLength int
	showHidden  bool
}

func (it *Interp) inspect(v Value, o inspectOpts) string {
	in := &inspector{it: it, breakLength: 80, showHidden: o.showHidden}
	in.circular = map[*Object]int{}
	return in.format(v, 0, o.depth, true)
}

// inspectDefault is util.inspect(v) with default options.
func (it *Interp) inspectDefault(v Value) string {
	in := &inspector{it: it, breakLength: 80, circular: map[*Object]int{}}
	s := in.format(v, 0, 2, true)
	if len(in.circular) > 0 {
		// a second pass knows which objects are referenced circularly
		in2 := &inspector{it: it, breakLength: 80, circular: in.circular}
		s = in2.format(v, 0, 2, true)
	}
	return s
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r == '$' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')) {
			return false
		}
	}
	return true
}

func quoteJSString(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 {
		if strings.IndexByte(s, '"') < 0 {
			q = '"'
		} else if strings.IndexByte(s, '`') < 0 && !strings.Contains(s, "${") {
			q = '`'
		}
	}
	var sb strings.Builder
	sb.WriteByte(q)
	for _, r := range s {
		switch {
		case r == rune(q):
			sb.WriteByte('\\')
			sb.WriteRune(r)
		case r == '\\':
			sb.WriteString(`\\`)
		case r == '\n':
			sb.WriteString(`\n`)
		case r == '\t':
			sb.WriteString(`\t`)
		case r == '\r':
			sb.WriteString(`\r`)
		case r == '\b':
			sb.WriteString(`\b`)
		case r == '\f':
			sb.WriteString(`\f`)
		case r == '\v':
			sb.WriteString(`\v`)
		case r < 0x20 || r == 0x7f:
			sb.WriteString(`\x`)
			h := strings.ToUpper(strconv.FormatInt(int64(r), 16))
			if len(h) < 2 {
				h = "0" + h
			}
			sb.WriteString(h)
		default:
			sb.WriteRune(r)
		}
	}
	sb.WriteByte(q)
	return sb.String()
}

func formatNumber(f float64) string {
	if f == 0 && math.Signbit(f) {
		return "-0"
	}
	return numberToString(f)
}

func (in *inspector) formatPrimitive(v Value) (string, bool) {
	switch x := v.(type) {
	case undefinedType:
		return "undefined", true
	case nullType:
		return "null", true
	case bool:
		if x {
			return "true", true
		}
		return "false", true
	case float64:
		return formatNumber(x), true
	case string:
		return quoteJSString(x), true
	case *big.Int:
		return x.String() + "n", true
	case *Symbol:
		return "Symbol(" + x.Description + ")", true
	}
	return "", false
}

// constructorName finds the name of the first constructor on the chain.
func (in *inspector) constructorName(o *Object) (string, bool) {
	for p := o.proto; p != nil; p = p.proto {
		if pr := p.getOwn(strKey("constructor")); pr != nil && !pr.accessor {
			if c, ok := pr.value.(*Object); ok && c.fn != nil {
				return c.fn.name, true
			}
		}
	}
	return "", o.proto != nil
}

func (in *inspector) fnBase(o *Object) string {
	f := o.fn
	if f.classCtor {
		s := "[class " + f.name
		if f.name == "" {
			s = "[class (anonymous)"
		}
		if o.proto != nil && o.proto != in.it.FuncProto && o.proto.fn != nil {
			s += " extends " + o.proto.fn.name
		}
		return s + "]"
	}
	kind := "Function"
	switch {
	case f.async && f.gen:
		kind = "AsyncGeneratorFunction"
	case f.async:
		kind = "AsyncFunction"
	case f.gen:
		kind = "GeneratorFunction"
	}
	name := f.name
	if n, ok := o.getOwn(strKey("name")).valueIfData(); ok {
		if s, ok := n.(string); ok {
			name = s
		}
	}
	if name == "" {
		return "[" + kind + " (anonymous)]"
	}
	return "[" + kind + ": " + name + "]"
}

func (p *prop) valueIfData() (Value, bool) {
	if p == nil || p.accessor {
		return nil, false
	}
	return p.value, true
}

func (in *inspector) format(v Value, depth, maxDepth int, top bool) string {
	if s, ok := in.formatPrimitive(v); ok {
		return s
	}
	o, ok := v.(*Object)
	if !ok {
		return "undefined"
	}
	for _, s := range in.seen {
		if s == o {
			idx, ok := in.circular[o]
			if !ok {
				idx = len(in.circular) + 1
				in.circular[o] = idx
			}
			return "[Circular *" + strconv.Itoa(idx) + "]"
		}
	}
	if o.class != "Opaque" {
		c := in.it.getFrom(o, PropKey{Sym: symInspect}, o)
		if cf, ok := c.(*Object); ok && cf.fn != nil {
			r := in.it.callObj(cf, o, []Value{float64(maxDepth - depth), in.it.NewPlain()})
			if s, ok := r.(string); ok {
				return s
			}
			return in.format(r, depth, maxDepth, false)
		}
	}
	return in.formatObject(o, depth, maxDepth)
}

func (in *inspector) formatObject(o *Object, depth, maxDepth int) string {
	it := in.it
	ctorName, hasProto := in.constructorName(o)
	var braces [2]string
	base := ""
	var entries []string
	keys := o.ownKeys(true)
	isArrayish := false
	extrasArray := false
	prefix := func(def string) string {
		if !hasProto {
			return "[" + def + ": null prototype] "
		}
		if ctorName != def && ctorName != "" {
			return ctorName + " "
		}
		return ""
	}
	tag := ""
	if t, ok := it.getFrom(o, PropKey{Sym: SymToStringTag}, o).(string); ok && t != "" && t != ctorName {
		tag = t
	}
	switch {
	case o.fn != nil:
		base = in.fnBase(o)
		keys = filterKeys(keys, o, func(k PropKey) bool { return k.S != "prototype" && k.S != "name" && k.S != "length" })
		if len(visibleKeys(o, keys)) == 0 {
			return base
		}
		braces = [2]string{"{", "}"}
	case o.isArray() || o.class == "Arguments":
		isArrayish = true
		extrasArray = true
		if o.class == "Arguments" {
			braces = [2]string{"[Arguments] [", "]"}
		} else {
			p := prefix("Array")
			if p != "" {
				p = strings.TrimSuffix(p, " ") + "(" + strconv.Itoa(len(o.arr)) + ") "
			}
			braces = [2]string{p + "[", "]"}
		}
		if len(o.arr) == 0 && len(visibleKeys(o, nonIndexKeys(keys))) == 0 {
			return braces[0] + "]"
		}
	case o.class == "Error":
		base = in.errorBase(o)
		keys = filterKeys(keys, o, func(k PropKey) bool { return k.S != "stack" && k.S != "message" })
		if len(visibleKeys(o, keys)) == 0 {
			return base
		}
		braces = [2]string{"{", "}"}
	case o.class == "Map" || o.class == "Set":
		ms := o.internal.(*mapState)
		braces = [2]string{prefix(o.class) + o.class + "(" + strconv.Itoa(ms.size()) + ") {", "}"}
		if !hasProto || (ctorName != o.class && ctorName != "") {
			braces[0] = prefix(o.class) + o.class + "(" + strconv.Itoa(ms.size()) + ") {"
			if hasProto {
				braces[0] = ctorName + "(" + strconv.Itoa(ms.size()) + ") [" + o.class + "] {"
			}
		}
		if depth > maxDepth {
			return "[" + o.class + "]"
		}
		in.seen = append(in.seen, o)
		in.currentDep = depth
		for _, e := range ms.entries() {
			if o.class == "Map" {
				entries = append(entries, in.format(e.key, depth+1, maxDepth, false)+" => "+in.format(e.val, depth+1, maxDepth, false))
			} else {
				entries = append(entries, in.format(e.key, depth+1, maxDepth, false))
			}
		}
		in.seen = in.seen[:len(in.seen)-1]
		if len(entries) == 0 && len(visibleKeys(o, keys)) == 0 {
			return braces[0] + "}"
		}
	case o.class == "Promise":
		ps := o.internal.(*promiseState)
		braces = [2]string{prefix("Promise") + "Promise {", "}"}
		switch ps.state {
		case pPending:
			entries = append(entries, "<pending>")
		case pFulfilled:
			in.indentLvl += 2
			entries = append(entries, in.format(ps.value, depth+1, maxDepth, false))
			in.indentLvl -= 2
		default:
			in.indentLvl += 2
			entries = append(entries, "<rejected> "+in.format(ps.value, depth+1, maxDepth, false))
			in.indentLvl -= 2
		}
	case o.class == "Number" || o.class == "String" || o.class == "Boolean" || o.class == "Symbol" || o.class == "BigInt":
		if o == it.NumberProto || o == it.StringProto || o == it.BoolProto {
			braces = [2]string{"{", "}"}
			break
		}
		prim, _ := in.formatPrimitive(o.internal)
		base = "[" + o.class + ": " + prim + "]"
		if o.class == "String" {
			keys = nonIndexKeys(keys)
		}
		if len(visibleKeys(o, keys)) == 0 {
			return base
		}
		braces = [2]string{"{", "}"}
	case o.class == "Date":
		base = it.toString(it.call(it.getV(o, strKey("toISOString")), o, nil))
		if len(visibleKeys(o, keys)) == 0 {
			return base
		}
		braces = [2]string{"{", "}"}
	case o.class == "RegExp":
		base = o.internal.(*regexpState).source
		if len(visibleKeys(o, filterKeys(keys, o, func(k PropKey) bool { return k.S != "lastIndex" }))) == 0 {
			return base
		}
		braces = [2]string{"{", "}"}
	case o.class == "Generator" || o.class == "AsyncGenerator":
		braces = [2]string{"Object [" + o.class + "] {", "}"}
	case o.class == "Opaque":
		return "[unknown value]"
	default:
		switch {
		case !hasProto:
			braces = [2]string{"[Object: null prototype] {", "}"}
		case ctorName == "Object" || ctorName == "":
			if tag != "" {
				braces = [2]string{"Object [" + tag + "] {", "}"}
			} else {
				braces = [2]string{"{", "}"}
			}
		default:
			if tag != "" {
				braces = [2]string{ctorName + " [" + tag + "] {", "}"}
			} else {
				braces = [2]string{ctorName + " {", "}"}
			}
		}
	}
	if depth > maxDepth {
		name := ctorName
		if name == "" {
			name = "Object"
		}
		if isArrayish {
			return "[Array]"
		}
		if !hasProto {
			return "[Object: null prototype]"
		}
		return "[" + name + "]"
	}
	in.seen = append(in.seen, o)
	in.currentDep = depth
	if isArrayish {
		n := len(o.arr)
		shown := n
		if shown > 100 {
			shown = 100
		}
		for i := 0; i < shown; i++ {
			if o.holes[i] {
				j := i
				for j < len(o.arr) && o.holes[j] {
					j++
				}
				n := j - i
				if n == 1 {
					entries = append(entries, "<1 empty item>")
				} else {
					entries = append(entries, "<"+strconv.Itoa(n)+" empty items>")
				}
				i = j - 1
				continue
			}
			entries = append(entries, in.format(o.arr[i], depth+1, maxDepth, false))
		}
		if n > shown {
			more := n - shown
			s := "s"
			if more == 1 {
				s = ""
			}
			entries = append(entries, "... "+strconv.Itoa(more)+" more item"+s)
		}
		keys = nonIndexKeys(keys)
		if in.showHidden && o.class == "Array" {
			entries = append(entries, "[length]: "+strconv.Itoa(n))
		}
	}
	for _, k := range visibleKeys(o, keys) {
		entries = append(entries, in.formatProperty(o, k, depth, maxDepth))
	}
	in.seen = in.seen[:len(in.seen)-1]
	if idx, ok := in.circular[o]; ok {
		ref := "<ref *" + strconv.Itoa(idx) + "> "
		if base != "" {
			base = ref + base
		} else {
			braces[0] = ref + braces[0]
		}
	}
	if base != "" && len(entries) == 0 {
		return base
	}
	if len(entries) == 0 && strings.HasSuffix(braces[0], "{") {
		return braces[0] + "}"
	}
	return in.reduceToSingleString(entries, base, braces, extrasArray, depth, o)
}

func (in *inspector) errorBase(o *Object) string {
	it := in.it
	name := it.toString(it.getV(o, strKey("name")))
	msg := it.toString(it.getV(o, strKey("message")))
	s := name
	if cn, ok := in.constructorName(o); ok && cn != "" && cn != name && !strings.HasPrefix(name, cn) {
		s = cn + " [" + name + "]"
		if name == "Error" {
			s = cn
		}
	}
	if msg != "" {
		s += ": " + msg
	}
	it.addUnknown(it.callOffset(), "inspect Error", "an Error printed with console.log includes a stack trace with machine-specific paths; only its first line is predicted")
	if in.indentLvl > 0 || len(in.seen) > 0 {
		return "[" + s + "]"
	}
	return s
}

func nonIndexKeys(keys []PropKey) []PropKey {
	var out []PropKey
	for _, k := range keys {
		if k.Sym == nil {
			if _, ok := arrayIndex(k.S); ok {
				continue
			}
		}
		out = append(out, k)
	}
	return out
}

func filterKeys(keys []PropKey, o *Object, keep func(PropKey) bool) []PropKey {
	var out []PropKey
	for _, k := range keys {
		if keep(k) {
			out = append(out, k)
		}
	}
	return out
}

func visibleKeys(o *Object, keys []PropKey) []PropKey {
	var out []PropKey
	for _, k := range keys {
		if o.isEnumerableOwn(k) {
			out = append(out, k)
		}
	}
	return out
}

func (in *inspector) formatProperty(o *Object, k PropKey, depth, maxDepth int) string {
	var name string
	switch {
	case k.Sym != nil:
		name = "[Symbol(" + k.Sym.Description + ")]"
	case isIdent(k.S):
		name = k.S
	default:
		name = quoteJSString(k.S)
	}
	p := o.getOwn(k)
	if p != nil && p.accessor {
		switch {
		case p.getter != nil && p.setter != nil:
			return name + ": [Getter/Setter]"
		case p.getter != nil:
			return name + ": [Getter]"
		default:
			return name + ": [Setter]"
		}
	}
	var v Value = Undefined
	if p != nil {
		v = p.value
	}
	in.indentLvl += 2
	s := in.format(v, depth+1, maxDepth, false)
	in.indentLvl -= 2
	return name + ": " + s
}

func (in *inspector) reduceToSingleString(output []string, base string, braces [2]string, extrasArray bool, depth int, o *Object) string {
	entries := len(output)
	if extrasArray && entries > 6 {
		output = in.groupArrayElements(output, o)
	}
	if in.currentDep-depth < 3 && entries == len(output) {
		start := len(output) + in.indentLvl + utf8.RuneCountInString(braces[0]) + utf8.RuneCountInString(base) + 10
		if in.isBelowBreakLength(output, start, base) {
			joined := strings.Join(output, ", ")
			if !strings.Contains(joined, "\n") {
				b := ""
				if base != "" {
					b = base + " "
				}
				return b + braces[0] + " " + joined + " " + braces[1]
			}
		}
	}
	indentation := "\n" + strings.Repeat(" ", in.indentLvl)
	b := ""
	if base != "" {
		b = base + " "
	}
	return b + braces[0] + indentation + "  " + strings.Join(output, ","+indentation+"  ") + indentation + braces[1]
}

func (in *inspector) isBelowBreakLength(output []string, start int, base string) bool {
	total := len(output) + start
	if total+len(output) > in.breakLength {
		return false
	}
	for _, s := range output {
		total += utf8.RuneCountInString(s)
		if total > in.breakLength {
			return false
		}
	}
	return base == "" || !strings.Contains(base, "\n")
}

func (in *inspector) groupArrayElements(output []string, o *Object) []string {
	totalLength := 0
	maxLength := 0
	outputLength := len(output)
	if o != nil && len(o.arr) > 100 && outputLength > 100 {
		outputLength--
	}
	const separatorSpace = 2
	dataLen := make([]int, outputLength)
	for i := 0; i < outputLength; i++ {
		l := utf8.RuneCountInString(output[i])
		dataLen[i] = l
		totalLength += l + separatorSpace
		if maxLength < l {
			maxLength = l
		}
	}
	actualMax := maxLength + separatorSpace
	if actualMax*3+in.indentLvl < in.breakLength && (float64(totalLength)/float64(actualMax) > 5 || maxLength <= 6) {
		averageBias := math.Sqrt(float64(actualMax) - float64(totalLength)/float64(len(output)))
		biasedMax := math.Max(float64(actualMax)-3-averageBias, 1)
		columns := int(math.Min(math.Min(math.Round(math.Sqrt(2.5*biasedMax*float64(outputLength))/biasedMax),
			math.Floor(float64(in.breakLength-in.indentLvl)/float64(actualMax))), math.Min(3*4, 15)))
		if columns <= 1 {
			return output
		}
		var maxLineLength []int
		for i := 0; i < columns; i++ {
			lineLength := 0
			for j := i; j < len(output); j += columns {
				if j < outputLength && dataLen[j] > lineLength {
					lineLength = dataLen[j]
				}
			}
			maxLineLength = append(maxLineLength, lineLength+separatorSpace)
		}
		padStart := true
		if o != nil {
			for i := 0; i < len(o.arr) && i < outputLength; i++ {
				switch o.arr[i].(type) {
				case float64, *big.Int:
				default:
					padStart = false
				}
				if !padStart {
					break
				}
			}
		}
		var tmp []string
		for i := 0; i < outputLength; i += columns {
			max := i + columns
			if max > outputLength {
				max = outputLength
			}
			var sb strings.Builder
			j := i
			for ; j < max-1; j++ {
				cell := output[j] + ", "
				sb.WriteString(padTo(cell, maxLineLength[j-i], padStart))
			}
			if padStart {
				sb.WriteString(padTo(output[j], maxLineLength[j-i]-separatorSpace, true))
			} else {
				sb.WriteString(output[j])
			}
			tmp = append(tmp, sb.String())
		}
		if outputLength < len(output) {
			tmp = append(tmp, output[outputLength])
		}
		return tmp
	}
	return output
}

func padTo(s string, n int, start bool) string {
	l := utf8.RuneCountInString(s)
	if l >= n {
		return s
	}
	if start {
		return strings.Repeat(" ", n-l) + s
	}
	return s + strings.Repeat(" ", n-l)
}

// format implements util.format.
func (it *Interp) format(args []Value) string {
	if len(args) == 0 {
		return ""
	}
	var sb strings.Builder
	rest := args
	if f, ok := args[0].(string); ok && strings.Contains(f, "%") {
		rest = args[1:]
		i := 0
		last := 0
		for j := 0; j < len(f)-1; j++ {
			if f[j] != '%' {
				continue
			}
			c := f[j+1]
			if c == '%' {
				sb.WriteString(f[last:j])
				sb.WriteByte('%')
				last = j + 2
				j++
				continue
			}
			if !strings.ContainsRune("sdifjoOc", rune(c)) {
				continue
			}
			if i >= len(rest) {
				continue
			}
			sb.WriteString(f[last:j])
			a := rest[i]
			i++
			switch c {
			case 's':
				switch x := a.(type) {
				case string:
					sb.WriteString(x)
				case *big.Int:
					sb.WriteString(x.String() + "n")
				case float64:
					sb.WriteString(formatNumber(x))
				case *Object:
					if x.class == "Error" || x.fn != nil {
						sb.WriteString(it.inspect(x, inspectOpts{depth: 0}))
					} else if _, hasOwnToString := it.userToString(x); hasOwnToString {
						sb.WriteString(it.toString(x))
					} else {
						sb.WriteString(it.inspect(x, inspectOpts{depth: 0}))
					}
				default:
					p, _ := (&inspector{it: it}).formatPrimitive(a)
					if _, isStr := a.(string); !isStr {
						sb.WriteString(p)
					}
				}
			case 'd', 'i':
				switch x := a.(type) {
				case *big.Int:
					sb.WriteString(x.String() + "n")
				case *Object:
					sb.WriteString("NaN")
				default:
					n := it.toNumber(x)
					if c == 'i' {
						n = math.Trunc(n)
					}
					sb.WriteString(formatNumber(n))
				}
			case 'f':
				if _, ok := a.(*Symbol); ok {
					sb.WriteString("NaN")
				} else {
					sb.WriteString(formatNumber(stringToNumber(it.toString(a))))
				}
			case 'j':
				s, ok := it.jsonStringify(a, Undefined, "")
				if !ok {
					s = "undefined"
				}
				sb.WriteString(s)
			case 'o':
				sb.WriteString(it.inspect(a, inspectOpts{depth: 4, showHidden: true}))
			case 'O':
				sb.WriteString(it.inspectDefault(a))
			case 'c':
			}
			last = j + 2
			j++
		}
		sb.WriteString(f[last:])
		rest = rest[i:]
		for _, a := range rest {
			sb.WriteByte(' ')
			if s, ok := a.(string); ok {
				sb.WriteString(s)
			} else {
				sb.WriteString(it.inspectDefault(a))
			}
		}
		return sb.String()
	}
	for i, a := range rest {
		if i > 0 {
			sb.WriteByte(' ')
		}
		if s, ok := a.(string); ok {
			sb.WriteString(s)
		} else {
			sb.WriteString(it.inspectDefault(a))
		}
	}
	return sb.String()
}

// userToString reports whether o has a toString other than Object's.
func (it *Interp) userToString(o *Object) (Value, bool) {
	f := it.getV(o, strKey("toString"))
	fo, ok := f.(*Object)
	if !ok || fo.fn == nil || fo.fn.native != nil {
		return nil, false
	}
	return f, true
}
