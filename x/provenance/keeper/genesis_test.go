package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	d := f.register(t, f.dataset())
	m := f.register(t, f.model(d))
	_, err := f.msg.TransferOwnership(f.ctx, &types.MsgTransferOwnership{Owner: f.addrs[0], AssetId: m, NewOwner: f.addrs[5]})
	require.NoError(t, err)
	_, err = f.msg.RetireAsset(f.ctx, &types.MsgRetireAsset{Owner: f.addrs[0], AssetId: d})
	require.NoError(t, err)

	exported, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.Len(t, exported.Assets, 2)
	require.Equal(t, uint64(3), exported.NextAssetId)
	require.NoError(t, exported.Validate(f.ac))

	g := newFixture(t)
	g.cidSeq = 100
	require.NoError(t, g.k.InitGenesis(g.ctx, *exported))
	again, err := g.k.ExportGenesis(g.ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)

	// Indexes were rebuilt on import.
	children, err := g.query.Children(g.ctx, &types.QueryChildrenRequest{Id: d})
	require.NoError(t, err)
	require.Equal(t, []uint64{m}, children.ChildIds)
	contrib, err := g.query.AssetsByContributor(g.ctx, &types.QueryAssetsByContributorRequest{Address: f.addrs[1]})
	require.NoError(t, err)
	require.Equal(t, []uint64{d, m}, contrib.AssetIds)
	_, err = g.msg.RegisterAsset(g.ctx, &types.MsgRegisterAsset{
		Owner: g.addrs[0], Kind: types.AssetKind_ASSET_KIND_DATASET, Cid: exported.Assets[0].Cid, Name: "dup", License: "MIT",
		Contributors: types.NewContributorList(types.Contributor{Address: g.addrs[1], Units: 1}),
	})
	require.ErrorIs(t, err, types.ErrDuplicateCID)
	next := g.register(t, g.dataset())
	require.Equal(t, uint64(3), next)
}

// TestGenesisAfterParamsLowered: assets registered under larger bounds stay
// exportable after governance lowers them.
func TestGenesisAfterParamsLowered(t *testing.T) {
	f := newFixture(t)
	d1 := f.register(t, f.dataset())
	d2 := f.register(t, f.dataset())
	f.register(t, f.model(d1, d2))
	p := types.DefaultParams()
	p.MaxParents, p.MaxContributors = 1, 1
	_, err := f.msg.UpdateParams(f.ctx, &types.MsgUpdateParams{Authority: f.gov, Params: p})
	require.NoError(t, err)
	exported, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, exported.Validate(f.ac))
	g := newFixture(t)
	require.NoError(t, g.k.InitGenesis(g.ctx, *exported))
}

func TestGenesisValidate(t *testing.T) {
	f := newFixture(t)
	d := f.register(t, f.dataset())
	strict := f.dataset()
	strict.Policy.MinDerivativeShareBps = 2500
	s := f.register(t, strict)
	m := f.register(t, f.model(d, s))
	valid, err := f.k.ExportGenesis(f.ctx)
	require.NoError(t, err)
	require.NoError(t, valid.Validate(f.ac))
	_ = m

	clone := func() types.GenesisState {
		bz, err := valid.Marshal()
		require.NoError(t, err)
		var gs types.GenesisState
		require.NoError(t, gs.Unmarshal(bz))
		return gs
	}
	tests := []struct {
		name string
		mut  func(gs *types.GenesisState)
		want error
	}{
		{"invalid params", func(gs *types.GenesisState) { gs.Params.MaxContributors = 0 }, types.ErrInvalidGenesis},
		{"next id zero", func(gs *types.GenesisState) { gs.NextAssetId = 0 }, types.ErrInvalidGenesis},
		{"next id not above assets", func(gs *types.GenesisState) { gs.NextAssetId = 3 }, types.ErrInvalidGenesis},
		{"duplicate id", func(gs *types.GenesisState) { gs.Assets[1].Id = gs.Assets[0].Id }, types.ErrInvalidGenesis},
		{"id zero", func(gs *types.GenesisState) { gs.Assets[0].Id = 0 }, types.ErrInvalidGenesis},
		{"duplicate CID", func(gs *types.GenesisState) { gs.Assets[1].Cid = gs.Assets[0].Cid }, types.ErrDuplicateCID},
		{"non-canonical CID", func(gs *types.GenesisState) { gs.Assets[0].Cid = "B" + gs.Assets[0].Cid[1:] }, types.ErrMalformedCID},
		{"missing parent", func(gs *types.GenesisState) {
			gs.Assets = append(gs.Assets[:1], gs.Assets[2:]...)
		}, types.ErrUnknownParent},
		{"cycle", func(gs *types.GenesisState) {
			gs.Assets[0].Parents = []types.ParentEdge{{AssetId: 3, WeightBps: 10000, Relation: types.Relation_RELATION_DERIVED_FROM}}
			gs.Assets[0].Policy.UpstreamShareBps = 5000
		}, types.ErrLineageCycle},
		{"self parent", func(gs *types.GenesisState) {
			gs.Assets[0].Parents = []types.ParentEdge{{AssetId: 1, WeightBps: 10000, Relation: types.Relation_RELATION_DERIVED_FROM}}
			gs.Assets[0].Policy.UpstreamShareBps = 5000
		}, types.ErrLineageCycle},
		{"weights", func(gs *types.GenesisState) { gs.Assets[2].Parents[0].WeightBps-- }, types.ErrInvalidWeights},
		{"min derivative share", func(gs *types.GenesisState) { gs.Assets[2].Policy.UpstreamShareBps = 100 }, types.ErrMinDerivativeShare},
		{"zero units", func(gs *types.GenesisState) { gs.Assets[0].Contributors.GetList().Members[0].Units = 0 }, types.ErrZeroUnits},
		{"bad owner", func(gs *types.GenesisState) { gs.Assets[0].Owner = "x" }, types.ErrInvalidAddress},
		{"bad status", func(gs *types.GenesisState) { gs.Assets[0].Status = types.AssetStatus_ASSET_STATUS_UNSPECIFIED }, types.ErrInvalidStatus},
		{"revoked without reason", func(gs *types.GenesisState) { gs.Assets[0].Status = types.AssetStatus_ASSET_STATUS_REVOKED }, types.ErrInvalidText},
		{"reason without revocation", func(gs *types.GenesisState) { gs.Assets[0].RevokeReason = "x" }, types.ErrInvalidStatus},
		{"bad license", func(gs *types.GenesisState) { gs.Assets[0].License = "GPL" }, types.ErrInvalidLicense},
		{"units above the bound", func(gs *types.GenesisState) {
			gs.Assets[0].Contributors.GetList().Members[0].Units = types.MaxTotalUnits
		}, types.ErrUnitsOutOfRange},
		{"Merkle total 2^64-1", func(gs *types.GenesisState) {
			gs.Assets[0].Contributors = types.NewMerkleContributors(types.MerkleCommitment{
				Root: make([]byte, 32), MemberCount: 1, TotalUnits: 1<<64 - 1, MembersCid: gs.Assets[1].Cid,
			})
		}, types.ErrUnitsOutOfRange},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			gs := clone()
			tc.mut(&gs)
			require.ErrorIs(t, gs.Validate(f.ac), tc.want)
			g := newFixture(t)
			require.ErrorIs(t, g.k.InitGenesis(g.ctx, gs), tc.want)
		})
	}
	require.NoError(t, types.DefaultGenesis().Validate(f.ac))
}
