package types

import (
	"net/url"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/grpc-ecosystem/grpc-gateway/utilities"
)

// TestGatewayEnumQueryParams decodes REST query strings the way the generated gateway handlers
// do: an enum is accepted by its proto name, by the CLI's name and by number, and an unknown
// name is refused.
func TestGatewayEnumQueryParams(t *testing.T) {
	cases := []struct {
		query   string
		want    AssetKind
		wantErr bool
	}{
		{"kind=ASSET_KIND_DATASET", AssetKind_ASSET_KIND_DATASET, false},
		{"kind=ASSET_KIND_MODEL", AssetKind_ASSET_KIND_MODEL, false},
		{"kind=2", AssetKind_ASSET_KIND_MODEL, false},
		// The CLI's spelling (query provenance assets --kind model), copied into a URL.
		{"kind=model", AssetKind_ASSET_KIND_MODEL, false},
		{"kind=dataset", AssetKind_ASSET_KIND_DATASET, false},
		{"kind=ASSET_KIND_NOPE", 0, true},
		{"kind=nope", 0, true},
		{"kind=Model", 0, true}, // names are exact, as the CLI's are
		{"kind=kind-model", 0, true},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			values, err := url.ParseQuery(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			var req QueryAssetsRequest
			err = runtime.PopulateQueryParameters(&req, values, utilities.NewDoubleArray(nil))
			if tc.wantErr {
				if err == nil {
					t.Fatalf("accepted %q as kind %v", tc.query, req.Kind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if req.Kind != tc.want {
				t.Fatalf("kind = %v, want %v", req.Kind, tc.want)
			}
		})
	}
}

// TestEnumCLINameMatchesAutoCLI: the REST aliases are the names AutoCLI prints and accepts
// (client/v2 autocli/flag enumValueName: kebab case without the type's prefix).
func TestEnumCLINameMatchesAutoCLI(t *testing.T) {
	cases := []struct {
		prefix, name, want string
	}{
		{"ASSET_KIND_", "ASSET_KIND_DATASET", "dataset"},
		{"ASSET_KIND_", "ASSET_KIND_MODEL", "model"},
		{"ASSET_STATUS_", "ASSET_STATUS_RETIRED", "retired"},
		{"RELATION_", "RELATION_TRAINED_ON", "trained-on"},
		{"RELATION_", "RELATION_NEW_VERSION_OF", "new-version-of"},
	}
	for _, tc := range cases {
		if got := EnumCLIName(tc.prefix, tc.name); got != tc.want {
			t.Errorf("EnumCLIName(%s) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
