package simulation

import (
	"context"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/royalty/keeper"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// maxProbedAssetID bounds the random asset ids MsgPayFactory tries; provenance's simulation registers fewer.
const maxProbedAssetID = 256

// randomPayableAsset tries a few random ids, favouring low ones (they exist in any run that registered some),
// and returns the first active asset.
func randomPayableAsset(ctx context.Context, k keeper.Keeper, r *simsx.XRand) (uint64, bool) {
	for range 8 {
		id := 1 + uint64(r.Intn(1+r.Intn(maxProbedAssetID)))
		if active, err := k.Provenance().IsActive(ctx, id); err == nil && active {
			return id, true
		}
	}
	return 0, false
}

// conserved fails the simulation when the conservation invariant is broken. Every factory calls it, so the
// invariant is checked between operations throughout a run.
func conserved(ctx context.Context, k keeper.Keeper, reporter simsx.SimulationReporter) bool {
	if err := k.CheckConservation(ctx); err != nil {
		reporter.Fail(err)
		return false
	}
	return true
}

// payTarget picks what both payment factories pay: a random active asset, an accepted denom and a payer that
// holds it. ok is false when the chain is not conserved or nothing fits (the reporter then says why).
func payTarget(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) (types.Params, uint64, string, simsx.SimAccount, bool) {
	if !conserved(ctx, k, reporter) {
		return types.Params{}, 0, "", simsx.SimAccount{}, false
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		reporter.Skip(err.Error())
		return types.Params{}, 0, "", simsx.SimAccount{}, false
	}
	r := testData.Rand()
	id, ok := randomPayableAsset(ctx, k, r)
	if !ok {
		reporter.Skip("no payable asset found")
		return types.Params{}, 0, "", simsx.SimAccount{}, false
	}
	denom := params.AcceptedDenoms[r.Intn(len(params.AcceptedDenoms))]
	payer := testData.AnyAccount(reporter, simsx.WithDenomBalance(denom))
	return params, id, denom, payer, !reporter.IsSkipped()
}

// MsgPayFactory pays a random active asset from a random funded account.
func MsgPayFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgPay] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgPay) {
		_, id, denom, payer, ok := payTarget(ctx, k, testData, reporter)
		if !ok {
			return nil, nil
		}
		amount := payer.LiquidBalance().RandSubsetCoin(reporter, denom)
		if reporter.IsSkipped() {
			return nil, nil
		}
		return []simsx.SimAccount{payer}, &types.MsgPay{Payer: payer.AddressBech32, AssetId: id, Amount: amount, Reference: "sim"}
	}
}

// MsgPayDustFactory pays a random active asset an adversarial dust amount: 1 to 20 x min_pending_per_work_unit
// base units, around the settlement thresholds of small assets, so that revenue waits below a threshold, adds
// up across payments and upstream credits, and crosses it (keeper/pricing.go) while conservation is checked.
func MsgPayDustFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgPay] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgPay) {
		params, id, denom, payer, ok := payTarget(ctx, k, testData, reporter)
		if !ok {
			return nil, nil
		}
		dust := math.NewInt(1 + testData.Rand().Int63n(20*int64(max(params.MinPendingPerWorkUnit, 1))))
		if payer.LiquidBalance().AmountOf(denom).LT(dust) {
			reporter.Skip("payer cannot afford the dust")
			return nil, nil
		}
		return []simsx.SimAccount{payer}, &types.MsgPay{Payer: payer.AddressBech32, AssetId: id, Amount: sdk.NewCoin(denom, dust), Reference: "dust"}
	}
}

// MsgClaimFactory claims for a random account that has something to claim.
func MsgClaimFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgClaim] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgClaim) {
		if !conserved(ctx, k, reporter) {
			return nil, nil
		}
		claimant := testData.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil, nil
		}
		resp, err := keeper.NewQueryServerImpl(k).Claimable(ctx, &types.QueryClaimableRequest{Address: claimant.AddressBech32})
		if err != nil || resp.Total.IsZero() {
			reporter.Skip("nothing to claim")
			return nil, nil
		}
		return []simsx.SimAccount{claimant}, &types.MsgClaim{Claimant: claimant.AddressBech32}
	}
}

// MsgUpdateParamsFactory proposes random valid params through governance.
func MsgUpdateParamsFactory() simsx.SimMsgFactoryFn[*types.MsgUpdateParams] {
	return func(_ context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUpdateParams) {
		r := testData.Rand()
		params := types.DefaultParams()
		params.ProtocolFeeBps = uint32(r.IntInRange(0, types.MaxProtocolFeeBps))
		params.SettlementGasBudget = uint64(r.IntInRange(types.MinSettlementGasBudget, types.MaxSettlementGasBudget))
		params.MaxClaimAssets = uint32(r.IntInRange(1, 200))
		return nil, &types.MsgUpdateParams{Authority: testData.ModuleAccountAddress(reporter, "gov"), Params: params}
	}
}
