package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	errorsmod "cosmossdk.io/errors"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// TestAssetNotFoundIsGRPCNotFound: query clients see "no such asset" as codes.NotFound, not Unknown,
// even when the error is wrapped with context; malformed input is InvalidArgument.
func TestAssetNotFoundIsGRPCNotFound(t *testing.T) {
	err := errorsmod.Wrapf(types.ErrAssetNotFound, "no asset with id %d", 99)
	require.Equal(t, codes.NotFound, status.Code(err))
	// Bad input is the caller's mistake: 400 on REST, never 500.
	require.Equal(t, codes.InvalidArgument, status.Code(errorsmod.Wrap(types.ErrMalformedCID, "x")))
}
