package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/dispute/types"
	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtestutil "github.com/tributary-ai/tributary/x/royalty/testutil"
)

// pending returns an asset's unsettled utrib.
func (f *fixture) pending(id uint64) int64 {
	f.t.Helper()
	amt, err := f.Keeper.Pending.Get(f.Ctx, collections.Join(id, rtestutil.Denom))
	if err != nil {
		return 0
	}
	return amt.Int64()
}

// TestHeldRevenueMissingLineage: payments to a disputed model and to its descendant while a MISSING_LINEAGE
// dispute is open are held, and settle under the amended lineage once the owner accepts. Every payment is
// 1,000,000 utrib, 990,000 after the 1% protocol fee.
//
//	dataset 1 (dave)   dataset 2 (erin, the missing parent)
//	   \ 10000
//	model 3 (mo, upstream 20%)  <- disputed: add dataset 2 at 5000
//	   | 10000
//	child 4 (carl, upstream 50%)
func TestHeldRevenueMissingLineage(t *testing.T) {
	f := newFixture(t)
	d1 := f.AddAsset(0, nil, f.Member("dave", 1))
	d2 := f.AddAsset(0, nil, f.Member("erin", 1))
	m3 := f.AddAsset(2000, []provtypes.ParentEdge{rtestutil.Parent(d1, 10000)}, f.Member("mo", 1))
	c4 := f.AddAsset(5000, []provtypes.ParentEdge{rtestutil.Parent(m3, 10000)}, f.Member("carl", 1))
	f.Fund("payer", 10_000_000)
	f.Fund("chal", 10*bond)

	// Before the dispute: 198,000 to dave (20%), 792,000 to mo. Earned before opening stays claimable.
	_, err := f.Pay("payer", m3, 1_000_000)
	require.NoError(t, err)
	f.endBlock()
	f.conserved()

	id, err := f.open("chal", m3, types.Remedy_REMEDY_ADD_PARENT, rtestutil.Parent(d2, 5000), provtypes.Contributors{})
	require.NoError(t, err)
	require.Equal(t, int64(198_000), f.claimed("dave"))
	require.Equal(t, int64(792_000), f.claimed("mo"))

	// While open: the model's own payment and its child's upstream credit are held; the child itself settles.
	_, err = f.Pay("payer", m3, 1_000_000)
	require.NoError(t, err)
	_, err = f.Pay("payer", c4, 1_000_000)
	require.NoError(t, err)
	for range 3 {
		f.endBlock()
	}
	f.conserved()
	require.Equal(t, int64(990_000+495_000), f.pending(m3), "held: the model's payment and half the child's")
	require.Equal(t, int64(495_000), f.claimed("carl"), "a held parent does not block its child")
	require.Zero(t, f.claimed("mo"))
	require.Zero(t, f.claimed("dave"))
	require.Zero(t, f.claimed("erin"))

	_, err = f.DMsg.AcceptDispute(f.Ctx, &types.MsgAcceptDispute{Owner: f.Bech32("owner"), DisputeId: id})
	require.NoError(t, err)
	f.conserved()
	f.endBlock()
	f.conserved()
	// 1,485,000 settles under the amended lineage: 297,000 upstream, 148,500 to each parent; 1,188,000 to mo.
	require.Zero(t, f.pending(m3))
	require.Equal(t, int64(1_188_000), f.claimed("mo"))
	require.Equal(t, int64(148_500), f.claimed("dave"))
	require.Equal(t, int64(148_500), f.claimed("erin"))

	// The ancestors walk sees the new edge.
	children, err := f.Prov.Children.Has(f.Ctx, collections.Join(d2, m3))
	require.NoError(t, err)
	require.True(t, children)
	f.conserved()
}

// TestFrontRunningReassign: Mallory registers Alice's dataset first and a model cites it. Alice wins REASSIGN
// (uncontested). What Mallory's contributors earned before the dispute opened is paid out to them when the
// contributors change; what was held and what comes after reaches Alice's contributors.
//
// dataset 1 (registered by "owner" = Mallory, contributor mallory) <- model 2 (bob, upstream 30%).
func TestFrontRunningReassign(t *testing.T) {
	f := newFixture(t)
	d1 := f.AddAsset(0, nil, f.Member("mallory", 1))
	m2 := f.AddAsset(3000, []provtypes.ParentEdge{rtestutil.Parent(d1, 10000)}, f.Member("bob", 1))
	f.Fund("payer", 10_000_000)
	f.Fund("alice", 10*bond)

	_, err := f.Pay("payer", m2, 1_000_000) // 297,000 to the dataset, 693,000 to bob
	require.NoError(t, err)
	f.endBlock()

	id, err := f.open("alice", d1, types.Remedy_REMEDY_REASSIGN, provtypes.ParentEdge{},
		list(f.Member("alice", 1), f.Member("ann", 3)))
	require.NoError(t, err)
	_, err = f.Pay("payer", m2, 1_000_000) // the model settles; the dataset's 297,000 is held
	require.NoError(t, err)
	f.endBlock()
	f.conserved()
	require.Equal(t, int64(297_000), f.pending(d1))

	mallory0 := f.Balance("mallory")
	f.at(f.dispute(id).DeadlineHeight)
	f.endBlock() // uncontested: upheld
	f.conserved()
	require.Equal(t, types.DisputeStatus_DISPUTE_STATUS_UPHELD, f.dispute(id).Status)
	require.Equal(t, int64(297_000), f.Balance("mallory").Sub(mallory0).Int64(), "earned before the dispute: paid out at the change")

	f.endBlock() // the held 297,000 settles under Alice's list: 1/4 and 3/4
	_, err = f.Pay("payer", m2, 1_000_000)
	require.NoError(t, err)
	f.endBlock()
	f.conserved()
	require.Equal(t, int64(74_250+74_250), f.claimed("alice"))
	require.Equal(t, int64(222_750+222_750), f.claimed("ann"))
	require.Zero(t, f.claimed("mallory"), "nothing accrued after the reassignment reaches the former contributors")
	require.Equal(t, int64(3*693_000), f.claimed("bob"))

	a, err := f.Prov.GetAsset(f.Ctx, d1)
	require.NoError(t, err)
	require.Equal(t, f.Bech32("alice"), a.Owner)
	res, err := f.ProvQuery().Asset(f.Ctx, &provtypes.QueryAssetRequest{Id: d1})
	require.NoError(t, err)
	require.Len(t, res.Amendments, 1)
	require.Equal(t, f.Bech32("owner"), res.Amendments[0].PreviousOwner)
	require.Equal(t, list(f.Member("mallory", 1)), *res.Amendments[0].PreviousContributors)
	require.Equal(t, id, res.Amendments[0].DisputeId)
	f.conserved()
}

// TestRevokeForfeitsHeldRevenue: under REVOKE the held revenue's upstream part still reaches the parents, the
// contributors' part goes to the community pool; what they earned before the dispute stays claimable. The CID
// stays taken.
func TestRevokeForfeitsHeldRevenue(t *testing.T) {
	f := newFixture(t)
	d1 := f.AddAsset(0, nil, f.Member("dave", 1))
	reg := f.Registration(2000, []provtypes.ParentEdge{rtestutil.Parent(d1, 10000)}, list(f.Member("mo", 1)))
	m2, err := f.Register(reg)
	require.NoError(t, err)
	f.Fund("payer", 10_000_000)
	f.Fund("chal", 10*bond)
	_, err = f.Pay("payer", m2, 1_000_000)
	require.NoError(t, err)
	f.endBlock()

	id, err := f.open("chal", m2, types.Remedy_REMEDY_REVOKE, provtypes.ParentEdge{}, provtypes.Contributors{})
	require.NoError(t, err)
	_, err = f.Pay("payer", m2, 1_000_000)
	require.NoError(t, err)
	f.endBlock()
	pool0 := f.pool()
	_, err = f.DMsg.AcceptDispute(f.Ctx, &types.MsgAcceptDispute{Owner: f.Bech32("owner"), DisputeId: id})
	require.NoError(t, err)
	f.endBlock()
	f.conserved()
	require.Equal(t, int64(792_000), f.pool().Sub(pool0).Int64(), "the contributors' part of the held revenue")
	require.Equal(t, int64(198_000+198_000), f.claimed("dave"), "the parent gets its share of both payments")
	require.Equal(t, int64(792_000), f.claimed("mo"), "earned before the dispute stays claimable")

	// The CID stays taken: infringing content cannot come back under a new registration.
	reg.Owner = f.Bech32("chal")
	_, err = f.Register(reg)
	require.ErrorIs(t, err, provtypes.ErrDuplicateCID)
	f.conserved()
}
