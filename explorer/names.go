package explorer

import (
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// kindName is "dataset" or "model", the words the CLI uses.
func kindName(k provtypes.AssetKind) string { return enumWord(k.String(), "ASSET_KIND_") }

// statusName is "active", "retired" or "revoked".
func statusName(s provtypes.AssetStatus) string { return enumWord(s.String(), "ASSET_STATUS_") }

// relationName is the CLI's word for a relation ("trained-on", "finetuned-from").
func relationName(r provtypes.Relation) string { return enumWord(r.String(), "RELATION_") }

func enumWord(name, prefix string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(name, prefix)), "_", "-")
}

func isGRPCNotFound(err error) bool { return status.Code(err) == codes.NotFound }

func isGRPCInvalid(err error) bool { return status.Code(err) == codes.InvalidArgument }
