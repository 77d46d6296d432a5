package types

import (
	"strings"

	golangproto "github.com/golang/protobuf/proto" //nolint:staticcheck // the registry grpc-gateway v1 reads
)

// The REST gateway (grpc-gateway v1) decodes an enum in a query string, such as
// GET /tributary/provenance/v1/assets?kind=model, by looking its name up with golang/protobuf's
// proto.EnumValueMap. gogoproto registers these enums only in its own registry, so without this
// the gateway accepted numbers alone. Registering them here, once, as the generated
// golang/protobuf code would, makes the full names (ASSET_KIND_MODEL) work, and adding the
// CLI's spelling of each value (model, trained-on: AutoCLI's kebab-case name without the type
// prefix) lets a user copy what the CLI and the docs say into a URL. (RegisterEnum is
// deprecated in favour of protoregistry, but its cache is exactly what grpc-gateway v1 reads.)
//
//nolint:staticcheck // see above
func init() {
	golangproto.RegisterEnum("tributary.provenance.v1.AssetKind", AssetKind_name, withCLINames("ASSET_KIND_", AssetKind_value))
	golangproto.RegisterEnum("tributary.provenance.v1.AssetStatus", AssetStatus_name, withCLINames("ASSET_STATUS_", AssetStatus_value))
	golangproto.RegisterEnum("tributary.provenance.v1.Relation", Relation_name, withCLINames("RELATION_", Relation_value))
}

// withCLINames returns the proto names of an enum plus the name AutoCLI gives each value: the
// value's name without the enum's prefix, lower case, '_' as '-' (ASSET_KIND_MODEL is model,
// RELATION_TRAINED_ON is trained-on). The generated map is copied, never changed.
func withCLINames(prefix string, byName map[string]int32) map[string]int32 {
	out := make(map[string]int32, 2*len(byName))
	for name, v := range byName {
		out[name] = v
		out[EnumCLIName(prefix, name)] = v
	}
	return out
}

// EnumCLIName is how the CLI spells an enum value: ASSET_KIND_MODEL with prefix ASSET_KIND_ is
// model, RELATION_TRAINED_ON with prefix RELATION_ is trained-on.
func EnumCLIName(prefix, name string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(name, prefix)), "_", "-")
}
