package export_test

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"testing"

	"github.com/dlclark/regexp2"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
)

// schemaDir holds the official schemas vendored by `make standards-schemas` (see VERSIONS there).
const schemaDir = "testdata/schemas"

// testdataLoader serves schema URLs from schemaDir by file name, so that the tests never reach the
// network: the CycloneDX schema's references (spdx, jsf) resolve to the vendored copies.
type testdataLoader struct{}

func (testdataLoader) Load(url string) (any, error) {
	f, err := os.Open(filepath.Join(schemaDir, path.Base(url)))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}

// cycloneDXSchema compiles the vendored CycloneDX 1.6 schema with format assertions on.
func cycloneDXSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.UseLoader(testdataLoader{})
	c.AssertFormat()
	sch, err := c.Compile("http://cyclonedx.org/schema/bom-1.6.SNAPSHOT.schema.json")
	require.NoError(t, err)
	return sch
}

// ecmaRegexp is an ECMA-262 regular expression, the dialect JSON Schema specifies: the SPDX schema's patterns
// use lookahead ("^(?!_:).+:.+"), which Go's RE2 package does not have.
type ecmaRegexp struct{ re *regexp2.Regexp }

func (r ecmaRegexp) MatchString(s string) bool {
	ok, err := r.re.MatchString(s)
	return ok && err == nil
}

func (r ecmaRegexp) String() string { return r.re.String() }

func compileECMA(pattern string) (jsonschema.Regexp, error) {
	re, err := regexp2.Compile(pattern, regexp2.ECMAScript)
	if err != nil {
		return nil, err
	}
	return ecmaRegexp{re}, nil
}

// spdx3Schema compiles the vendored SPDX 3.0.1 JSON schema (SPDX's shacl2code output, see VERSIONS).
func spdx3Schema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.UseLoader(testdataLoader{})
	c.UseRegexpEngine(compileECMA)
	sch, err := c.Compile("https://spdx.org/schema/3.0.1/spdx-3.0.1.schema.json")
	require.NoError(t, err)
	return sch
}

func validate(t testing.TB, sch *jsonschema.Schema, doc []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	require.NoError(t, err)
	require.NoError(t, sch.Validate(v))
}

// TestCycloneDXSchemaCatchesErrors: the validator is real: a BOM with a wrong component type or a
// malformed hash fails it.
func TestCycloneDXSchemaCatchesErrors(t *testing.T) {
	sch := cycloneDXSchema(t)
	for _, tc := range []struct{ name, doc string }{
		{"unknown component type", `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"weights","name":"x"}]}`},
		{"short sha-256", `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"data","name":"x","hashes":[{"alg":"SHA-256","content":"abc"}]}]}`},
		{"unknown field", `{"bomFormat":"CycloneDX","specVersion":"1.6","lineage":[]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(tc.doc)))
			require.NoError(t, err)
			require.Error(t, sch.Validate(v))
		})
	}
}

// TestSPDX3SchemaCatchesErrors: the SPDX 3.0.1 validator is real: a document with the wrong context, an
// element of an unknown type or a relationship with an unknown type fails it.
func TestSPDX3SchemaCatchesErrors(t *testing.T) {
	sch := spdx3Schema(t)
	ctx := `"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld"`
	for _, tc := range []struct{ name, doc string }{
		{"wrong context", `{"@context":"https://spdx.org/rdf/3.0.0/spdx-context.jsonld","@graph":[]}`},
		{"unknown element type", `{` + ctx + `,"@graph":[{"type":"ai_Model","spdxId":"urn:x:1","creationInfo":"_:c"}]}`},
		{"unknown relationship type", `{` + ctx + `,"@graph":[{"type":"Relationship","spdxId":"urn:x:r","creationInfo":"_:c","from":"urn:x:1","to":["urn:x:2"],"relationshipType":"builtFromWeights"}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(tc.doc)))
			require.NoError(t, err)
			require.Error(t, sch.Validate(v))
		})
	}
}
