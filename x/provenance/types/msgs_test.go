package types_test

import (
	"crypto/sha256"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// The app sets the account prefix in the SDK's config at start; so do the tests.
func init() {
	sdk.GetConfig().SetBech32PrefixForAccount("trib", "tribpub")
}

func addr(name string) string {
	return sdk.AccAddress(strings.Repeat(name, 20)[:20]).String()
}

func cidOf(s string) string { return types.RawCIDv1(sha256.Sum256([]byte(s))) }

func validRegistration() *types.MsgRegisterAsset {
	return &types.MsgRegisterAsset{
		Owner:   addr("o"),
		Kind:    types.AssetKind_ASSET_KIND_MODEL,
		Cid:     cidOf("content"),
		Name:    "llm",
		License: "Apache-2.0",
		Contributors: types.NewContributorList(
			types.Contributor{Address: addr("a"), Units: 3}, types.Contributor{Address: addr("b"), Units: 1}),
		Parents: []types.ParentEdge{{AssetId: 1, WeightBps: 10_000, Relation: types.Relation_RELATION_TRAINED_ON}},
		Policy:  types.RoyaltyPolicy{UpstreamShareBps: 5000},
	}
}

func merkleOf(total, count uint64) types.Contributors {
	return types.NewMerkleContributors(types.MerkleCommitment{
		Root: make([]byte, 32), MemberCount: count, TotalUnits: total, MembersCid: cidOf("members"),
	})
}

// TestRegisterValidateBasic: every malformed registration is refused
// statelessly, so CheckTx drops it before any fee is charged.
func TestRegisterValidateBasic(t *testing.T) {
	require.NoError(t, validRegistration().ValidateBasic())
	require.NoError(t, func() error {
		m := validRegistration()
		m.Contributors = merkleOf(types.MaxTotalUnits, types.MaxMemberCount)
		return m.ValidateBasic()
	}())
	tooManyParents := make([]types.ParentEdge, types.MaxMaxParents+1)
	for i := range tooManyParents {
		tooManyParents[i] = types.ParentEdge{AssetId: uint64(i + 1), WeightBps: 1, Relation: types.Relation_RELATION_TRAINED_ON}
	}
	tests := []struct {
		name string
		mut  func(*types.MsgRegisterAsset)
		want error
	}{
		{"bad owner", func(m *types.MsgRegisterAsset) { m.Owner = "trib1nope" }, types.ErrInvalidAddress},
		{"owner with another prefix", func(m *types.MsgRegisterAsset) { m.Owner = "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu" }, types.ErrInvalidAddress},
		{"no kind", func(m *types.MsgRegisterAsset) { m.Kind = 0 }, types.ErrInvalidKind},
		{"bad cid", func(m *types.MsgRegisterAsset) { m.Cid = "bafy" }, types.ErrMalformedCID},
		{"empty name", func(m *types.MsgRegisterAsset) { m.Name = "" }, types.ErrInvalidText},
		{"long description", func(m *types.MsgRegisterAsset) { m.Description = strings.Repeat("x", 4097) }, types.ErrInvalidText},
		{"license typo", func(m *types.MsgRegisterAsset) { m.License = "Apache 2.0" }, types.ErrInvalidLicense},
		{"bad metadata cid", func(m *types.MsgRegisterAsset) { m.MetadataCid = "x" }, types.ErrMalformedCID},
		{"weights not 10000", func(m *types.MsgRegisterAsset) { m.Parents[0].WeightBps = 9999 }, types.ErrInvalidWeights},
		{"no relation", func(m *types.MsgRegisterAsset) { m.Parents[0].Relation = 0 }, types.ErrInvalidRelation},
		{"unknown relation", func(m *types.MsgRegisterAsset) { m.Parents[0].Relation = 99 }, types.ErrInvalidRelation},
		{"more parents than any params allow", func(m *types.MsgRegisterAsset) { m.Parents = tooManyParents }, types.ErrTooManyParents},
		{"share above 100%", func(m *types.MsgRegisterAsset) { m.Policy.UpstreamShareBps = 10_001 }, types.ErrInvalidShare},
		{"zero units", func(m *types.MsgRegisterAsset) {
			m.Contributors = types.NewContributorList(types.Contributor{Address: addr("a"), Units: 0})
		}, types.ErrZeroUnits},
		{"list total above the bound", func(m *types.MsgRegisterAsset) {
			m.Contributors = types.NewContributorList(types.Contributor{Address: addr("a"), Units: types.MaxTotalUnits}, types.Contributor{Address: addr("b"), Units: 1})
		}, types.ErrUnitsOutOfRange},
		{"Merkle total 2^64-1", func(m *types.MsgRegisterAsset) { m.Contributors = merkleOf(math.MaxUint64, 1) }, types.ErrUnitsOutOfRange},
		{"Merkle total one above the bound", func(m *types.MsgRegisterAsset) { m.Contributors = merkleOf(types.MaxTotalUnits+1, 1) }, types.ErrUnitsOutOfRange},
		{"Merkle members above the bound", func(m *types.MsgRegisterAsset) {
			m.Contributors = merkleOf(types.MaxTotalUnits, types.MaxMemberCount+1)
		}, types.ErrUnitsOutOfRange},
		{"Merkle fewer units than members", func(m *types.MsgRegisterAsset) { m.Contributors = merkleOf(1, 2) }, types.ErrInvalidMerkle},
		{"Merkle short root", func(m *types.MsgRegisterAsset) {
			m.Contributors = merkleOf(2, 1)
			m.Contributors.GetMerkle().Root = make([]byte, 31)
		}, types.ErrInvalidMerkle},
		{"no contributors", func(m *types.MsgRegisterAsset) { m.Contributors = types.Contributors{} }, types.ErrInvalidContributors},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := validRegistration()
			tc.mut(m)
			require.ErrorIs(t, m.ValidateBasic(), tc.want)
		})
	}
}

// TestOtherMessagesValidateBasic: one refusal per stateless check of every
// other message, and the valid form of each passes.
func TestOtherMessagesValidateBasic(t *testing.T) {
	valid := []sdk.HasValidateBasic{
		&types.MsgUpdateAsset{Owner: addr("o"), AssetId: 1, Description: "d", MetadataCid: cidOf("card")},
		&types.MsgTransferOwnership{Owner: addr("o"), AssetId: 1, NewOwner: addr("n")},
		&types.MsgAcceptOwnership{NewOwner: addr("n"), AssetId: 1},
		&types.MsgCancelTransfer{Owner: addr("o"), AssetId: 1},
		&types.MsgRetireAsset{Owner: addr("o"), AssetId: 1},
		&types.MsgRevokeAsset{Authority: addr("g"), AssetId: 1, Reason: "infringing"},
		&types.MsgUpdateParams{Authority: addr("g"), Params: types.DefaultParams()},
	}
	for _, m := range valid {
		require.NoError(t, m.ValidateBasic(), "%T", m)
	}
	badParams := types.DefaultParams()
	badParams.MaxContributors = types.MaxMaxContributors + 1
	tests := []struct {
		name string
		msg  sdk.HasValidateBasic
		want error
	}{
		{"update: bad owner", &types.MsgUpdateAsset{Owner: "x", AssetId: 1}, types.ErrInvalidAddress},
		{"update: asset 0", &types.MsgUpdateAsset{Owner: addr("o")}, types.ErrAssetNotFound},
		{"update: long description", &types.MsgUpdateAsset{Owner: addr("o"), AssetId: 1, Description: strings.Repeat("x", 4097)}, types.ErrInvalidText},
		{"update: control character", &types.MsgUpdateAsset{Owner: addr("o"), AssetId: 1, Description: "a\x00b"}, types.ErrInvalidText},
		{"update: bad metadata cid", &types.MsgUpdateAsset{Owner: addr("o"), AssetId: 1, MetadataCid: "Qm"}, types.ErrMalformedCID},
		{"transfer: bad new owner", &types.MsgTransferOwnership{Owner: addr("o"), AssetId: 1, NewOwner: "x"}, types.ErrInvalidAddress},
		{"transfer: to self", &types.MsgTransferOwnership{Owner: addr("o"), AssetId: 1, NewOwner: addr("o")}, types.ErrSelfTransfer},
		{"transfer: asset 0", &types.MsgTransferOwnership{Owner: addr("o"), NewOwner: addr("n")}, types.ErrAssetNotFound},
		{"accept: bad signer", &types.MsgAcceptOwnership{NewOwner: "", AssetId: 1}, types.ErrInvalidAddress},
		{"accept: asset 0", &types.MsgAcceptOwnership{NewOwner: addr("n")}, types.ErrAssetNotFound},
		{"cancel: asset 0", &types.MsgCancelTransfer{Owner: addr("o")}, types.ErrAssetNotFound},
		{"retire: bad owner", &types.MsgRetireAsset{Owner: "trib1", AssetId: 1}, types.ErrInvalidAddress},
		{"revoke: no reason", &types.MsgRevokeAsset{Authority: addr("g"), AssetId: 1}, types.ErrInvalidText},
		{"revoke: long reason", &types.MsgRevokeAsset{Authority: addr("g"), AssetId: 1, Reason: strings.Repeat("r", 1025)}, types.ErrInvalidText},
		{"params: out of bounds", &types.MsgUpdateParams{Authority: addr("g"), Params: badParams}, types.ErrInvalidParams},
		{"params: bad authority", &types.MsgUpdateParams{Authority: "gov", Params: types.DefaultParams()}, types.ErrInvalidAddress},
		{"external ids: bad owner", &types.MsgSetExternalIDs{Owner: "x", AssetId: 1}, types.ErrInvalidAddress},
		{"external ids: asset 0", &types.MsgSetExternalIDs{Owner: addr("o"), ExternalIds: []string{"hf:a/b"}}, types.ErrAssetNotFound},
		{"external ids: malformed", &types.MsgSetExternalIDs{Owner: addr("o"), AssetId: 1, ExternalIds: []string{"hf:a b"}}, types.ErrInvalidExternalID},
		{"external ids: duplicate", &types.MsgSetExternalIDs{Owner: addr("o"), AssetId: 1, ExternalIds: []string{"doi:10.1234/X", "doi:10.1234/x"}}, types.ErrDuplicateExternalID},
		{"external ids: too many", &types.MsgSetExternalIDs{Owner: addr("o"), AssetId: 1, ExternalIds: strings.Split("hf:a/1 hf:a/2 hf:a/3 hf:a/4 hf:a/5 hf:a/6 hf:a/7 hf:a/8 hf:a/9", " ")}, types.ErrTooManyExternalIDs},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, tc.msg.ValidateBasic(), tc.want)
		})
	}
	require.NoError(t, (&types.MsgSetExternalIDs{Owner: addr("o"), AssetId: 1}).ValidateBasic(), "no identifiers clears them")
}

// TestBuildCommitmentBounds: the CLI's commitment builder refuses what
// registration refuses.
func TestBuildCommitmentBounds(t *testing.T) {
	members := []types.Member{{Address: sdk.AccAddress(strings.Repeat("a", 20)), Units: types.MaxTotalUnits}, {Address: sdk.AccAddress(strings.Repeat("b", 20)), Units: 1}}
	_, _, err := types.BuildCommitment(members, cidOf("m"))
	require.ErrorIs(t, err, types.ErrUnitsOutOfRange)
	_, _, err = types.BuildCommitment(members[:1], cidOf("m"))
	require.NoError(t, err)
}
