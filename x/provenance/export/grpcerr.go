package export

import (
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// isNotFound reports a gRPC NotFound (ErrAssetNotFound carries that code across the wire, where
// errors.Is no longer sees the registered error).
func isNotFound(err error) bool {
	return status.Code(err) == codes.NotFound
}
