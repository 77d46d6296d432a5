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

// AtBlock pins a node client to one block, height or the latest the application has committed when height is
// 0, and returns a query
// source answering at that block (both over ABCI and gRPC), the context to query with, and the block's
// Meta: every page of the walk then reads the same state, however long the export takes.
func AtBlock(ctx context.Context, clientCtx client.Context, height int64, tool string) (Source, context.Context, Meta, error) {
	if clientCtx.Client == nil {
		return nil, ctx, Meta{}, fmt.Errorf("no node to read from: give --node")
	}
	if height == 0 {
		// The latest block the node stores can be one the application has not committed yet (CometBFT saves a
		// block before executing it), and a query at its height then fails: read at the application's last
		// committed height instead.
		info, err := clientCtx.Client.ABCIInfo(ctx)
		if err != nil {
			return nil, ctx, Meta{}, fmt.Errorf("read the node's committed height: %w", err)
		}
		if height = info.Response.LastBlockHeight; height <= 0 {
			return nil, ctx, Meta{}, fmt.Errorf("the node has committed no block yet")
		}
	}
	block, err := clientCtx.Client.Block(ctx, &height)
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
