package export

import (
	"context"
	"fmt"
	"strconv"

	"google.golang.org/grpc/metadata"

	"github.com/cosmos/cosmos-sdk/client"
	grpctypes "github.com/cosmos/cosmos-sdk/types/grpc"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// AtBlock pins a node client to one block, height or the latest when height is 0, and returns a query
// source answering at that block (both over ABCI and gRPC), the context to query with, and the block's
// Meta: every page of the walk then reads the same state, however long the export takes.
func AtBlock(ctx context.Context, clientCtx client.Context, height int64, tool string) (Source, context.Context, Meta, error) {
	if clientCtx.Client == nil {
		return nil, ctx, Meta{}, fmt.Errorf("no node to read from: give --node")
	}
	var h *int64
	if height > 0 {
		h = &height
	}
	block, err := clientCtx.Client.Block(ctx, h)
	if err != nil {
		return nil, ctx, Meta{}, fmt.Errorf("read block %d: %w", height, err)
	}
	if block.Block == nil {
		return nil, ctx, Meta{}, fmt.Errorf("the node has no block %d", height)
	}
	meta := Meta{ChainID: block.Block.ChainID, Height: block.Block.Height, Time: block.Block.Time, Tool: tool}
	pinned := clientCtx.WithHeight(meta.Height)
	ctx = metadata.AppendToOutgoingContext(ctx, grpctypes.GRPCBlockHeightHeader, strconv.FormatInt(meta.Height, 10))
	return types.NewQueryClient(pinned), ctx, meta, nil
}
