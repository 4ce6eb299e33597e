package fix

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/analyzer/driver"
	"github.com/blockcheck/blockcheck/jsast"
)

func edit(path string, start, end int, text string) driver.Edit {
	return driver.Edit{Location: driver.Location{Path: path, Span: jsast.Span{Start: start, End: end}}, NewText: text}
}

func TestCollectAndApply(t *testing.T) {
	src := []byte("const a = fs.readFileSync(p);\nconst b = fs.statSync(q);\n")
	diag := func(edits ...driver.Edit) driver.Diagnostic {
		return driver.Diagnostic{Fixes: []driver.Fix{{Message: "m", Edits: edits}}}
	}
	plan := Collect([]driver.Diagnostic{
		diag(edit("a.js", 10, 25, "await fs.promises.readFile")),
		diag(edit("a.js", 20, 28, "x")), // overlaps the first: skipped
		diag(edit("a.js", 40, 51, "await fs.promises.stat"), edit("b.js", 0, 0, "// touched\n")),
		{},
	})
	if plan.Fixes != 2 || plan.Skipped != 1 || len(plan.Files()) != 2 {
		t.Fatalf("plan %+v", plan)
	}
	got, err := Apply(src, plan.Edits["a.js"])
	if err != nil {
		t.Fatal(err)
	}
	if want := "const a = await fs.promises.readFile(p);\nconst b = await fs.promises.stat(q);\n"; string(got) != want {
		t.Errorf("Apply = %q", got)
	}
	if _, err := Apply(src, []driver.Edit{edit("a.js", 50, 70, "")}); err == nil {
		t.Error("edit past the end accepted")
	}
}

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.js")
	os.WriteFile(p, []byte("old"), 0o640)
	if err := WriteAtomic(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	info, _ := os.Stat(p)
	entries, _ := os.ReadDir(dir)
	if string(b) != "new" || info.Mode().Perm() != 0o640 || len(entries) != 1 {
		t.Errorf("content %q mode %v, %d entries (temporary file left?)", b, info.Mode(), len(entries))
	}
	if err := WriteAtomic(filepath.Join(dir, "missing.js"), nil); err == nil {
		t.Error("missing file written")
	}
}

func TestDiff(t *testing.T) {
	old := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n"
	new := "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\n12\n13\nthirteen and a half\n14\n15\n16\n"
	want := `--- a/x.js
+++ b/x.js
@@ -2,7 +2,7 @@
 2
 3
 4
-5
+five
 6
 7
 8
@@ -11,6 +11,7 @@
 11
 12
 13
+thirteen and a half
 14
 15
 16
`
	if got := Diff("x.js", []byte(old), []byte(new)); got != want {
		t.Errorf("Diff:\n%s\nwant:\n%s", got, want)
	}
	if got := Diff("x.js", []byte("a"), []byte("b")); got != "--- a/x.js\n+++ b/x.js\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n" {
		t.Errorf("no final newline:\n%s", got)
	}
	if Diff("x", []byte("same"), []byte("same")) != "" {
		t.Error("diff of equal files")
	}
}

// TestDiffApplies checks random diffs by applying them back.
func TestDiffApplies(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 300; n++ {
		var a []string
		for i := 0; i < r.IntN(40); i++ {
			a = append(a, strconv.Itoa(r.IntN(8))+"\n")
		}
		b := append([]string(nil), a...)
		for k := 0; k < r.IntN(4)+1; k++ {
			i := r.IntN(len(b) + 1)
			switch r.IntN(3) {
			case 0:
				b = append(b[:i], append([]string{"new\n"}, b[i:]...)...)
			case 1:
				if i < len(b) {
					b = append(b[:i], b[i+1:]...)
				}
			default:
				if i < len(b) {
					b[i] = "changed\n"
				}
			}
		}
		old, new := strings.Join(a, ""), strings.Join(b, "")
		if got := patch(t, old, Diff("f", []byte(old), []byte(new))); got != new {
			t.Fatalf("diff of %q -> %q applies to %q:\n%s", old, new, got, Diff("f", []byte(old), []byte(new)))
		}
	}
}

// patch applies a unified diff (as Diff writes it) to old.
func patch(t *testing.T, old, diff string) string {
	if diff == "" {
		return old
	}
	a := splitLines([]byte(old))
	lines := strings.SplitAfter(diff, "\n")[2:]
	var out []string
	next := 0
	for i := 0; i < len(lines) && lines[i] != ""; {
		h := lines[i]
		var aStart int
		rng := strings.Fields(h)[1][1:]
		s, _, _ := strings.Cut(rng, ",")
		aStart, _ = strconv.Atoi(s)
		if !strings.HasSuffix(rng, ",0") {
			aStart--
		}
		out = append(out, a[next:aStart]...)
		next = aStart
		for i++; i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@"); i++ {
			l := lines[i]
			switch l[0] {
			case ' ':
				if a[next] != l[1:] {
					t.Fatalf("context mismatch at old line %d", next+1)
				}
				out = append(out, l[1:])
				next++
			case '-':
				next++
			case '+':
				out = append(out, l[1:])
			}
		}
	}
	return strings.Join(append(out, a[next:]...), "")
}
