package types

import (
	"net/url"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/grpc-ecosystem/grpc-gateway/utilities"
)

// TestGatewayEnumQueryParams decodes REST query strings the way the generated gateway handlers
// do: an enum is accepted by name as well as by number, and an unknown name is refused.
func TestGatewayEnumQueryParams(t *testing.T) {
	cases := []struct {
		query   string
		want    AssetKind
		wantErr bool
	}{
		{"kind=ASSET_KIND_DATASET", AssetKind_ASSET_KIND_DATASET, false},
		{"kind=ASSET_KIND_MODEL", AssetKind_ASSET_KIND_MODEL, false},
		{"kind=2", AssetKind_ASSET_KIND_MODEL, false},
		{"kind=ASSET_KIND_NOPE", 0, true},
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
