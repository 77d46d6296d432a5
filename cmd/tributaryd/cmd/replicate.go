package cmd

import (
	"context"
	"fmt"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/ipfs/cids"
	ipfsnode "github.com/tributary-ai/tributary/ipfs/node"
	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// chainContent is the replicator's view of x/provenance, read through the node's own query
// services (the same answers any client gets), at the latest committed height.
type chainContent struct {
	q provtypes.QueryClient
}

func newChainContent(clientCtx client.Context) chainContent {
	return chainContent{q: provtypes.NewQueryClient(clientCtx)}
}

// LastAssetID is the id of the newest asset: the first of the Assets query in descending order.
func (c chainContent) LastAssetID(ctx context.Context) (uint64, error) {
	res, err := c.q.Assets(ctx, &provtypes.QueryAssetsRequest{Pagination: &query.PageRequest{Limit: 1, Reverse: true}})
	if err != nil {
		return 0, err
	}
	if len(res.Assets) == 0 {
		return 0, nil
	}
	return res.Assets[0].Id, nil
}

// Content lists the CIDs registered under an asset: its content and, for a Merkle commitment,
// the members file every member needs to rebuild their proof.
func (c chainContent) Content(ctx context.Context, id uint64) (ipfsnode.RegisteredContent, error) {
	res, err := c.q.Asset(ctx, &provtypes.QueryAssetRequest{Id: id})
	if err != nil {
		return ipfsnode.RegisteredContent{}, err
	}
	out := ipfsnode.RegisteredContent{AssetID: id}
	strs := []string{res.Asset.Cid}
	if m := res.Asset.Contributors.GetMerkle(); m != nil && m.MembersCid != "" {
		strs = append(strs, m.MembersCid)
	}
	for _, s := range strs {
		parsed, err := cids.ParseCID(s)
		if err != nil {
			// The chain validated it on registration; a failure here is a bug worth seeing.
			return ipfsnode.RegisteredContent{}, fmt.Errorf("asset %d has CID %q: %w", id, s, err)
		}
		out.CIDs = append(out.CIDs, parsed)
	}
	return out, nil
}
