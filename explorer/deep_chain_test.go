package explorer

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/baseapp"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	provkeeper "github.com/tributary-ai/tributary/x/provenance/keeper"
	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	roytypes "github.com/tributary-ai/tributary/x/royalty/types"
)

// TestDeepChainStaysUsable browses a 10,000-deep fine-tune chain registered on the real x/provenance keeper
// and answered by the real query services: the picture of the tip shows two rings and offers more; "more"
// adds exactly one ring at a time up to the deepest ring the query reaches (63), where it stops offering more;
// the asset at that edge opens its own picture, which offers more again; and the tip's asset page renders.
// Every request reads a bounded neighbourhood, never the chain.
func TestDeepChainStaysUsable(t *testing.T) {
	f := rtu.NewFixture()
	const depth = 10_000
	ids := []uint64{f.AddAsset(0, nil, f.Member("alice", 1))}
	for len(ids) < depth {
		ids = append(ids, f.AddAsset(5_000, []provtypes.ParentEdge{rtu.Parent(ids[len(ids)-1], 10_000)}, f.Member("alice", 1)))
	}
	tip := ids[len(ids)-1]

	helper := baseapp.NewQueryServerTestHelper(f.Ctx, codectypes.NewInterfaceRegistry())
	provtypes.RegisterQueryServer(helper, provkeeper.NewQueryServerImpl(f.Prov))
	roytypes.RegisterQueryServer(helper, f.Query)
	noTxs := func(context.Context, string, int) (*sdk.SearchTxsResult, error) { return &sdk.SearchTxsResult{}, nil }
	s := New(Chain{Provenance: provtypes.NewQueryClient(helper), Royalty: roytypes.NewQueryClient(helper), SearchTxs: noTxs},
		Config{Enable: true, GatewayURL: "http://127.0.0.1:8180"})

	lineage := func(id uint64, depth int) LineageGraph {
		t.Helper()
		rec := get(t, s, fmt.Sprintf("/api/lineage/%d?depth=%d&max=300", id, depth))
		require.Equal(t, 200, rec.Code, rec.Body.String())
		var g LineageGraph
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &g))
		return g
	}
	g := lineage(tip, DefaultLineageDepth)
	require.Len(t, g.Nodes, DefaultLineageDepth+1)
	require.True(t, g.More)
	require.False(t, g.Capped)
	for d := DefaultLineageDepth + 1; d <= MaxLineageDepth; d++ {
		g = lineage(tip, d)
		require.Len(t, g.Nodes, d+1, "ring %d", d)
		require.Len(t, g.Edges, d, "ring %d", d)
		require.Equal(t, d < MaxLineageDepth, g.More, "ring %d", d)
	}
	edge := ids[len(ids)-1-MaxLineageDepth]
	var far uint64
	for _, n := range g.Nodes {
		far = max(far, tip-n.ID)
	}
	require.Equal(t, uint64(MaxLineageDepth), far, "the deepest ring shown is %d hops up", MaxLineageDepth)
	next := lineage(edge, DefaultLineageDepth)
	require.True(t, next.More, "the asset at the edge offers the rest of the chain")

	rec := get(t, s, fmt.Sprintf("/asset/%d", tip))
	require.Equal(t, 200, rec.Code)
	require.Contains(t, rec.Body.String(), fmt.Sprintf("#%d", tip))
}
