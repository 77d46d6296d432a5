package keeper_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/dispute/types"
	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtestutil "github.com/tributary-ai/tributary/x/royalty/testutil"
)

// TestOpenRefusals: the cheapest abuses of MsgOpenDispute each fail before any write (no bond moves).
func TestOpenRefusals(t *testing.T) {
	cases := []struct {
		name string
		msg  func(f *fixture, d1, d2, m3 uint64) *types.MsgOpenDispute
		want error
	}{
		{"revoked asset", func(f *fixture, d1, _, _ uint64) *types.MsgOpenDispute {
			require.NoError(t, f.Revoke(d1))
			return revokeMsg(f, d1)
		}, types.ErrAssetRevoked},
		{"second dispute of the same kind", func(f *fixture, d1, _, _ uint64) *types.MsgOpenDispute {
			_, err := f.DMsg.OpenDispute(f.Ctx, revokeMsg(f, d1))
			require.NoError(t, err)
			return revokeMsg(f, d1)
		}, types.ErrAlreadyDisputed},
		{"owner disputes its own asset", func(f *fixture, d1, _, _ uint64) *types.MsgOpenDispute {
			m := revokeMsg(f, d1)
			m.Challenger = f.Bech32("owner")
			return m
		}, types.ErrOwnChallenge},
		{"bond below the param", func(f *fixture, d1, _, _ uint64) *types.MsgOpenDispute {
			m := revokeMsg(f, d1)
			m.Bond = sdk.NewInt64Coin(rtestutil.Denom, bond-1)
			return m
		}, types.ErrInvalidBond},
		{"bond in another denom", func(f *fixture, d1, _, _ uint64) *types.MsgOpenDispute {
			m := revokeMsg(f, d1)
			m.Bond = sdk.NewInt64Coin("uatom", bond)
			return m
		}, types.ErrInvalidBond},
		{"bond the challenger cannot pay", func(f *fixture, d1, _, _ uint64) *types.MsgOpenDispute {
			m := revokeMsg(f, d1)
			m.Challenger = f.Bech32("pauper")
			return m
		}, types.ErrInsufficientBond},
		{"unknown asset", func(f *fixture, _, _, _ uint64) *types.MsgOpenDispute {
			return revokeMsg(f, 99)
		}, provtypes.ErrAssetNotFound},
		{"parent younger than the asset", func(f *fixture, d1, d2, _ uint64) *types.MsgOpenDispute {
			return addParentMsg(f, d1, rtestutil.Parent(d2, 10000))
		}, provtypes.ErrLineageCycle},
		{"parent already cited", func(f *fixture, d1, _, m3 uint64) *types.MsgOpenDispute {
			return addParentMsg(f, m3, rtestutil.Parent(d1, 5000))
		}, provtypes.ErrAlreadyParent},
		{"weight that is not 10000 on an asset without parents", func(f *fixture, d1, d2, _ uint64) *types.MsgOpenDispute {
			return addParentMsg(f, d2, rtestutil.Parent(d1, 5000))
		}, provtypes.ErrInvalidAmendment},
		{"revoked parent", func(f *fixture, _, d2, m3 uint64) *types.MsgOpenDispute {
			require.NoError(t, f.Revoke(d2))
			return addParentMsg(f, m3, rtestutil.Parent(d2, 5000))
		}, provtypes.ErrInactiveParent},
		{"reassign to a module account", func(f *fixture, d1, _, _ uint64) *types.MsgOpenDispute {
			m := revokeMsg(f, d1)
			m.Remedy = types.Remedy_REMEDY_REASSIGN
			m.Contributors = list(provtypes.Contributor{Address: f.Authority, Units: 1})
			return m
		}, provtypes.ErrBlockedAddress},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			d1 := f.AddAsset(0, nil, f.Member("dave", 1))
			d2 := f.AddAsset(0, nil, f.Member("erin", 1))
			m3 := f.AddAsset(2000, []provtypes.ParentEdge{rtestutil.Parent(d1, 10000)}, f.Member("mo", 1))
			f.Fund("chal", 10*bond)
			f.Fund("owner", 10*bond)
			msg := tc.msg(f, d1, d2, m3)
			chal0 := f.Balance("chal")
			_, err := f.DMsg.OpenDispute(f.Ctx, msg)
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, chal0, f.Balance("chal"), "no bond moved")
			f.conserved()
		})
	}
}

func revokeMsg(f *fixture, asset uint64) *types.MsgOpenDispute {
	return &types.MsgOpenDispute{
		Challenger: f.Bech32("chal"), AssetId: asset, Kind: types.DisputeKind_DISPUTE_KIND_IMPROPER_REGISTRATION,
		Remedy: types.Remedy_REMEDY_REVOKE, Evidence: "stolen", Bond: sdk.NewInt64Coin(rtestutil.Denom, bond),
	}
}

func addParentMsg(f *fixture, asset uint64, parent provtypes.ParentEdge) *types.MsgOpenDispute {
	m := revokeMsg(f, asset)
	m.Kind, m.Remedy, m.Parent = types.DisputeKind_DISPUTE_KIND_MISSING_LINEAGE, types.Remedy_REMEDY_ADD_PARENT, parent
	return m
}

// TestValidateBasic: stateless refusals, before any fee.
func TestValidateBasic(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name   string
		mutate func(m *types.MsgOpenDispute)
		want   error
	}{
		{"kind and remedy mismatch", func(m *types.MsgOpenDispute) { m.Kind = types.DisputeKind_DISPUTE_KIND_MISSING_LINEAGE }, types.ErrInvalidKind},
		{"no evidence", func(m *types.MsgOpenDispute) { m.Evidence = "" }, types.ErrInvalidEvidence},
		{"evidence too long", func(m *types.MsgOpenDispute) { m.Evidence = strings.Repeat("x", types.MaxEvidenceBytes+1) }, types.ErrInvalidEvidence},
		{"bad evidence CID", func(m *types.MsgOpenDispute) { m.EvidenceCid = "not-a-cid" }, provtypes.ErrMalformedCID},
		{"zero bond", func(m *types.MsgOpenDispute) { m.Bond = sdk.NewInt64Coin(rtestutil.Denom, 0) }, types.ErrInvalidBond},
		{"revoke with a parent", func(m *types.MsgOpenDispute) { m.Parent = rtestutil.Parent(1, 1) }, types.ErrInvalidKind},
		{"self parent", func(m *types.MsgOpenDispute) {
			m.Kind, m.Remedy, m.Parent = types.DisputeKind_DISPUTE_KIND_MISSING_LINEAGE, types.Remedy_REMEDY_ADD_PARENT, rtestutil.Parent(m.AssetId, 10000)
		}, provtypes.ErrLineageCycle},
		{"reassign without contributors", func(m *types.MsgOpenDispute) { m.Remedy = types.Remedy_REMEDY_REASSIGN }, provtypes.ErrInvalidContributors},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := revokeMsg(f, 3)
			require.NoError(t, m.ValidateBasic())
			tc.mutate(m)
			require.ErrorIs(t, m.ValidateBasic(), tc.want)
		})
	}
}

// TestRespondAndResolveRefusals: only the owner responds, only in the window; only gov or the arbiter decides,
// only contested disputes, only in the window.
func TestRespondAndResolveRefusals(t *testing.T) {
	f := newFixture(t)
	d1 := f.AddAsset(0, nil, f.Member("dave", 1))
	f.Fund("chal", 10*bond)
	f.Fund("owner", 10*bond)
	id, err := f.open("chal", d1, types.Remedy_REMEDY_REVOKE, provtypes.ParentEdge{}, provtypes.Contributors{})
	require.NoError(t, err)

	_, err = f.DMsg.AcceptDispute(f.Ctx, &types.MsgAcceptDispute{Owner: f.Bech32("chal"), DisputeId: id})
	require.ErrorIs(t, err, types.ErrNotOwner)
	_, err = f.DMsg.ContestDispute(f.Ctx, &types.MsgContestDispute{Owner: f.Bech32("chal"), DisputeId: id})
	require.ErrorIs(t, err, types.ErrNotOwner)
	_, err = f.DMsg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Authority: f.Authority, DisputeId: id, Uphold: true, Reason: "r"})
	require.ErrorIs(t, err, types.ErrWrongStatus, "an uncontested dispute is not decided by anyone")
	_, err = f.DMsg.AcceptDispute(f.Ctx, &types.MsgAcceptDispute{Owner: f.Bech32("owner"), DisputeId: 42})
	require.ErrorIs(t, err, types.ErrDisputeNotFound)

	deadline := f.dispute(id).DeadlineHeight
	f.at(deadline + 1)
	_, err = f.DMsg.ContestDispute(f.Ctx, &types.MsgContestDispute{Owner: f.Bech32("owner"), DisputeId: id})
	require.ErrorIs(t, err, types.ErrWindowClosed)
	f.at(deadline)
	res, err := f.DMsg.ContestDispute(f.Ctx, &types.MsgContestDispute{Owner: f.Bech32("owner"), DisputeId: id})
	require.NoError(t, err)
	_, err = f.DMsg.ContestDispute(f.Ctx, &types.MsgContestDispute{Owner: f.Bech32("owner"), DisputeId: id})
	require.ErrorIs(t, err, types.ErrWrongStatus)

	_, err = f.DMsg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Authority: f.Bech32("chal"), DisputeId: id, Uphold: true, Reason: "r"})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	// The arbiter, once governance names it, decides too.
	p := types.DefaultParams()
	p.Arbiter = f.Bech32("panel")
	_, err = f.DMsg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Bech32("chal"), Params: p})
	require.ErrorIs(t, err, types.ErrUnauthorized)
	_, err = f.DMsg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: f.Authority, Params: p})
	require.NoError(t, err)
	f.at(res.DeadlineHeight + 1)
	_, err = f.DMsg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Authority: f.Bech32("panel"), DisputeId: id, Uphold: true, Reason: "late"})
	require.ErrorIs(t, err, types.ErrWindowClosed)
	f.at(res.DeadlineHeight)
	_, err = f.DMsg.ResolveDispute(f.Ctx, &types.MsgResolveDispute{Authority: f.Bech32("panel"), DisputeId: id, Uphold: false, Reason: "original work"})
	require.NoError(t, err)
	require.Equal(t, types.DisputeStatus_DISPUTE_STATUS_REJECTED, f.dispute(id).Status)
	f.conserved()
}

// TestDeadlineRemedyFails: a remedy that can no longer apply at the deadline (governance revoked the missing
// parent meanwhile) does not halt the chain: the dispute is dismissed with the bond returned, an event says why,
// and other due disputes still close in the same block.
func TestDeadlineRemedyFails(t *testing.T) {
	f := newFixture(t)
	d1 := f.AddAsset(0, nil, f.Member("dave", 1))
	d2 := f.AddAsset(0, nil, f.Member("erin", 1))
	m3 := f.AddAsset(2000, []provtypes.ParentEdge{rtestutil.Parent(d1, 10000)}, f.Member("mo", 1))
	f.Fund("chal", 10*bond)
	bad, err := f.open("chal", m3, types.Remedy_REMEDY_ADD_PARENT, rtestutil.Parent(d2, 5000), provtypes.Contributors{})
	require.NoError(t, err)
	good, err := f.open("chal", d2, types.Remedy_REMEDY_REVOKE, provtypes.ParentEdge{}, provtypes.Contributors{})
	require.NoError(t, err)
	require.NoError(t, f.Revoke(d2)) // governance, meanwhile

	chal0 := f.Balance("chal")
	f.at(f.dispute(bad).DeadlineHeight)
	f.Ctx = f.Ctx.WithEventManager(sdk.NewEventManager())
	f.endBlock()
	require.Equal(t, types.DisputeStatus_DISPUTE_STATUS_DISMISSED, f.dispute(bad).Status)
	require.Contains(t, f.dispute(bad).Decision, "could not be applied")
	require.Equal(t, types.DisputeStatus_DISPUTE_STATUS_DISMISSED, f.dispute(good).Status, "its asset was revoked by governance meanwhile")
	require.Equal(t, 2*bond, f.Balance("chal").Sub(chal0).Int64(), "both bonds back")
	failed := 0
	for _, ev := range f.Ctx.EventManager().Events() {
		if ev.Type == "tributary.dispute.v1.EventDisputeDeadlineFailed" {
			failed++
		}
	}
	require.Equal(t, 2, failed)
	a, err := f.Prov.GetAsset(f.Ctx, m3)
	require.NoError(t, err)
	require.Len(t, a.Parents, 1, "nothing of the failed remedy was written")
	f.conserved()
}
