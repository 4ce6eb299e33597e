package resolve

import (
	"reflect"
	"testing"
)

func TestSpecifiers(t *testing.T) {
	src := []byte(`const a = require('./a'), b = require ( "b/c" );
import x from './x.js';
import './side-effect';
export { y } from "../y";
const lazy = await import('./lazy');
obj.require('not-this'); prerequire('nor-this'); // from 'comment'
const s = "require('in-string')";`)
	got := Specifiers(src)
	want := []string{"./a", "b/c", "./x.js", "./side-effect", "../y", "./lazy", "comment", "in-string"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Specifiers = %q, want %q", got, want)
	}
}
