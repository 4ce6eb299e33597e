package jsregex

import "testing"

func FuzzParse(f *testing.F) {
	for _, s := range []string{"a", "(a+)+$", "[\\p{L}--\\q{ab}]", "(?<n>x)\\k<n>", "\\c1[\\c_]", "x{2,", "[😀-😂]", "(?<=a|bc)(?!d)", "\\u{1F600}"} {
		for _, fl := range []string{"", "u", "v", "gimsy"} {
			f.Add(s, fl)
		}
	}
	f.Fuzz(func(t *testing.T, pattern, flags string) {
		re, err := Parse(pattern, flags)
		if err == nil && re.Root == nil {
			t.Fatal("nil root without error")
		}
		if err != nil {
			if e, ok := err.(*Error); !ok || e.Msg == "" {
				t.Fatalf("bad error %v", err)
			}
		}
	})
}
