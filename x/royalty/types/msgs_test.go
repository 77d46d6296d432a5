package types_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

func TestValidateBasic(t *testing.T) {
	addr, err := sdk.Bech32ifyAddressBytes("trib", []byte("some-account-address"))
	require.NoError(t, err)
	coin := sdk.NewInt64Coin("utrib", 10)
	hash := make([]byte, 32)
	tooMany := make([]uint64, types.MaxMaxClaimAssets+1)
	for i := range tooMany {
		tooMany[i] = uint64(i + 1)
	}
	for _, tc := range []struct {
		name string
		msg  sdk.HasValidateBasic
		want error
	}{
		{"pay ok", &types.MsgPay{Payer: addr, AssetId: 1, Amount: coin, Reference: "inv-1"}, nil},
		{"pay empty payer", &types.MsgPay{AssetId: 1, Amount: coin}, types.ErrInvalidAddress},
		{"pay bad payer", &types.MsgPay{Payer: "trib1nope", AssetId: 1, Amount: coin}, types.ErrInvalidAddress},
		{"pay asset 0", &types.MsgPay{Payer: addr, Amount: coin}, types.ErrUnknownAsset},
		{"pay zero", &types.MsgPay{Payer: addr, AssetId: 1, Amount: sdk.NewInt64Coin("utrib", 0)}, types.ErrZeroAmount},
		{"pay nil amount", &types.MsgPay{Payer: addr, AssetId: 1, Amount: sdk.Coin{Denom: "utrib"}}, types.ErrZeroAmount},
		{"pay negative", &types.MsgPay{Payer: addr, AssetId: 1, Amount: sdk.Coin{Denom: "utrib", Amount: math.NewInt(-1)}}, types.ErrInvalidRequest},
		{"pay bad denom", &types.MsgPay{Payer: addr, AssetId: 1, Amount: sdk.Coin{Denom: "1x", Amount: math.NewInt(1)}}, types.ErrInvalidRequest},
		{"pay long reference", &types.MsgPay{Payer: addr, AssetId: 1, Amount: coin, Reference: string(make([]byte, types.MaxReferenceBytes+1))}, types.ErrReferenceTooLong},
		{"price ok", &types.MsgSetPrice{Owner: addr, AssetId: 1, Price: coin}, nil},
		{"price zero clears", &types.MsgSetPrice{Owner: addr, AssetId: 1, Price: sdk.NewInt64Coin("utrib", 0)}, nil},
		{"price negative", &types.MsgSetPrice{Owner: addr, AssetId: 1, Price: sdk.Coin{Denom: "utrib", Amount: math.NewInt(-5)}}, types.ErrInvalidRequest},
		{"price no owner", &types.MsgSetPrice{AssetId: 1, Price: coin}, types.ErrInvalidAddress},
		{"claim ok", &types.MsgClaim{Claimant: addr, AssetIds: []uint64{1, 2}}, nil},
		{"claim paged ok", &types.MsgClaim{Claimant: addr, StartAssetId: 500}, nil},
		{"claim duplicate", &types.MsgClaim{Claimant: addr, AssetIds: []uint64{2, 2}}, types.ErrInvalidRequest},
		{"claim id 0", &types.MsgClaim{Claimant: addr, AssetIds: []uint64{0}}, types.ErrUnknownAsset},
		{"claim too many", &types.MsgClaim{Claimant: addr, AssetIds: tooMany}, types.ErrTooManyAssets},
		{"claim list with start", &types.MsgClaim{Claimant: addr, AssetIds: []uint64{1}, StartAssetId: 3}, types.ErrInvalidRequest},
		{"claim no claimant", &types.MsgClaim{}, types.ErrInvalidAddress},
		{"merkle ok", &types.MsgClaimMerkle{Claimant: addr, AssetId: 1, Units: 1, Proof: [][]byte{hash}}, nil},
		{"merkle zero units", &types.MsgClaimMerkle{Claimant: addr, AssetId: 1, Proof: [][]byte{hash}}, types.ErrInvalidMerkleProof},
		{"merkle units above bound", &types.MsgClaimMerkle{Claimant: addr, AssetId: 1, Units: provtypes.MaxTotalUnits + 1}, types.ErrInvalidMerkleProof},
		{"merkle short hash", &types.MsgClaimMerkle{Claimant: addr, AssetId: 1, Units: 1, Proof: [][]byte{hash[:31]}}, types.ErrInvalidMerkleProof},
		{"merkle deep proof", &types.MsgClaimMerkle{Claimant: addr, AssetId: 1, Units: 1, Proof: make([][]byte, types.MaxProofLength+1)}, types.ErrInvalidMerkleProof},
		{"merkle asset 0", &types.MsgClaimMerkle{Claimant: addr, Units: 1}, types.ErrUnknownAsset},
		{"params ok", &types.MsgUpdateParams{Authority: addr, Params: types.DefaultParams()}, nil},
		{"params bad", &types.MsgUpdateParams{Authority: addr, Params: types.Params{}}, types.ErrInvalidParams},
		{"params max_claim_assets above bound", &types.MsgUpdateParams{Authority: addr, Params: func() types.Params {
			p := types.DefaultParams()
			p.MaxClaimAssets = types.MaxMaxClaimAssets + 1
			return p
		}()}, types.ErrInvalidParams},
		{"params no authority", &types.MsgUpdateParams{Params: types.DefaultParams()}, types.ErrInvalidAddress},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.msg.ValidateBasic()
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
}
