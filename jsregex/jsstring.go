package jsregex

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// DecodeStringLiteral decodes the raw text of a JavaScript string literal,
// quotes included ('...', "..." or a template `...` without substitutions),
// into its value, as needed for new RegExp('...'). Surrogate pairs written as
// two \u escapes are combined; a lone surrogate is kept as U+FFFD.
func DecodeStringLiteral(raw string) (string, error) {
	if len(raw) < 2 || raw[0] != raw[len(raw)-1] || strings.IndexByte("'\"`", raw[0]) < 0 {
		return "", errors.New("not a string literal")
	}
	quote := raw[0]
	s := raw[1 : len(raw)-1]
	var b strings.Builder
	var pendingHi rune = -1
	emit := func(r rune) {
		if pendingHi >= 0 {
			if r >= 0xDC00 && r <= 0xDFFF {
				b.WriteRune(0x10000 + (pendingHi-0xD800)<<10 + (r - 0xDC00))
				pendingHi = -1
				return
			}
			b.WriteRune(utf8.RuneError)
			pendingHi = -1
		}
		if r >= 0xD800 && r <= 0xDBFF {
			pendingHi = r
			return
		}
		b.WriteRune(r)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if quote == '`' && c == '$' && i+1 < len(s) && s[i+1] == '{' {
			return "", errors.New("template literal has substitutions")
		}
		if c == byte(quote) {
			return "", errors.New("unescaped quote inside string literal")
		}
		if c != '\\' {
			r, n := utf8.DecodeRuneInString(s[i:])
			if quote == '`' && r == '\r' { // templates normalise CRLF and CR to LF
				r = '\n'
				if i+1 < len(s) && s[i+1] == '\n' {
					n++
				}
			}
			emit(r)
			i += n
			continue
		}
		i++
		if i >= len(s) {
			return "", errors.New("unterminated escape")
		}
		e, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch e {
		case 'n':
			emit('\n')
		case 't':
			emit('\t')
		case 'r':
			emit('\r')
		case 'b':
			emit('\b')
		case 'f':
			emit('\f')
		case 'v':
			emit('\v')
		case '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case '\n', 0x2028, 0x2029: // line continuation
		case 'x':
			v, ok := hexN(s, i, 2)
			if !ok {
				return "", errors.New("invalid hexadecimal escape sequence")
			}
			i += 2
			emit(v)
		case 'u':
			if i < len(s) && s[i] == '{' {
				end := strings.IndexByte(s[i:], '}')
				if end < 2 {
					return "", errors.New("invalid Unicode escape sequence")
				}
				var v rune
				for _, h := range []byte(s[i+1 : i+end]) {
					d := hexVal(h)
					if d < 0 || v > MaxRune {
						return "", errors.New("invalid Unicode escape sequence")
					}
					v = v*16 + rune(d)
				}
				if v > MaxRune {
					return "", errors.New("undefined Unicode code-point")
				}
				i += end + 1
				emit(v)
				continue
			}
			v, ok := hexN(s, i, 4)
			if !ok {
				return "", errors.New("invalid Unicode escape sequence")
			}
			i += 4
			emit(v)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			if quote == '`' && !(e == '0' && (i >= len(s) || s[i] < '0' || s[i] > '9')) {
				return "", errors.New("octal escape sequences are not allowed in template strings")
			}
			// Legacy octal (sloppy mode): up to three digits, value <= 0377.
			v := e - '0'
			for k := 0; k < 2 && i < len(s) && s[i] >= '0' && s[i] <= '7'; k++ {
				if v*8+rune(s[i]-'0') > 0377 {
					break
				}
				v = v*8 + rune(s[i]-'0')
				i++
			}
			emit(v)
		default:
			emit(e) // identity escape, including \8 \9 \' \" \\ \`
		}
	}
	if pendingHi >= 0 {
		b.WriteRune(utf8.RuneError)
	}
	return b.String(), nil
}

func hexN(s string, i, n int) (rune, bool) {
	if i+n > len(s) {
		return 0, false
	}
	var v rune
	for k := 0; k < n; k++ {
		d := hexVal(s[i+k])
		if d < 0 {
			return 0, false
		}
		v = v*16 + rune(d)
	}
	return v, true
}
