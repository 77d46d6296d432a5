package app

import (
	"encoding/json"
	"fmt"
	"testing"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	provenancetypes "github.com/tributary-ai/tributary/x/provenance/types"
	royaltytypes "github.com/tributary-ai/tributary/x/royalty/types"
)

// checkMoney is the app-level conservation check: x/royalty's module account holds exactly what it owes
// (pending revenue and contributor pools, to the micro-unit), and x/bank's recorded supply of every denom
// equals the sum of all balances, so no module minted or burned behind bank's back.
func checkMoney(ctx sdk.Context, a *App) error {
	if err := a.RoyaltyKeeper.CheckConservation(ctx); err != nil {
		return fmt.Errorf("height %d: %w", ctx.BlockHeight(), err)
	}
	held := sdk.NewCoins()
	a.BankKeeper.IterateAllBalances(ctx, func(_ sdk.AccAddress, c sdk.Coin) bool {
		held = held.Add(c)
		return false
	})
	supply := sdk.NewCoins()
	a.BankKeeper.IterateTotalSupply(ctx, func(c sdk.Coin) bool {
		supply = supply.Add(c)
		return false
	})
	if !supply.Equal(held) {
		return fmt.Errorf("height %d: bank supply %s != sum of balances %s", ctx.BlockHeight(), supply, held)
	}
	return nil
}

// Tributary's messages a simulation must have delivered for its result to mean anything.
var (
	msgRegisterAsset = sdk.MsgTypeURL(&provenancetypes.MsgRegisterAsset{})
	msgPay           = sdk.MsgTypeURL(&royaltytypes.MsgPay{})
)

// deliveredOps counts the operations a run delivered successfully, by message type URL, from the
// simulation's execution log (the per-operation record behind the summary the runner prints).
func deliveredOps(tb testing.TB, ti simsx.TestInstance[*App]) map[string]int {
	tb.Helper()
	execLog, ok := ti.ExecLogWriter.(*simulation.StandardLogWriter)
	require.True(tb, ok, "the runner's execution log is a %T, not a *simulation.StandardLogWriter", ti.ExecLogWriter)
	counts := make(map[string]int)
	for _, entry := range execLog.OpEntries {
		if entry.EntryKind != simulation.MsgEntryKind && entry.EntryKind != simulation.QueuedMsgEntryKind {
			continue
		}
		var op simtypes.OperationMsg
		require.NoError(tb, json.Unmarshal(entry.Operation, &op))
		if op.OK {
			counts[op.Name]++
		}
	}
	return counts
}

// assertSimOutcome is the post-run check of every simulation: the money checks on the committed state,
// and proof that the run exercised Tributary's modules (a simulation that registered nothing and paid
// nothing would pass every check while testing none of them).
func assertSimOutcome(tb testing.TB, ti simsx.TestInstance[*App], _ []simtypes.Account) {
	tb.Helper()
	a := ti.App
	ctx := a.NewContextLegacy(true, cmtproto.Header{Height: a.LastBlockHeight()})
	require.NoError(tb, checkMoney(ctx, a))

	ops := deliveredOps(tb, ti)
	tb.Logf("seed %d delivered %d registrations and %d payments", ti.Cfg.Seed, ops[msgRegisterAsset], ops[msgPay])
	require.Positive(tb, ops[msgRegisterAsset], "no asset was registered")
	require.Positive(tb, ops[msgPay], "no royalty was paid")

	next, err := a.ProvenanceKeeper.NextAssetID.Peek(ctx)
	require.NoError(tb, err)
	require.Greater(tb, next, uint64(1), "the provenance store holds no asset")
	paid, err := a.RoyaltyKeeper.PaidDirect.Iterate(ctx, nil)
	require.NoError(tb, err)
	defer paid.Close()
	require.True(tb, paid.Valid(), "the royalty store records no revenue paid to any asset")
}
