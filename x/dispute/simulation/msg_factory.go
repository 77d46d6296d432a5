package simulation

import (
	"context"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"

	"github.com/tributary-ai/tributary/x/dispute/keeper"
	"github.com/tributary-ai/tributary/x/dispute/types"
	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
)

// maxProbedAssetID bounds the random asset ids the factory tries; provenance's simulation registers fewer.
const maxProbedAssetID = 256

// MsgOpenDisputeFactory disputes a random unrevoked asset (IMPROPER_REGISTRATION / REVOKE) from a funded account
// that does not own it. Uncontested, it is upheld at its deadline in EndBlock, so runs exercise the hold, the
// deadline index and the REVOKE remedy in x/royalty's accounting (whose conservation x/royalty's factories check).
func MsgOpenDisputeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgOpenDispute] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgOpenDispute) {
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		r := testData.Rand()
		var rec provtypes.AssetRecord
		found := false
		for range 8 {
			id := 1 + uint64(r.Intn(1+r.Intn(maxProbedAssetID)))
			if rec, err = k.Provenance().GetAssetRecord(ctx, id); err != nil || rec.Status == provtypes.AssetStatus_ASSET_STATUS_REVOKED {
				continue
			}
			if held, err := k.IsHeld(ctx, id); err == nil && !held {
				found = true
				break
			}
		}
		if !found {
			reporter.Skip("no disputable asset found")
			return nil, nil
		}
		challenger := testData.AnyAccount(reporter, simsx.WithDenomBalance(params.DisputeBond.Denom), simsx.ExcludeAddresses(rec.Owner))
		if reporter.IsSkipped() {
			return nil, nil
		}
		if challenger.LiquidBalance().AmountOf(params.DisputeBond.Denom).LT(params.DisputeBond.Amount) {
			reporter.Skip("challenger cannot post the bond")
			return nil, nil
		}
		return []simsx.SimAccount{challenger}, &types.MsgOpenDispute{
			Challenger: challenger.AddressBech32, AssetId: rec.Id, Kind: types.DisputeKind_DISPUTE_KIND_IMPROPER_REGISTRATION,
			Remedy: types.Remedy_REMEDY_REVOKE, Evidence: "simulated", Bond: params.DisputeBond,
		}
	}
}
