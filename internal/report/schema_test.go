package report

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// schemaValidator checks a JSON document against a JSON Schema (draft-07),
// supporting every keyword the SARIF 2.1.0 schema uses: type, properties,
// additionalProperties, required, items, minItems, uniqueItems, enum,
// $ref (local), pattern, minimum, maximum, format (uri, uri-reference,
// date-time), anyOf and oneOf. An unknown validation keyword is an error,
// so the validator cannot silently pass something it does not check.
type schemaValidator struct {
	root map[string]any
	errs []string
}

var annotationKeywords = map[string]bool{"$schema": true, "$id": true, "title": true, "description": true, "default": true, "definitions": true}

func (v *schemaValidator) fail(path, format string, args ...any) {
	v.errs = append(v.errs, path+": "+fmt.Sprintf(format, args...))
}

func (v *schemaValidator) validate(path string, s map[string]any, x any) {
	if ref, ok := s["$ref"].(string); ok {
		name, ok := strings.CutPrefix(ref, "#/definitions/")
		def, found := v.root["definitions"].(map[string]any)[name].(map[string]any)
		if !ok || !found {
			v.fail(path, "unresolvable $ref %q", ref)
			return
		}
		v.validate(path, def, x)
	}
	for k, val := range s {
		switch k {
		case "$ref", "properties", "additionalProperties":
		case "type":
			if !hasType(x, val.(string)) {
				v.fail(path, "want type %s, got %T", val, x)
				return
			}
		case "required":
			obj, _ := x.(map[string]any)
			for _, r := range val.([]any) {
				if _, ok := obj[r.(string)]; obj != nil && !ok {
					v.fail(path, "missing required property %q", r)
				}
			}
		case "enum":
			found := false
			for _, e := range val.([]any) {
				found = found || equalJSON(e, x)
			}
			if !found {
				v.fail(path, "%v not in enum %v", x, val)
			}
		case "items":
			if arr, ok := x.([]any); ok {
				for i, e := range arr {
					v.validate(fmt.Sprintf("%s[%d]", path, i), val.(map[string]any), e)
				}
			}
		case "minItems":
			if arr, ok := x.([]any); ok && float64(len(arr)) < val.(float64) {
				v.fail(path, "%d items, want at least %v", len(arr), val)
			}
		case "uniqueItems":
			if arr, ok := x.([]any); ok && val.(bool) {
				for i := range arr {
					for j := i + 1; j < len(arr); j++ {
						if equalJSON(arr[i], arr[j]) {
							v.fail(path, "items %d and %d are equal", i, j)
						}
					}
				}
			}
		case "pattern":
			if str, ok := x.(string); ok && !regexp.MustCompile(val.(string)).MatchString(str) {
				v.fail(path, "%q does not match %s", str, val)
			}
		case "minimum":
			if n, ok := x.(float64); ok && n < val.(float64) {
				v.fail(path, "%v below minimum %v", n, val)
			}
		case "maximum":
			if n, ok := x.(float64); ok && n > val.(float64) {
				v.fail(path, "%v above maximum %v", n, val)
			}
		case "format":
			if str, ok := x.(string); ok {
				checkFormat(v, path, val.(string), str)
			}
		case "anyOf", "oneOf":
			matches := 0
			for _, alt := range val.([]any) {
				sub := &schemaValidator{root: v.root}
				sub.validate(path, alt.(map[string]any), x)
				if len(sub.errs) == 0 {
					matches++
				}
			}
			if matches == 0 || k == "oneOf" && matches != 1 {
				v.fail(path, "%d alternatives of %s match", matches, k)
			}
		default:
			if !annotationKeywords[k] {
				v.fail(path, "schema keyword %q not supported by this validator", k)
			}
		}
	}
	obj, ok := x.(map[string]any)
	if !ok {
		return
	}
	props, _ := s["properties"].(map[string]any)
	for name, val := range obj {
		if ps, ok := props[name]; ok {
			v.validate(path+"."+name, ps.(map[string]any), val)
			continue
		}
		switch ap := s["additionalProperties"].(type) {
		case bool:
			if !ap {
				v.fail(path, "property %q not allowed", name)
			}
		case map[string]any:
			v.validate(path+"."+name, ap, val)
		}
	}
}

func hasType(x any, t string) bool {
	switch t {
	case "object":
		_, ok := x.(map[string]any)
		return ok
	case "array":
		_, ok := x.([]any)
		return ok
	case "string":
		_, ok := x.(string)
		return ok
	case "boolean":
		_, ok := x.(bool)
		return ok
	case "number":
		_, ok := x.(float64)
		return ok
	case "integer":
		n, ok := x.(float64)
		return ok && n == math.Trunc(n)
	case "null":
		return x == nil
	}
	return false
}

func equalJSON(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func checkFormat(v *schemaValidator, path, format, s string) {
	switch format {
	case "uri":
		if u, err := url.Parse(s); err != nil || !u.IsAbs() {
			v.fail(path, "%q is not an absolute URI", s)
		}
	case "uri-reference":
		if _, err := url.Parse(s); err != nil || strings.ContainsAny(s, " \\") {
			v.fail(path, "%q is not a URI reference", s)
		}
	case "date-time":
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			v.fail(path, "%q is not an RFC 3339 date-time", s)
		}
	default:
		v.fail(path, "format %q not supported by this validator", format)
	}
}
