package types

import (
	golangproto "github.com/golang/protobuf/proto" //nolint:staticcheck // the registry grpc-gateway v1 reads
)

// The REST gateway (grpc-gateway v1) decodes an enum in a query string, such as
// GET /tributary/provenance/v1/assets?kind=ASSET_KIND_DATASET, by looking its name up with
// golang/protobuf's proto.EnumValueMap. gogoproto registers these enums only in its own
// registry, so without this the gateway accepted numbers alone and answered 400 to the names
// every other client (CLI, gRPC JSON, the docs) uses. Registering them here, once, as the
// generated golang/protobuf code would, makes both forms work. (RegisterEnum is deprecated in
// favour of protoregistry, but its cache is exactly what grpc-gateway v1 reads.)
//
//nolint:staticcheck // see above
func init() {
	golangproto.RegisterEnum("tributary.provenance.v1.AssetKind", AssetKind_name, AssetKind_value)
	golangproto.RegisterEnum("tributary.provenance.v1.AssetStatus", AssetStatus_name, AssetStatus_value)
	golangproto.RegisterEnum("tributary.provenance.v1.Relation", Relation_name, Relation_value)
}
