package app

import (
	"encoding/json"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// TestSimGenesisIsUtrib checks the simulation's random genesis on several seeds: it validates as a whole
// (so every account type in it is one this chain registers: plain accounts, no vesting), the bond and
// mint denoms are utrib, and no coin anywhere, the SDK modules' hard-coded grants included, is in any
// other denom.
func TestSimGenesisIsUtrib(t *testing.T) {
	a := New(log.NewNopLogger(), dbm.NewMemDB(), false, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	cdc := a.AppCodec()
	appStateFn := simAppStateFn(cdc, a.SimulationManager(), a.DefaultGenesis())
	for seed := int64(1); seed <= 5; seed++ {
		r := rand.New(rand.NewSource(seed))
		bz, accs, _, _ := appStateFn(r, simtypes.RandomAccounts(r, 30), simtypes.Config{GenesisTime: 1_700_000_000, ChainID: "sim"})
		require.Len(t, accs, 30)

		var gen GenesisState
		require.NoError(t, json.Unmarshal(bz, &gen))
		require.NoError(t, a.BasicModuleManager.ValidateGenesis(cdc, a.TxConfig(), gen), "seed %d", seed)

		var auth authtypes.GenesisState
		require.NoError(t, cdc.UnmarshalJSON(gen[authtypes.ModuleName], &auth))
		for _, acc := range auth.Accounts {
			require.Equal(t, "/cosmos.auth.v1beta1.BaseAccount", acc.TypeUrl, "seed %d", seed)
		}
		var staking stakingtypes.GenesisState
		require.NoError(t, cdc.UnmarshalJSON(gen[stakingtypes.ModuleName], &staking))
		require.Equal(t, BondDenom, staking.Params.BondDenom)
		var mint minttypes.GenesisState
		require.NoError(t, cdc.UnmarshalJSON(gen[minttypes.ModuleName], &mint))
		require.Equal(t, BondDenom, mint.Params.MintDenom)

		for name, raw := range gen {
			if len(raw) == 0 {
				continue
			}
			var doc any
			require.NoError(t, json.Unmarshal(raw, &doc))
			denoms := map[string]bool{}
			coinDenoms(doc, denoms)
			for d := range denoms {
				require.Equal(t, BondDenom, d, "seed %d: a coin of module %s", seed, name)
			}
		}
	}
}

// coinDenoms collects the denoms of every coin-shaped object ({"denom", "amount"}) below node.
func coinDenoms(node any, out map[string]bool) {
	switch n := node.(type) {
	case map[string]any:
		if d, ok := n["denom"].(string); ok {
			if _, isCoin := n["amount"]; isCoin {
				out[d] = true
			}
		}
		for _, v := range n {
			coinDenoms(v, out)
		}
	case []any:
		for _, v := range n {
			coinDenoms(v, out)
		}
	}
}

// TestRewriteStakeCoins pins what the rewrite touches: coins of the SDK's default denom, wherever they
// nest, and nothing else (a send-enabled entry names a denom but is no coin; other denoms stay).
func TestRewriteStakeCoins(t *testing.T) {
	state := map[string]json.RawMessage{
		"grants": json.RawMessage(`{"grants":[{"allowance":{"spend_limit":[{"denom":"stake","amount":"100"}]}}]}`),
		"other":  json.RawMessage(`{"coins":[{"denom":"uatom","amount":"7"}],"send_enabled":[{"denom":"stake","enabled":true}]}`),
		"empty":  json.RawMessage(``),
	}
	require.NoError(t, rewriteStakeCoins(state))
	require.JSONEq(t, `{"grants":[{"allowance":{"spend_limit":[{"denom":"utrib","amount":"100"}]}}]}`, string(state["grants"]))
	require.JSONEq(t, `{"coins":[{"denom":"uatom","amount":"7"}],"send_enabled":[{"denom":"stake","enabled":true}]}`, string(state["other"]))
	require.Equal(t, sdk.DefaultBondDenom, "stake", "the SDK's default denom changed: revisit rewriteStakeCoins")
}
