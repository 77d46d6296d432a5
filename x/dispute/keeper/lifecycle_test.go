package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/tributary-ai/tributary/x/dispute/types"
	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtestutil "github.com/tributary-ai/tributary/x/royalty/testutil"
)

// TestOutcomes runs every path (accepted, uncontested-upheld, contested-upheld, contested-rejected, dismissed)
// with each remedy, checking bonds to the micro-unit, the asset afterwards, and conservation after every step.
//
// Lineage: dataset 1 (dave), dataset 2 (erin), model 3 trained on 1 (weight 10000, upstream 20%, contributor mo).
// Bonds: 100,000,000 each; winner_share_bps 5000, so a loser's bond splits 50,000,000 / 50,000,000.
func TestOutcomes(t *testing.T) {
	const half int64 = bond / 2
	type path int
	const (
		accepted path = iota
		uncontested
		contestedUpheld
		contestedRejected
		dismissed
	)
	cases := []struct {
		name   string
		remedy types.Remedy
		path   path
		status types.DisputeStatus
		// net changes over the dispute's life
		challenger, owner, pool int64
		applied                 bool
	}{
		{"accepted add-parent", types.Remedy_REMEDY_ADD_PARENT, accepted, types.DisputeStatus_DISPUTE_STATUS_ACCEPTED, 0, 0, 0, true},
		{"accepted reassign", types.Remedy_REMEDY_REASSIGN, accepted, types.DisputeStatus_DISPUTE_STATUS_ACCEPTED, 0, 0, 0, true},
		{"accepted revoke", types.Remedy_REMEDY_REVOKE, accepted, types.DisputeStatus_DISPUTE_STATUS_ACCEPTED, 0, 0, 0, true},
		{"uncontested add-parent", types.Remedy_REMEDY_ADD_PARENT, uncontested, types.DisputeStatus_DISPUTE_STATUS_UPHELD, 0, 0, 0, true},
		{"uncontested reassign", types.Remedy_REMEDY_REASSIGN, uncontested, types.DisputeStatus_DISPUTE_STATUS_UPHELD, 0, 0, 0, true},
		{"uncontested revoke", types.Remedy_REMEDY_REVOKE, uncontested, types.DisputeStatus_DISPUTE_STATUS_UPHELD, 0, 0, 0, true},
		{"contested upheld add-parent", types.Remedy_REMEDY_ADD_PARENT, contestedUpheld, types.DisputeStatus_DISPUTE_STATUS_UPHELD, half, -bond, half, true},
		{"contested upheld reassign", types.Remedy_REMEDY_REASSIGN, contestedUpheld, types.DisputeStatus_DISPUTE_STATUS_UPHELD, half, -bond, half, true},
		{"contested upheld revoke", types.Remedy_REMEDY_REVOKE, contestedUpheld, types.DisputeStatus_DISPUTE_STATUS_UPHELD, half, -bond, half, true},
		{"contested rejected add-parent", types.Remedy_REMEDY_ADD_PARENT, contestedRejected, types.DisputeStatus_DISPUTE_STATUS_REJECTED, -bond, half, half, false},
		{"contested rejected reassign", types.Remedy_REMEDY_REASSIGN, contestedRejected, types.DisputeStatus_DISPUTE_STATUS_REJECTED, -bond, half, half, false},
		{"contested rejected revoke", types.Remedy_REMEDY_REVOKE, contestedRejected, types.DisputeStatus_DISPUTE_STATUS_REJECTED, -bond, half, half, false},
		{"dismissed add-parent", types.Remedy_REMEDY_ADD_PARENT, dismissed, types.DisputeStatus_DISPUTE_STATUS_DISMISSED, 0, 0, 0, false},
		{"dismissed reassign", types.Remedy_REMEDY_REASSIGN, dismissed, types.DisputeStatus_DISPUTE_STATUS_DISMISSED, 0, 0, 0, false},
		{"dismissed revoke", types.Remedy_REMEDY_REVOKE, dismissed, types.DisputeStatus_DISPUTE_STATUS_DISMISSED, 0, 0, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			d1 := f.AddAsset(0, nil, f.Member("dave", 1))
			d2 := f.AddAsset(0, nil, f.Member("erin", 1))
			m3 := f.AddAsset(2000, []provtypes.ParentEdge{rtestutil.Parent(d1, 10000)}, f.Member("mo", 1))
			f.Fund("chal", 10*bond)
			f.Fund("owner", 10*bond)
			var parent provtypes.ParentEdge
			var contributors provtypes.Contributors
			switch tc.remedy {
			case types.Remedy_REMEDY_ADD_PARENT:
				parent = rtestutil.Parent(d2, 5000)
			case types.Remedy_REMEDY_REASSIGN:
				contributors = list(f.Member("alice", 3))
			}
			chal0, owner0, pool0 := f.Balance("chal"), f.Balance("owner"), f.pool()
			id, err := f.open("chal", m3, tc.remedy, parent, contributors)
			require.NoError(t, err)
			require.Equal(t, bond, chal0.Sub(f.Balance("chal")).Int64(), "bond posted")
			held, err := f.K.IsHeld(f.Ctx, m3)
			require.NoError(t, err)
			require.True(t, held)
			f.conserved()

			deadline := f.dispute(id).DeadlineHeight
			require.Equal(t, int64(10+types.DefaultResponseWindow), deadline)
			switch tc.path {
			case accepted:
				_, err = f.DMsg.AcceptDispute(f.Ctx, &types.MsgAcceptDispute{Owner: f.Bech32("owner"), DisputeId: id})
				require.NoError(t, err)
			case uncontested:
				f.at(deadline - 1)
				f.endBlock()
				require.Equal(t, types.DisputeStatus_DISPUTE_STATUS_OPEN, f.dispute(id).Status, "not before the deadline")
				f.at(deadline)
				f.endBlock()
			default:
				f.at(deadline) // the last height of the response window still takes a contest
				res, err := f.DMsg.ContestDispute(f.Ctx, &types.MsgContestDispute{Owner: f.Bech32("owner"), DisputeId: id})
				require.NoError(t, err)
				f.conserved()
				require.Equal(t, bond, owner0.Sub(f.Balance("owner")).Int64(), "defender's bond")
				switch tc.path {
				case contestedUpheld, contestedRejected:
					f.at(res.DeadlineHeight)
					_, err = f.DMsg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{
						Authority: f.Authority, DisputeId: id, Uphold: tc.path == contestedUpheld, Reason: "the panel's finding",
					})
					require.NoError(t, err)
				case dismissed:
					f.at(res.DeadlineHeight - 1)
					f.endBlock()
					require.Equal(t, types.DisputeStatus_DISPUTE_STATUS_CONTESTED, f.dispute(id).Status, "decidable through the deadline")
					// Transactions of the deadline block still decide; its EndBlock dismisses.
					f.at(res.DeadlineHeight)
					f.endBlock()
				}
			}
			f.conserved()
			d := f.dispute(id)
			require.Equal(t, tc.status, d.Status)
			require.Zero(t, d.DeadlineHeight)
			require.Equal(t, tc.challenger, f.Balance("chal").Sub(chal0).Int64(), "challenger")
			require.Equal(t, tc.owner, f.Balance("owner").Sub(owner0).Int64(), "owner")
			require.Equal(t, tc.pool, f.pool().Sub(pool0).Int64(), "community pool")
			held, err = f.K.IsHeld(f.Ctx, m3)
			require.NoError(t, err)
			require.False(t, held, "the hold ends with the dispute")

			a, err := f.Prov.GetAsset(f.Ctx, m3)
			require.NoError(t, err)
			switch {
			case !tc.applied:
				require.Equal(t, f.Bech32("owner"), a.Owner)
				require.Equal(t, provtypes.AssetStatus_ASSET_STATUS_ACTIVE, a.Status)
				require.Len(t, a.Parents, 1)
			case tc.remedy == types.Remedy_REMEDY_ADD_PARENT:
				require.Equal(t, []provtypes.ParentEdge{rtestutil.Parent(d1, 5000), rtestutil.Parent(d2, 5000)}, a.Parents)
			case tc.remedy == types.Remedy_REMEDY_REASSIGN:
				require.Equal(t, f.Bech32("chal"), a.Owner)
				require.Equal(t, list(f.Member("alice", 3)), a.Contributors)
			case tc.remedy == types.Remedy_REMEDY_REVOKE:
				require.Equal(t, provtypes.AssetStatus_ASSET_STATUS_REVOKED, a.Status)
				require.Contains(t, a.RevokeReason, "dispute 1:")
			}
			res, err := f.ProvQuery().Asset(f.Ctx, &provtypes.QueryAssetRequest{Id: m3})
			require.NoError(t, err)
			require.Empty(t, res.OpenDisputeIds)
			require.Equal(t, tc.applied, len(res.Amendments) == 1, "amendment recorded only when applied")
		})
	}
}

// TestGenesisRoundTrip: after an upheld REASSIGN, an open dispute and a contested one, exporting x/provenance,
// x/royalty and x/dispute and importing them into a fresh fixture gives back the same state, with the
// under-dispute markers, amendments and eras rebuilt, and the hold still in force.
func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)
	d1 := f.AddAsset(0, nil, f.Member("mallory", 1))
	d2 := f.AddAsset(0, nil, f.Member("erin", 1))
	f.Fund("chal", 10*bond)
	f.Fund("owner", 10*bond)
	f.Fund("payer", 10_000_000)
	done, err := f.open("chal", d1, types.Remedy_REMEDY_REASSIGN, provtypes.ParentEdge{}, list(f.Member("alice", 1)))
	require.NoError(t, err)
	_, err = f.DMsg.AcceptDispute(f.Ctx, &types.MsgAcceptDispute{Owner: f.Bech32("owner"), DisputeId: done})
	require.NoError(t, err)
	open, err := f.open("chal", d2, types.Remedy_REMEDY_REVOKE, provtypes.ParentEdge{}, provtypes.Contributors{})
	require.NoError(t, err)
	_, err = f.Pay("payer", d2, 1_000_000)
	require.NoError(t, err)
	f.endBlock()

	provGen, err := f.Prov.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	royGen, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	disGen, err := f.K.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Len(t, provGen.Amendments, 1)
	require.Len(t, royGen.AssetEras, 1)

	g := newFixtureEmpty(t)
	// Balances first, as x/bank's genesis comes before these modules'.
	for _, name := range []string{"royalty", "dispute"} {
		addr := authtypes.NewModuleAddress(name)
		g.Bank.Mint(addr, f.Bank.GetAllBalances(f.Ctx, addr))
	}
	require.NoError(t, g.Prov.InitGenesis(g.Ctx, *provGen))
	require.NoError(t, g.Keeper.InitGenesis(g.Ctx, *royGen))
	require.NoError(t, g.K.InitGenesis(g.Ctx, *disGen))
	g.conserved()
	held, err := g.K.IsHeld(g.Ctx, d2)
	require.NoError(t, err)
	require.True(t, held)
	res, err := g.ProvQuery().Asset(g.Ctx, &provtypes.QueryAssetRequest{Id: d2})
	require.NoError(t, err)
	require.Equal(t, []uint64{open}, res.OpenDisputeIds)
	again, err := g.K.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, disGen, again)
	provAgain, err := g.Prov.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, provGen.Amendments, provAgain.Amendments)
}
