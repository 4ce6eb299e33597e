package jsregex

import (
	"strings"
	"testing"
)

// dump renders a tree compactly so shapes can be compared in tables.
func dump(n Node) string {
	var b strings.Builder
	var rec func(Node)
	rec = func(n Node) {
		switch n := n.(type) {
		case *Alternation:
			b.WriteString("Alt(")
			for i, a := range n.Alts {
				if i > 0 {
					b.WriteString(",")
				}
				rec(a)
			}
			b.WriteString(")")
		case *Concat:
			if len(n.Items) == 1 {
				rec(n.Items[0])
				return
			}
			b.WriteString("Cat(")
			for i, a := range n.Items {
				if i > 0 {
					b.WriteString(",")
				}
				rec(a)
			}
			b.WriteString(")")
		case *Char:
			b.WriteString("'" + string(n.Value) + "'")
		case *Dot:
			b.WriteString("Dot")
		case *Class:
			if n.Negated {
				b.WriteString("^")
			}
			b.WriteString("Class")
		case *Assertion:
			b.WriteString([]string{"^", "$", `\b`, `\B`}[n.Kind])
		case *Lookaround:
			b.WriteString("Look(")
			rec(n.Body)
			b.WriteString(")")
		case *Group:
			if n.Capturing {
				b.WriteString("G" + string(rune('0'+n.Index)) + "(")
			} else {
				b.WriteString("NC(")
			}
			rec(n.Body)
			b.WriteString(")")
		case *Backref:
			b.WriteString("Ref" + string(rune('0'+n.Indices[0])))
		case *Repeat:
			b.WriteString("Rep(")
			rec(n.Body)
			b.WriteString(")")
			if !n.Greedy {
				b.WriteString("?")
			}
		}
	}
	rec(n)
	return b.String()
}

func TestParseShapes(t *testing.T) {
	tests := []struct{ pattern, flags, want string }{
		{"ab|c", "", "Alt(Cat('a','b'),'c')"},
		{"(a)+?\\1", "", "Cat(Rep(G1('a'))?,Ref1)"},
		{"(?<n>x)\\k<n>", "", "Cat(G1('x'),Ref1)"},
		{"\\k<n>(?<n>x)", "u", "Cat(Ref1,G1('x'))"},
		{"(?:a|)*", "", "Rep(NC(Alt('a',Cat())))"},
		{"(?=a)*b", "", "Cat(Rep(Look('a')),'b')"},
		{"^[^a]\\d.$", "", "Cat(^,^Class,Class,Dot,$)"},
		{"]{", "", "Cat(']','{')"},
		{"\\1(a)", "", "Cat(Ref1,G1('a'))"},
		{"\\2(a)", "", "Cat('\x02',G1('a'))"},
		{"\\c", "", "Cat('\\','c')"},
		{"\\k", "", "'k'"},
		{"x{2,1", "", "Cat('x','{','2',',','1')"},
	}
	for _, tt := range tests {
		re, err := Parse(tt.pattern, tt.flags)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.pattern, err)
			continue
		}
		if got := dump(re.Root); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.pattern, got, tt.want)
		}
	}
}

func TestParseRepeatBounds(t *testing.T) {
	tests := []struct {
		pattern  string
		min, max int
		greedy   bool
	}{
		{"a*", 0, -1, true}, {"a+?", 1, -1, false}, {"a??", 0, 1, false}, {"a{3}", 3, 3, true},
		{"a{3,}?", 3, -1, false}, {"a{2,5}", 2, 5, true}, {"a{99999999999}", 1 << 30, 1 << 30, true},
	}
	for _, tt := range tests {
		re, err := Parse(tt.pattern, "")
		if err != nil {
			t.Fatal(err)
		}
		r := re.Root.(*Concat).Items[0].(*Repeat)
		if r.Min != tt.min || r.Max != tt.max || r.Greedy != tt.greedy {
			t.Errorf("%q: got {%d,%d} greedy=%v", tt.pattern, r.Min, r.Max, r.Greedy)
		}
	}
}

func TestClassSets(t *testing.T) {
	tests := []struct {
		pattern, flags string
		in, out        string // characters that must / must not match
	}{
		{"[a-c]", "", "abc", "dA"},
		{"[^a-c]", "", "d\n", "abc"},
		{"[a-c]", "i", "aBC", "d"},
		{"[\\d-z]", "", "5-z", "ay"},
		{"[\\w]", "iu", "aZ_\u017f\u212a", "-"},
		{"[\\w]", "i", "aZ_", "\u017f\u212a"},
		{"[k]", "iu", "kK\u212a", "j"},
		{"[k]", "i", "kK", "\u212a"},
		{"\\W", "", "-\u017f", "a_"},
		{"\\s", "", " \t\n\u00a0\ufeff\u3000", "a"},
		{"\\p{Lu}", "u", "AZ\u00c0", "a1"},
		{"\\P{Lu}", "u", "a1", "A"},
		{"\\p{Script=Greek}", "u", "αΩ", "a"},
		{"\\p{sc=Cyrl}", "u", "д", "a"},
		{"\\p{ASCII_Hex_Digit}", "u", "aF9", "g"},
		{"\\p{Alphabetic}", "u", "aé", "1"},
		{"[\\p{L}--[a-z]]", "v", "Aé", "a"},
		{"[[a-z]&&[aeiou]]", "v", "ae", "b"},
		{"[\\q{abc|d}x]", "v", "dx", "a"},
		{"[\\b]", "", "\b", "b"},
		{"[\\cA\\c1]", "", "\x01\x11", "c"},
		{"[\\101]", "", "A", "1"},
		{"[😀]", "u", "😀", "a"},
		{".", "", "a\u2027", "\n\r\u2028"},
	}
	for _, tt := range tests {
		re, err := Parse(tt.pattern, tt.flags)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.pattern, err)
			continue
		}
		var set CharSet
		switch n := re.Root.(type) {
		case *Class:
			set = n.Matches(re.Flags)
		case *Concat:
			switch m := n.Items[0].(type) {
			case *Class:
				set = m.Matches(re.Flags)
			case *Dot:
				set = LineTerminators.Complement(re.Flags.MaxRune())
			}
		}
		for _, c := range tt.in {
			if !set.Contains(c) {
				t.Errorf("/%s/%s should match %q", tt.pattern, tt.flags, c)
			}
		}
		for _, c := range tt.out {
			if set.Contains(c) {
				t.Errorf("/%s/%s should not match %q", tt.pattern, tt.flags, c)
			}
		}
	}
}

func TestClassStrings(t *testing.T) {
	re, err := Parse("[\\q{abc|d|}]", "v")
	if err != nil {
		t.Fatal(err)
	}
	c := re.Root.(*Concat).Items[0].(*Class)
	if len(c.Strings) != 2 || c.Strings[0] != "abc" || c.Strings[1] != "" {
		t.Errorf("strings = %q", c.Strings)
	}
}

func TestErrorOffset(t *testing.T) {
	_, err := Parse("ab(cd", "")
	e, ok := err.(*Error)
	if !ok || e.Offset != 2 || e.Msg != "Unterminated group" {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(e.Error(), "/ab(cd/: Unterminated group") {
		t.Errorf("message %q", e.Error())
	}
}

func TestDecodeStringLiteral(t *testing.T) {
	tests := []struct{ raw, want, err string }{
		{`'a\\d+'`, `a\d+`, ""},
		{`"\x41\u0042\u{43}\n"`, "ABC\n", ""},
		{`'\ud83d\ude00'`, "😀", ""},
		{`'\101\0'`, "A\x00", ""},
		{`'\'\"\q'`, `'"q`, ""},
		{"'a\\\nb'", "ab", ""},
		{"`a\\`b`", "a`b", ""},
		{"`a${x}`", "", "template literal has substitutions"},
		{`'\x4'`, "", "invalid hexadecimal escape sequence"},
		{`'abc`, "", "not a string literal"},
		{"`\\01`", "", "octal escape sequences are not allowed in template strings"},
	}
	for _, tt := range tests {
		got, err := DecodeStringLiteral(tt.raw)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("DecodeStringLiteral(%q) error = %v, want %q", tt.raw, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("DecodeStringLiteral(%q) = %q, %v; want %q", tt.raw, got, err, tt.want)
		}
	}
}
