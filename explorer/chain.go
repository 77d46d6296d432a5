package explorer

import (
	"context"

	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	roytypes "github.com/tributary-ai/tributary/x/royalty/types"
)

// Chain is what the explorer reads: the two modules' query services and CometBFT's tx index. The node
// answers all three for itself; tests answer them from fixtures.
type Chain struct {
	Provenance provtypes.QueryClient
	Royalty    roytypes.QueryClient
	// SearchTxs runs a CometBFT tx search (newest first) and returns at most limit results and the total
	// count of matches.
	SearchTxs func(ctx context.Context, query string, limit int) (*sdk.SearchTxsResult, error)
}

// NodeChain reads the chain through the API server's client context: queries go to the node's own gRPC
// server (or ABCI when gRPC is off) and tx searches to its CometBFT RPC client.
func NodeChain(clientCtx client.Context) Chain {
	return Chain{
		Provenance: provtypes.NewQueryClient(clientCtx),
		Royalty:    roytypes.NewQueryClient(clientCtx),
		SearchTxs: func(ctx context.Context, query string, limit int) (*sdk.SearchTxsResult, error) {
			return authtx.QueryTxsByEvents(clientCtx.WithCmdContext(ctx), 1, limit, query, "desc")
		},
	}
}
