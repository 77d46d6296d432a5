package types_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"testing"
)

// TestErrorCodesAreUnique: two errors registered with one code make the SDK keep only the last (it logs
// "already registered ... Overwriting" into every command's output), so a client matching the first sees the
// other. Parallel branches once both took code 40; this reads errors.go and refuses any repeat.
func TestErrorCodesAreUnique(t *testing.T) {
	for _, file := range []string{"errors.go", "../../provenance/types/errors.go"} {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int]string{}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 3 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "Register" && sel.Sel.Name != "RegisterWithGRPCCode") {
				return true
			}
			lit, ok := call.Args[1].(*ast.BasicLit)
			if !ok {
				t.Errorf("%s: an error code that is not a literal", file)
				return true
			}
			code, _ := strconv.Atoi(lit.Value)
			msg := call.Args[len(call.Args)-1].(*ast.BasicLit).Value
			if prev, dup := seen[code]; dup {
				t.Errorf("%s: code %d registered twice: %s and %s", file, code, prev, msg)
			}
			seen[code] = msg
			return true
		})
		if len(seen) < 10 {
			t.Fatalf("%s: found only %d registered errors; the test no longer reads the file right", file, len(seen))
		}
	}
}
