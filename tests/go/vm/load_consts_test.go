package vm

import (
	"encoding/json"
	"testing"

	"gopy.example/gopy/objects"
)

// The constant kinds casesgen/corpus_compile.py writes for CPython 3.14's co_consts, each with
// the repr CPython gives the constant.
func TestLoadConstKinds(t *testing.T) {
	tests := []struct {
		json, want string
	}{
		{`{"slice": [{"int": "1"}, {"none": null}, {"int": "-1"}]}`, "slice(1, None, -1)"},
		{`{"frozenset": [{"int": "8"}, {"int": "16"}, {"int": "1"}]}`, "frozenset({8, 16, 1})"},
		{`{"frozenset": []}`, "frozenset()"},
		{`{"bytes": "006162ff27"}`, `b"\x00ab\xff'"`},
		{`{"complex": ["0.0", "2.0"]}`, "2j"},
		{`{"complex": ["-0.0", "-2.0"]}`, "(-0-2j)"},
		{`{"complex": ["nan", "inf"]}`, "(nan+infj)"},
		{`{"ellipsis": null}`, "Ellipsis"},
		{`{"tuple": [{"ellipsis": null}, {"slice": [{"none": null}, {"int": "2"}, {"none": null}]}]}`, "(Ellipsis, slice(None, 2, None))"},
	}
	for _, tc := range tests {
		o, err := loadConst(json.RawMessage(tc.json))
		if err != nil {
			t.Errorf("%s: %v", tc.json, err)
			continue
		}
		if got, _ := objects.Repr(o); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.json, got, tc.want)
		}
	}
	e, _ := loadConst(json.RawMessage(`{"ellipsis": null}`))
	if !objects.Is(e, objects.Ellipsis) {
		t.Errorf("the ellipsis constant is not the Ellipsis singleton")
	}
	if f, _ := loadConst(json.RawMessage(`{"frozenset": [{"int": "1"}]}`)); f.Type() != objects.FrozenSetType {
		t.Errorf("a frozenset constant is a %s", f.Type().Name)
	}
}
