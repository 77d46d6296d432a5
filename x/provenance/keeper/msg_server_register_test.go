package keeper_test

import (
	"math"
	"strings"
	"testing"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

func TestRegisterAsset(t *testing.T) {
	f := newFixture(t)
	ds := f.dataset()
	id := f.register(t, ds)
	require.Equal(t, uint64(1), id)

	a, err := f.k.GetAsset(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, ds.Cid, a.Cid)
	require.Equal(t, types.AssetStatus_ASSET_STATUS_ACTIVE, a.Status)
	require.Equal(t, int64(7), a.CreatedHeight)
	require.Equal(t, f.ctx.BlockTime(), a.CreatedTime)
	require.Equal(t, uint64(4), a.TotalUnits())
	require.Equal(t, "100000utrib", f.distr.pool.String(), "the fee goes to the community pool")
	active, err := f.k.IsActive(f.ctx, id)
	require.NoError(t, err)
	require.True(t, active)

	m := f.model(id)
	m.Owner = f.addrs[3]
	mid := f.register(t, m)
	require.Equal(t, uint64(2), mid)

	var registered int
	for _, ev := range f.ctx.EventManager().Events() {
		if ev.Type == "tributary.provenance.v1.EventAssetRegistered" {
			registered++
		}
	}
	require.Equal(t, 2, registered)

	_, err = f.k.GetAsset(f.ctx, 99)
	require.ErrorIs(t, err, types.ErrAssetNotFound)
	_, err = f.k.IsActive(f.ctx, 99)
	require.ErrorIs(t, err, types.ErrAssetNotFound)
}

func TestRegisterAssetAcceptsOtherMultibaseAndStoresCanonical(t *testing.T) {
	f := newFixture(t)
	ds := f.dataset()
	c, err := cid.Decode(ds.Cid)
	require.NoError(t, err)
	b58, err := c.StringOfBase('z')
	require.NoError(t, err)
	canonical := ds.Cid
	ds.Cid = b58
	id := f.register(t, ds)
	a, err := f.k.GetAsset(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, canonical, a.Cid)

	again := f.dataset()
	again.Cid = canonical
	_, err = f.msg.RegisterAsset(f.ctx, again)
	require.ErrorIs(t, err, types.ErrDuplicateCID)
	require.Contains(t, err.Error(), "asset 1")
}

// TestRegisterAssetRejects covers every bad input of the issue: each gets its
// registered error and leaves state (store, balances, pool) unchanged.
func TestRegisterAssetRejects(t *testing.T) {
	f := newFixture(t)
	ds := f.register(t, f.dataset())
	retired := f.register(t, f.dataset())
	_, err := f.msg.RetireAsset(f.ctx, &types.MsgRetireAsset{Owner: f.addrs[0], AssetId: retired})
	require.NoError(t, err)
	registeredCID := f.dataset().Cid
	f.register(t, &types.MsgRegisterAsset{
		Owner: f.addrs[0], Kind: types.AssetKind_ASSET_KIND_DATASET, Cid: registeredCID, Name: "x", License: "MIT",
		Contributors: types.NewContributorList(types.Contributor{Address: f.addrs[1], Units: 1}),
	})
	strict := f.dataset()
	strict.Policy.MinDerivativeShareBps = 4000
	strictID := f.register(t, strict)

	poorAddr := sdk.AccAddress("poor_account_0000000")
	poor, err := f.ac.BytesToString(poorAddr)
	require.NoError(t, err)

	members := func(n int) []types.Contributor {
		out := make([]types.Contributor, n)
		for i := range out {
			s, err := f.ac.BytesToString(sdk.AccAddress(strings.Repeat("m", 12) + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676)) + "xxxxx"))
			require.NoError(t, err)
			out[i] = types.Contributor{Address: s, Units: 1}
		}
		return out
	}
	merkle := func(mut func(*types.MerkleCommitment)) types.Contributors {
		c := types.MerkleCommitment{Root: make([]byte, 32), MemberCount: 10, TotalUnits: 100, MembersCid: f.nextCID()}
		mut(&c)
		return types.NewMerkleContributors(c)
	}
	parents := func(edges ...types.ParentEdge) []types.ParentEdge { return edges }
	edge := func(id uint64, w uint32) types.ParentEdge {
		return types.ParentEdge{AssetId: id, WeightBps: w, Relation: types.Relation_RELATION_TRAINED_ON}
	}

	tests := []struct {
		name string
		mut  func(m *types.MsgRegisterAsset)
		want error
	}{
		{"malformed CID", func(m *types.MsgRegisterAsset) { m.Cid = "not-a-cid" }, types.ErrMalformedCID},
		{"empty CID", func(m *types.MsgRegisterAsset) { m.Cid = "" }, types.ErrMalformedCID},
		{"CIDv0", func(m *types.MsgRegisterAsset) { m.Cid = cidV0 }, types.ErrCIDv0},
		{"unsupported hash", func(m *types.MsgRegisterAsset) { m.Cid = cidWith(cid.Raw, mh.SHA2_512) }, types.ErrUnsupportedHash},
		{"unsupported codec", func(m *types.MsgRegisterAsset) { m.Cid = cidWith(cid.DagCBOR, mh.SHA2_256) }, types.ErrUnsupportedCodec},
		{"malformed metadata CID", func(m *types.MsgRegisterAsset) { m.MetadataCid = "bafy!" }, types.ErrMalformedCID},
		{"duplicate CID", func(m *types.MsgRegisterAsset) { m.Cid = registeredCID }, types.ErrDuplicateCID},
		{"unknown parent", func(m *types.MsgRegisterAsset) {
			m.Parents = parents(edge(999, 10000))
			m.Policy.UpstreamShareBps = 5000
		}, types.ErrUnknownParent},
		{"parent id 0", func(m *types.MsgRegisterAsset) { m.Parents = parents(edge(0, 10000)); m.Policy.UpstreamShareBps = 5000 }, types.ErrUnknownParent},
		{"inactive parent", func(m *types.MsgRegisterAsset) {
			m.Parents = parents(edge(retired, 10000))
			m.Policy.UpstreamShareBps = 5000
		}, types.ErrInactiveParent},
		{"weights below 10000", func(m *types.MsgRegisterAsset) { m.Parents = parents(edge(ds, 9999)); m.Policy.UpstreamShareBps = 5000 }, types.ErrInvalidWeights},
		{"weights above 10000", func(m *types.MsgRegisterAsset) {
			m.Parents = parents(edge(ds, 6000), edge(strictID, 6000))
			m.Policy.UpstreamShareBps = 9000
		}, types.ErrInvalidWeights},
		{"zero weight", func(m *types.MsgRegisterAsset) {
			m.Parents = parents(edge(ds, 10000), edge(strictID, 0))
			m.Policy.UpstreamShareBps = 9000
		}, types.ErrInvalidWeights},
		{"duplicate parent", func(m *types.MsgRegisterAsset) {
			m.Parents = parents(edge(ds, 5000), edge(ds, 5000))
			m.Policy.UpstreamShareBps = 5000
		}, types.ErrDuplicateParent},
		{"too many parents", func(m *types.MsgRegisterAsset) {
			m.Parents = nil
			for i := range types.DefaultMaxParents + 1 {
				m.Parents = append(m.Parents, edge(uint64(100+i), 1))
			}
			m.Policy.UpstreamShareBps = 5000
		}, types.ErrTooManyParents},
		{"unspecified relation", func(m *types.MsgRegisterAsset) {
			m.Parents = parents(types.ParentEdge{AssetId: ds, WeightBps: 10000})
			m.Policy.UpstreamShareBps = 5000
		}, types.ErrInvalidRelation},
		{"too many contributors", func(m *types.MsgRegisterAsset) {
			m.Contributors = types.NewContributorList(members(types.DefaultMaxContributors + 1)...)
		}, types.ErrTooManyContributors},
		{"no contributors", func(m *types.MsgRegisterAsset) { m.Contributors = types.Contributors{} }, types.ErrInvalidContributors},
		{"empty contributor list", func(m *types.MsgRegisterAsset) { m.Contributors = types.NewContributorList() }, types.ErrInvalidContributors},
		{"upstream share above 10000", func(m *types.MsgRegisterAsset) {
			m.Parents = parents(edge(ds, 10000))
			m.Policy.UpstreamShareBps = 10001
		}, types.ErrInvalidShare},
		{"min derivative share above 10000", func(m *types.MsgRegisterAsset) { m.Policy.MinDerivativeShareBps = 10001 }, types.ErrInvalidShare},
		{"upstream share without parents", func(m *types.MsgRegisterAsset) { m.Policy.UpstreamShareBps = 1 }, types.ErrInvalidShare},
		{"zero units", func(m *types.MsgRegisterAsset) {
			m.Contributors = types.NewContributorList(types.Contributor{Address: f.addrs[1], Units: 0})
		}, types.ErrZeroUnits},
		{"duplicate contributor", func(m *types.MsgRegisterAsset) {
			m.Contributors = types.NewContributorList(types.Contributor{Address: f.addrs[1], Units: 1}, types.Contributor{Address: f.addrs[1], Units: 2})
		}, types.ErrDuplicateContributor},
		{"duplicate contributor in another case", func(m *types.MsgRegisterAsset) {
			m.Contributors = types.NewContributorList(types.Contributor{Address: f.addrs[1], Units: 1}, types.Contributor{Address: strings.ToUpper(f.addrs[1]), Units: 2})
		}, types.ErrDuplicateContributor},
		{"units overflow", func(m *types.MsgRegisterAsset) {
			m.Contributors = types.NewContributorList(types.Contributor{Address: f.addrs[1], Units: 1 << 63}, types.Contributor{Address: f.addrs[2], Units: 1 << 63})
		}, types.ErrUnitsOutOfRange},
		{"list total above the bound", func(m *types.MsgRegisterAsset) {
			m.Contributors = types.NewContributorList(types.Contributor{Address: f.addrs[1], Units: types.MaxTotalUnits}, types.Contributor{Address: f.addrs[2], Units: 1})
		}, types.ErrUnitsOutOfRange},
		{"Merkle total of 2^64-1 (the drain)", func(m *types.MsgRegisterAsset) {
			m.Contributors = merkle(func(c *types.MerkleCommitment) { c.TotalUnits = math.MaxUint64 })
		}, types.ErrUnitsOutOfRange},
		{"Merkle member count above the bound", func(m *types.MsgRegisterAsset) {
			m.Contributors = merkle(func(c *types.MerkleCommitment) {
				c.MemberCount, c.TotalUnits = types.MaxMemberCount+1, types.MaxTotalUnits
			})
		}, types.ErrUnitsOutOfRange},
		{"blocked owner (a module account)", func(m *types.MsgRegisterAsset) { m.Owner = f.blockedAddr }, types.ErrBlockedAddress},
		{"blocked contributor (a module account)", func(m *types.MsgRegisterAsset) {
			m.Contributors = types.NewContributorList(types.Contributor{Address: f.addrs[1], Units: 1}, types.Contributor{Address: f.blockedAddr, Units: 1})
		}, types.ErrBlockedAddress},
		{"the gov authority as contributor", func(m *types.MsgRegisterAsset) {
			m.Contributors = types.NewContributorList(types.Contributor{Address: f.gov, Units: 1})
		}, types.ErrBlockedAddress},
		{"invalid owner", func(m *types.MsgRegisterAsset) { m.Owner = "trib1notanaddress" }, types.ErrInvalidAddress},
		{"owner with another prefix", func(m *types.MsgRegisterAsset) { m.Owner = "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu" }, types.ErrInvalidAddress},
		{"invalid contributor address", func(m *types.MsgRegisterAsset) {
			m.Contributors = types.NewContributorList(types.Contributor{Address: "bob", Units: 1})
		}, types.ErrInvalidAddress},
		{"empty name", func(m *types.MsgRegisterAsset) { m.Name = "" }, types.ErrInvalidText},
		{"long name", func(m *types.MsgRegisterAsset) { m.Name = strings.Repeat("n", types.MaxNameLength+1) }, types.ErrInvalidText},
		{"name with newline", func(m *types.MsgRegisterAsset) { m.Name = "a\nb" }, types.ErrInvalidText},
		{"name not UTF-8", func(m *types.MsgRegisterAsset) { m.Name = "\xff" }, types.ErrInvalidText},
		{"long description", func(m *types.MsgRegisterAsset) { m.Description = strings.Repeat("d", types.MaxDescriptionLength+1) }, types.ErrInvalidText},
		{"empty license", func(m *types.MsgRegisterAsset) { m.License = "" }, types.ErrInvalidLicense},
		{"license not SPDX", func(m *types.MsgRegisterAsset) { m.License = "Apache 2" }, types.ErrInvalidLicense},
		{"license unknown id", func(m *types.MsgRegisterAsset) { m.License = "MIT-ish" }, types.ErrInvalidLicense},
		{"license wrong case", func(m *types.MsgRegisterAsset) { m.License = "apache-2.0" }, types.ErrInvalidLicense},
		{"license dangling operator", func(m *types.MsgRegisterAsset) { m.License = "MIT OR" }, types.ErrInvalidLicense},
		{"long license", func(m *types.MsgRegisterAsset) {
			m.License = "LicenseRef-" + strings.Repeat("x", types.MaxLicenseLength)
		}, types.ErrInvalidLicense},
		{"min derivative share violated", func(m *types.MsgRegisterAsset) {
			m.Parents = parents(edge(strictID, 10000))
			m.Policy.UpstreamShareBps = 3999
		}, types.ErrMinDerivativeShare},
		{"min derivative share violated by weight", func(m *types.MsgRegisterAsset) {
			m.Parents = parents(edge(ds, 5000), edge(strictID, 5000))
			m.Policy.UpstreamShareBps = 7999
		}, types.ErrMinDerivativeShare},
		{"unspecified kind", func(m *types.MsgRegisterAsset) { m.Kind = types.AssetKind_ASSET_KIND_UNSPECIFIED }, types.ErrInvalidKind},
		{"Merkle with zero members", func(m *types.MsgRegisterAsset) {
			m.Contributors = merkle(func(c *types.MerkleCommitment) { c.MemberCount = 0 })
		}, types.ErrInvalidMerkle},
		{"Merkle with zero units", func(m *types.MsgRegisterAsset) {
			m.Contributors = merkle(func(c *types.MerkleCommitment) { c.TotalUnits = 0 })
		}, types.ErrInvalidMerkle},
		{"Merkle with fewer units than members", func(m *types.MsgRegisterAsset) {
			m.Contributors = merkle(func(c *types.MerkleCommitment) { c.TotalUnits = 9 })
		}, types.ErrInvalidMerkle},
		{"Merkle with a short root", func(m *types.MsgRegisterAsset) {
			m.Contributors = merkle(func(c *types.MerkleCommitment) { c.Root = c.Root[:31] })
		}, types.ErrInvalidMerkle},
		{"Merkle with a CIDv0 members file", func(m *types.MsgRegisterAsset) {
			m.Contributors = merkle(func(c *types.MerkleCommitment) { c.MembersCid = cidV0 })
		}, types.ErrCIDv0},
		{"fee not affordable", func(m *types.MsgRegisterAsset) { m.Owner = poor }, types.ErrRegistrationFee},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			msg := f.dataset()
			tc.mut(msg)
			before := f.snapshot(t)
			_, err := f.msg.RegisterAsset(f.ctx, msg)
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, before, f.snapshot(t), "state changed on failure")
		})
	}
}

func TestRegisterAssetMinDerivativeShareMessage(t *testing.T) {
	f := newFixture(t)
	strict := f.dataset()
	strict.Policy.MinDerivativeShareBps = 4000
	id := f.register(t, strict)
	m := f.model(id)
	m.Policy.UpstreamShareBps = 3000
	_, err := f.msg.RegisterAsset(f.ctx, m)
	require.ErrorIs(t, err, types.ErrMinDerivativeShare)
	require.Contains(t, err.Error(), "short by 1000.00 bps")
	require.Contains(t, err.Error(), "at least 4000")

	// Exactly at the minimum is accepted: 8000 x 5000 / 10000 = 4000.
	other := f.register(t, f.dataset())
	ok := f.model(id, other)
	ok.Policy.UpstreamShareBps = 8000
	f.register(t, ok)
}

func TestRegisterAssetZeroUpstreamWithLenientParents(t *testing.T) {
	f := newFixture(t)
	ds := f.dataset()
	ds.Policy.MinDerivativeShareBps = 0
	id := f.register(t, ds)
	m := f.model(id)
	m.Policy.UpstreamShareBps = 0
	f.register(t, m)
}

func TestRegisterAssetWithMerkleCommitment(t *testing.T) {
	f := newFixture(t)
	var ms []types.Member
	for i := range 1000 {
		ms = append(ms, types.Member{Address: sdk.AccAddress([]byte{byte(i), byte(i >> 8), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18}), Units: uint64(i + 1)})
	}
	c, tree, err := types.BuildCommitment(ms, f.nextCID())
	require.NoError(t, err)
	msg := f.dataset()
	msg.Contributors = types.NewMerkleContributors(c)
	id := f.register(t, msg)
	a, err := f.k.GetAsset(f.ctx, id)
	require.NoError(t, err)
	require.Equal(t, uint64(1000*1001/2), a.TotalUnits())
	proof, err := tree.Proof(500)
	require.NoError(t, err)
	require.True(t, types.VerifyMerkleProof(a.Contributors.GetMerkle().Root, ms[500].Address, ms[500].Units, proof))
}
