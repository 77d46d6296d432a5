package keeper_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// requireRoyaltyError checks that err carries a registered x/royalty error code (never code 1, "internal").
func requireRoyaltyError(t *testing.T, err error) {
	t.Helper()
	codespace, code, _ := errorsmod.ABCIInfo(err, false)
	require.Equal(t, types.ModuleName, codespace, "unregistered error: %v", err)
	require.GreaterOrEqual(t, code, uint32(2))
}

// FuzzMsgPay sends arbitrary payments: each either succeeds, moving exactly the amount out of the payer, or
// fails with a registered royalty error and changes nothing. Conservation holds throughout.
func FuzzMsgPay(f *testing.F) {
	f.Add("payer", uint64(1), "utrib", int64(1_000), "ref")
	f.Add("", uint64(0), "", int64(0), "")
	f.Add("payer", uint64(2), "uatom", int64(-1), "x")
	f.Add("payer", uint64(9), "utrib", int64(1<<40), "")
	f.Fuzz(func(t *testing.T, payerName string, assetID uint64, denom string, amount int64, reference string) {
		fx := rtu.NewFixture()
		id := fx.AddAsset(0, nil, fx.Member("a", 1))
		fx.Fund("payer", 1_000_000)
		_, err := fx.Msg.SetPrice(fx.Ctx, &types.MsgSetPrice{Owner: fx.Bech32("owner"), AssetId: id, Price: sdk.NewInt64Coin(rtu.Denom, 10)})
		require.NoError(t, err)
		payer := fx.Bech32("payer")
		if payerName != "payer" {
			payer = payerName
		}
		before, err := fx.Keeper.ExportGenesis(fx.Ctx)
		require.NoError(t, err)

		ctx, _ := fx.Ctx.CacheContext()
		_, err = fx.Msg.Pay(ctx, &types.MsgPay{Payer: payer, AssetId: assetID, Amount: sdk.Coin{Denom: denom, Amount: math.NewInt(amount)}, Reference: reference})
		if err != nil {
			requireRoyaltyError(t, err)
			after, err := fx.Keeper.ExportGenesis(ctx)
			require.NoError(t, err)
			require.Equal(t, before, after)
			require.Equal(t, int64(1_000_000), fx.Balance("payer").Int64())
			return
		}
		require.Equal(t, int64(1_000_000)-amount, fx.Balance("payer").Int64())
		require.NoError(t, fx.Keeper.CheckConservation(ctx))
	})
}

// FuzzMsgClaimMerkle sends arbitrary proofs: none proves a membership that is not in the tree, and every
// failure is a registered royalty error.
func FuzzMsgClaimMerkle(f *testing.F) {
	f.Add("m9", uint64(1), uint64(1), []byte{}, uint8(0))
	f.Add("m1", uint64(1), uint64(1), make([]byte, 64), uint8(2))
	f.Add("m2", uint64(2), uint64(2), make([]byte, 31), uint8(1))
	f.Fuzz(func(t *testing.T, name string, assetID, units uint64, proofBytes []byte, hashes uint8) {
		fx := rtu.NewFixture()
		merkleAsset(t, fx, "m1", "m2", "m3")
		var proof [][]byte
		for i := 0; i < int(hashes%70) && len(proofBytes) > 0; i++ {
			h := make([]byte, 32)
			copy(h, proofBytes[i%len(proofBytes):])
			proof = append(proof, h)
		}
		if len(proof) == 0 && len(proofBytes) > 0 {
			proof = [][]byte{proofBytes}
		}
		_, err := fx.Msg.ClaimMerkle(fx.Ctx, &types.MsgClaimMerkle{Claimant: fx.Bech32(name), AssetId: assetID, Units: units, Proof: proof})
		if err == nil {
			t.Fatalf("a fuzzed proof registered %q with %d units in asset %d", name, units, assetID)
		}
		requireRoyaltyError(t, err)
	})
}
