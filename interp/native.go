package interp

import (
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"hash"
	"math"
	"path"
	"time"

	"github.com/blockcheck/blockcheck/looprt"
	"github.com/blockcheck/blockcheck/looprt/cost"

	"github.com/tdewolff/parse/v2/js"
	"sort"
	"strings"
	"unicode/utf8"
)

// fillNative defines the Go helpers prelude.js builds the library on.
func (it *Interp) fillNative(n *Object) {
	def := func(name string, fn nativeFn) { it.method(n, name, 0, fn) }
	def("io", func(it *Interp, this Value, a []Value) Value {
		kind := it.toString(arg(a, 0))
		fn := it.callable(arg(a, 1), "io callback")
		user := arg(a, 2)
		node := it.fnNode(user)
		if node == nil {
			node = it.callSiteNode()
		}
		// An optional fourth argument names the operation for the trace
		// ("fs.readFile (open)"), its duration still coming from kind's row.
		name := kind
		if n, ok := arg(a, 3).(string); ok {
			name = n
		}
		spec := looprt.IOSpec{Kind: name, Callback: it.loop.callback(&task{kind: "io", label: it.fnLabel(name, user), node: node, fn: func() {
			it.callObj(fn, Undefined, nil)
		}})}
		// Runtime.IO reads the plain row by name; the row is looked up here,
		// per Node major first (io.fs.readFile@26).
		if tbl := it.loop.rt.Config().Timing; tbl != nil {
			if d, ok := tbl.Cost(fmt.Sprintf("io.%s@%d", kind, it.opts.Node), 1); ok {
				spec.Duration = &d
			} else if d, ok := tbl.Cost("io."+kind, 1); ok {
				spec.Duration = &d
			}
		}
		it.loop.rt.IO(spec)
		return Undefined
	})
	def("readFileRoundTrips", func(it *Interp, this Value, a []Value) Value {
		return float64(it.loop.rt.Profile().ReadFileRoundTrips)
	})
	def("ioExact", func(it *Interp, this Value, a []Value) Value {
		kind := it.toString(arg(a, 0))
		d := cost.Exactly(time.Duration(it.toNumber(arg(a, 1)) * float64(time.Millisecond)))
		fn := it.callable(arg(a, 2), "io callback")
		user := arg(a, 3)
		node := it.fnNode(user)
		if node == nil {
			node = it.callSiteNode()
		}
		it.loop.rt.IO(looprt.IOSpec{Kind: kind, Duration: &d, Callback: it.loop.callback(&task{kind: "io", label: it.fnLabel(kind, user), node: node, fn: func() {
			it.callObj(fn, Undefined, nil)
		}})})
		return Undefined
	})
	def("openHandle", func(it *Interp, this Value, a []Value) Value {
		label := it.toString(arg(a, 0))
		h := it.loop.rt.OpenHandle(label)
		o := it.NewPlain()
		it.method(o, "close", 1, func(it *Interp, this Value, b []Value) Value {
			fn, _ := arg(b, 0).(*Object)
			h.Close(it.loop.callback(&task{kind: "close", label: label + " close", node: it.fnNode(arg(b, 1)), fn: func() {
				if fn != nil && fn.fn != nil {
					it.callObj(fn, Undefined, nil)
				}
			}}))
			return Undefined
		})
		it.method(o, "ref", 0, func(it *Interp, this Value, b []Value) Value { h.Ref(); return Undefined })
		it.method(o, "unref", 0, func(it *Interp, this Value, b []Value) Value { h.Unref(); return Undefined })
		return o
	})
	def("hash", func(it *Interp, this Value, a []Value) Value {
		alg := strings.ToLower(it.toString(arg(a, 0)))
		data := []byte(it.toString(arg(a, 1)))
		var sum []byte
		switch alg {
		case "sha256":
			x := sha256.Sum256(data)
			sum = x[:]
		case "sha1":
			x := sha1.Sum(data)
			sum = x[:]
		case "md5":
			x := md5.Sum(data)
			sum = x[:]
		case "sha512":
			x := sha512.Sum512(data)
			sum = x[:]
		default:
			it.addUnknown(it.callOffset(), "crypto hash "+alg, "hash algorithm "+alg+" is not modelled")
			return Undefined
		}
		return it.bytesArray(sum)
	})
	def("pbkdf2", func(it *Interp, this Value, a []Value) Value {
		iter, keyLen := toIntegerOrInfinity(it.toNumber(arg(a, 2))), toIntegerOrInfinity(it.toNumber(arg(a, 3)))
		if iter < 1 || iter > math.MaxInt32 || keyLen < 0 || keyLen > math.MaxInt32 {
			it.throwError("RangeError", "The value of \"iterations\" or \"keylen\" is out of range")
		}
		if iter*math.Max(keyLen, 1) > 1e7 {
			// Computing it could take minutes; the program's cost is
			// charged by the timing model, not by the interpreter's time.
			it.addUnknown(it.callOffset(), "crypto pbkdf2", "a key of this many iterations is not computed")
			panic(&abort{reason: "unsupported"})
		}
		key, err := pbkdf2.Key(sha256OrNamed(it.toString(arg(a, 4))), it.toString(arg(a, 0)), []byte(it.toString(arg(a, 1))), int(iter), int(keyLen))
		if err != nil {
			it.throwError("Error", "%v", err)
		}
		return it.bytesArray(key)
	})
	def("base64", func(it *Interp, this Value, a []Value) Value {
		o, _ := arg(a, 0).(*Object)
		var b []byte
		if o != nil {
			for _, v := range o.arr {
				b = append(b, byte(it.toNumber(v)))
			}
		}
		return base64.StdEncoding.EncodeToString(b)
	})
	def("major", func(it *Interp, this Value, a []Value) Value { return float64(it.opts.Node) })
	def("close", func(it *Interp, this Value, a []Value) Value {
		delete(it.fds, int(it.toNumber(arg(a, 0))))
		return Undefined
	})
	def("closePhase", func(it *Interp, this Value, a []Value) Value {
		fn := it.callable(arg(a, 0), "close callback")
		it.loop.rt.Close(it.loop.callback(&task{kind: "close", label: it.toString(arg(a, 1)), node: it.fnNode(arg(a, 2)), fn: func() {
			it.callObj(fn, Undefined, nil)
		}}))
		return Undefined
	})
	def("unknown", func(it *Interp, this Value, a []Value) Value {
		what := it.toString(arg(a, 0))
		it.addUnknown(it.userCallOffset(), what, what+" is not modelled")
		return Undefined
	})
	def("spend", func(it *Interp, this Value, a []Value) Value {
		it.loop.rt.SpendOn(it.toString(arg(a, 0)), it.argNum(a, 1, 1))
		return Undefined
	})
	def("inspect", func(it *Interp, this Value, a []Value) Value {
		depth := 2
		if o, ok := arg(a, 1).(*Object); ok {
			if d, ok := it.getV(o, strKey("depth")).(float64); ok {
				depth = int(d)
			}
		}
		if depth == 2 {
			return it.inspectDefault(arg(a, 0))
		}
		return it.inspect(arg(a, 0), inspectOpts{depth: depth})
	})
	def("format", func(it *Interp, this Value, a []Value) Value { return it.format(a) })
	def("pathJoin", func(it *Interp, this Value, a []Value) Value {
		var parts []string
		for _, x := range a {
			parts = append(parts, it.toString(x))
		}
		p := path.Join(parts...)
		if p == "" {
			return "."
		}
		return p
	})
	def("pathResolve", func(it *Interp, this Value, a []Value) Value {
		p := path.Dir(it.prog.Path)
		for _, x := range a {
			s := it.toString(x)
			if strings.HasPrefix(s, "/") {
				p = s
			} else {
				p = path.Join(p, s)
			}
		}
		return path.Clean(p)
	})
	def("pathDir", func(it *Interp, this Value, a []Value) Value { return path.Dir(it.toString(arg(a, 0))) })
	def("pathBase", func(it *Interp, this Value, a []Value) Value { return path.Base(it.toString(arg(a, 0))) })
	def("pathExt", func(it *Interp, this Value, a []Value) Value { return path.Ext(it.toString(arg(a, 0))) })
	def("pathRel", func(it *Interp, this Value, a []Value) Value {
		from, to := it.toString(arg(a, 0)), it.toString(arg(a, 1))
		if strings.HasPrefix(to, from+"/") {
			return strings.TrimPrefix(to, from+"/")
		}
		return to
	})
	def("encode", func(it *Interp, this Value, a []Value) Value {
		s := it.toString(arg(a, 0))
		vals := make([]Value, len(s))
		for i := 0; i < len(s); i++ {
			vals[i] = float64(s[i])
		}
		return it.newArray(vals)
	})
	def("decode", func(it *Interp, this Value, a []Value) Value {
		o, _ := arg(a, 0).(*Object)
		if o == nil {
			return ""
		}
		b := make([]byte, 0, len(o.arr))
		for _, v := range o.arr {
			b = append(b, byte(it.toNumber(v)))
		}
		if !utf8.Valid(b) {
			return strings.ToValidUTF8(string(b), "\uFFFD")
		}
		return string(b)
	})

	// the simulated file system
	def("readFile", func(it *Interp, this Value, a []Value) Value {
		return it.fsRead(it.toString(arg(a, 0)), "open")
	})
	def("writeFile", func(it *Interp, this Value, a []Value) Value {
		p := it.absPath(it.toString(arg(a, 0)))
		if !it.fsDirExists(path.Dir(p)) {
			it.throwValue(it.fsError("ENOENT", "open", p))
		}
		if toBool(arg(a, 2)) {
			old, _ := it.fsContent(p)
			it.fsFiles[p] = old + it.toString(arg(a, 1))
		} else {
			it.fsFiles[p] = it.toString(arg(a, 1))
		}
		delete(it.fsDeleted, p)
		return Undefined
	})
	def("stat", func(it *Interp, this Value, a []Value) Value {
		p := it.absPath(it.toString(arg(a, 0)))
		isDir := it.fsDirs[p]
		size := 0
		if !isDir {
			c, ok := it.fsContent(p)
			if !ok {
				it.throwValue(it.fsError("ENOENT", "stat", p))
			}
			size = len(c)
		}
		st := it.NewPlain()
		st.setOwn(strKey("size"), float64(size))
		st.setOwn(strKey("isFile"), it.NativeFunc("isFile", 0, func(*Interp, Value, []Value) Value { return !isDir }))
		st.setOwn(strKey("isDirectory"), it.NativeFunc("isDirectory", 0, func(*Interp, Value, []Value) Value { return isDir }))
		return st
	})
	def("exists", func(it *Interp, this Value, a []Value) Value {
		p := it.absPath(it.toString(arg(a, 0)))
		_, ok := it.fsContent(p)
		return ok || it.fsDirs[p]
	})
	def("unlink", func(it *Interp, this Value, a []Value) Value {
		p := it.absPath(it.toString(arg(a, 0)))
		if it.fsDirs[p] {
			delete(it.fsDirs, p)
			return Undefined
		}
		if _, ok := it.fsContent(p); !ok {
			it.throwValue(it.fsError("ENOENT", "unlink", p))
		}
		delete(it.fsFiles, p)
		it.fsDeleted[p] = true
		return Undefined
	})
	def("mkdir", func(it *Interp, this Value, a []Value) Value {
		it.fsDirs[it.absPath(it.toString(arg(a, 0)))] = true
		return Undefined
	})
	def("readdir", func(it *Interp, this Value, a []Value) Value {
		p := it.absPath(it.toString(arg(a, 0)))
		if !it.fsDirs[p] {
			it.addUnknown(it.callOffset(), "fs.readdir", "listing a directory the program did not create is not modelled")
		}
		var names []string
		for f := range it.fsFiles {
			if path.Dir(f) == p {
				names = append(names, path.Base(f))
			}
		}
		sort.Strings(names)
		vals := make([]Value, len(names))
		for i, n := range names {
			vals[i] = n
		}
		return it.newArray(vals)
	})
	def("open", func(it *Interp, this Value, a []Value) Value {
		p := it.absPath(it.toString(arg(a, 0)))
		flags := it.toString(arg(a, 1))
		if strings.HasPrefix(flags, "r") {
			it.fsRead(p, "open")
		} else if _, ok := it.fsContent(p); !ok || strings.HasPrefix(flags, "w") {
			it.fsFiles[p] = ""
		}
		it.nextFD++
		fd := it.nextFD + 19
		it.fds[fd] = &openFile{path: p}
		return float64(fd)
	})
	def("read", func(it *Interp, this Value, a []Value) Value {
		f := it.fds[int(it.toNumber(arg(a, 0)))]
		if f == nil {
			it.throwValue(it.fsError("EBADF", "read", ""))
		}
		content, _ := it.fsContent(f.path)
		pos := int(it.toNumber(arg(a, 1)))
		if pos < 0 {
			pos = f.pos
		}
		n := toLength(it.toNumber(arg(a, 2)))
		if pos > len(content) {
			pos = len(content)
		}
		end := pos + min(n, len(content))
		if end > len(content) {
			end = len(content)
		}
		f.pos = end
		vals := make([]Value, 0, end-pos)
		for i := pos; i < end; i++ {
			vals = append(vals, float64(content[i]))
		}
		return it.newArray(vals)
	})
	def("fdWrite", func(it *Interp, this Value, a []Value) Value {
		if f := it.fds[int(it.toNumber(arg(a, 0)))]; f != nil {
			old, _ := it.fsContent(f.path)
			it.fsFiles[f.path] = old + it.toString(arg(a, 1))
		}
		return Undefined
	})
}

type openFile struct {
	path string
	pos  int
}

func (it *Interp) callSiteNode() js.INode {
	if it.callSite != nil {
		return it.callSite
	}
	return nil
}

// userCallOffset is the offset of the innermost call in user code.
func (it *Interp) userCallOffset() int { return it.callOffset() }

func (it *Interp) absPath(p string) string {
	if strings.HasPrefix(p, "file://") {
		p = strings.TrimPrefix(p, "file://")
	}
	if !strings.HasPrefix(p, "/") {
		p = path.Join(path.Dir(it.prog.Path), p)
	}
	return path.Clean(p)
}

func (it *Interp) fsDirExists(d string) bool {
	if it.fsDirs[d] || d == "/tmp" || d == "/" {
		return true
	}
	if d == path.Dir(it.rootProg.Path) {
		return true
	}
	return false
}

// fsContent returns a file's content: written by the program, the program
// itself, or (read-only) a file next to it.
func (it *Interp) fsContent(p string) (string, bool) {
	if it.fsDeleted[p] {
		return "", false
	}
	if c, ok := it.fsFiles[p]; ok {
		return c, true
	}
	if p == it.absPath(it.rootProg.Path) {
		return string(it.rootProg.Src), true
	}
	if it.rootProg.ReadFile != nil && !strings.HasPrefix(p, "/tmp/") {
		if b, err := it.rootProg.ReadFile(p); err == nil {
			it.fsFiles[p] = string(b)
			return string(b), true
		}
	}
	return "", false
}

func (it *Interp) fsRead(p, syscall string) string {
	p = it.absPath(p)
	if it.fsDirs[p] {
		it.throwValue(it.fsError("EISDIR", "read", ""))
	}
	c, ok := it.fsContent(p)
	if !ok {
		it.throwValue(it.fsError("ENOENT", syscall, p))
	}
	return c
}

func (it *Interp) fsError(code, syscall, p string) *Object {
	msgs := map[string]string{"ENOENT": "no such file or directory", "EISDIR": "illegal operation on a directory", "EBADF": "bad file descriptor"}
	errnos := map[string]float64{"ENOENT": -2, "EISDIR": -21, "EBADF": -9}
	msg := code + ": " + msgs[code] + ", " + syscall
	if p != "" {
		msg += " '" + p + "'"
	}
	e := it.makeError("Error", msg)
	e.setOwn(strKey("errno"), errnos[code])
	e.setOwn(strKey("code"), code)
	e.setOwn(strKey("syscall"), syscall)
	if p != "" {
		e.setOwn(strKey("path"), p)
	}
	return e
}

func (it *Interp) bytesArray(b []byte) *Object {
	vals := make([]Value, len(b))
	for i, x := range b {
		vals[i] = float64(x)
	}
	return it.newArray(vals)
}

func sha256OrNamed(name string) func() hash.Hash {
	switch strings.ToLower(name) {
	case "sha1":
		return sha1.New
	case "sha512":
		return sha512.New
	case "md5":
		return md5.New
	}
	return sha256.New
}
