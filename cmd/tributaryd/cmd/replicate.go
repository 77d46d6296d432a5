package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/ipfs/cids"
	ipfsnode "github.com/tributary-ai/tributary/ipfs/node"
	provkeeper "github.com/tributary-ai/tributary/x/provenance/keeper"
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
		return 0, notReady(err)
	}
	if len(res.Assets) == 0 {
		return 0, nil
	}
	return res.Assets[0].Id, nil
}

// Content lists the CIDs registered under an asset, each with the size that bounds what a
// replicating node fetches for it: the content with its registered size_bytes and, for a Merkle
// commitment, the members file every member needs to rebuild their proof, bounded from its
// member_count (membersFileBound). A revoked asset is marked so, and is not fetched.
func (c chainContent) Content(ctx context.Context, id uint64) (ipfsnode.RegisteredContent, error) {
	res, err := c.q.Asset(ctx, &provtypes.QueryAssetRequest{Id: id})
	if err != nil {
		return ipfsnode.RegisteredContent{}, err
	}
	a := res.Asset
	out := ipfsnode.RegisteredContent{AssetID: id, Revoked: a.Status == provtypes.AssetStatus_ASSET_STATUS_REVOKED}
	type item struct {
		cid  string
		size uint64
	}
	items := []item{{a.Cid, a.SizeBytes}}
	if m := a.Contributors.GetMerkle(); m != nil && m.MembersCid != "" {
		items = append(items, item{m.MembersCid, membersFileBound(m.MemberCount)})
	}
	for _, it := range items {
		parsed, err := cids.ParseCID(it.cid)
		if err != nil {
			// The chain validated it on registration; a failure here is a bug worth seeing.
			return ipfsnode.RegisteredContent{}, fmt.Errorf("asset %d has CID %q: %w", id, it.cid, err)
		}
		out.Items = append(out.Items, ipfsnode.RegisteredCID{CID: parsed, Size: it.size})
	}
	return out, nil
}

// Revocations reads one page of x/provenance's revocation index from the cursor on: the query
// starts at from_height, and the page key (height, asset id) resumes inside a height, so that
// revocations sharing a block are neither read twice nor skipped. A page holds at most the
// query's cap.
func (c chainContent) Revocations(ctx context.Context, from ipfsnode.RevocationCursor, limit int) ([]ipfsnode.Revocation, error) {
	limit = max(1, min(limit, provkeeper.MaxRevocationsLimit))
	res, err := c.q.Revocations(ctx, &provtypes.QueryRevocationsRequest{
		FromHeight: from.Height,
		Pagination: &query.PageRequest{Key: provtypes.RevocationPageKey(from.Height, from.AssetID), Limit: uint64(limit)},
	})
	if err != nil {
		return nil, notReady(err)
	}
	out := make([]ipfsnode.Revocation, len(res.Revocations))
	for i, r := range res.Revocations {
		out[i] = ipfsnode.Revocation{AssetID: r.AssetId, Height: r.Height}
	}
	return out, nil
}

// notReady turns baseapp's answer to a query before the first block (sdk ErrInvalidHeight,
// "... is not ready; please wait for first block", which reaches this client as gRPC text) into
// ipfsnode.ErrChainNotReady, so that every node start does not log an ERR line.
func notReady(err error) error {
	if strings.Contains(err.Error(), "please wait for first block") {
		return fmt.Errorf("%w: %w", ipfsnode.ErrChainNotReady, err)
	}
	return err
}

// Bound of a members file's size from its member count: the header line, then one
// "ADDRESS,UNITS" line per member (a bech32 address of up to 90 characters, a comma, at most 20
// digits and a line end fit in 128 bytes). Saturates instead of overflowing.
const (
	membersHeaderBytes  = 64
	membersBytesPerLine = 128
)

func membersFileBound(memberCount uint64) uint64 {
	if memberCount > (^uint64(0)-membersHeaderBytes)/membersBytesPerLine {
		return ^uint64(0)
	}
	return membersHeaderBytes + memberCount*membersBytesPerLine
}
