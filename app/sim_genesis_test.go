package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"time"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// simAppStateFn returns the genesis a simulation starts from: every module's randomized genesis, as the
// SDK's simtestutil.AppStateFn builds it, but in utrib.
//
// The SDK's AppStateRandomizedFn hard-codes sdk.DefaultBondDenom ("stake") as the bond denom of the
// simulation state it hands to the modules, and the only way to change that from outside is to assign the
// package global, which consensus code reads (see genesis.go for why the app never does). So the
// randomized state is built here (randomizedState) with the simulation state's BondDenom set to utrib;
// staking, mint, gov, bank, auth and Tributary's modules read it from there. A genesis file given with
// -Genesis is a chain's own and is used as written, through the SDK's loader.
func simAppStateFn(cdc codec.JSONCodec, sm *module.SimulationManager, defaults map[string]json.RawMessage) simtypes.AppStateFn {
	return func(r *rand.Rand, accs []simtypes.Account, config simtypes.Config) (json.RawMessage, []simtypes.Account, string, time.Time) {
		if config.GenesisFile != "" {
			return simtestutil.AppStateFn(cdc, sm, defaults)(r, accs, config)
		}
		appParams := make(simtypes.AppParams)
		if config.ParamsFile != "" {
			bz, err := os.ReadFile(config.ParamsFile)
			if err != nil {
				panic(fmt.Errorf("reading the simulation params file: %w", err))
			}
			if err := json.Unmarshal(bz, &appParams); err != nil {
				panic(fmt.Errorf("decoding the simulation params file: %w", err))
			}
		}
		genesisTime := time.Unix(config.GenesisTime, 0)
		state := randomizedState(sm, r, cdc, accs, genesisTime, appParams, defaults)
		if err := fundNotBondedPool(cdc, state); err != nil {
			panic(err)
		}
		if err := rewriteStakeCoins(state); err != nil {
			panic(err)
		}
		appState, err := json.Marshal(state)
		if err != nil {
			panic(err)
		}
		return appState, accs, config.ChainID, genesisTime
	}
}

// randomizedState is the SDK's AppStateRandomizedFn with Tributary's bond denom: it draws the stake per
// account and the number of bonded validators the same way (same app-params keys, same random draws) and
// lets every module generate its genesis from the shared simulation state.
func randomizedState(
	sm *module.SimulationManager, r *rand.Rand, cdc codec.JSONCodec, accs []simtypes.Account,
	genesisTime time.Time, appParams simtypes.AppParams, defaults map[string]json.RawMessage,
) map[string]json.RawMessage {
	var (
		numBonded    int64
		initialStake math.Int
	)
	appParams.GetOrGenerate(simtestutil.StakePerAccount, &initialStake, r,
		func(r *rand.Rand) { initialStake = sdk.DefaultPowerReduction.AddRaw(r.Int63n(1e12)) })
	appParams.GetOrGenerate(simtestutil.InitiallyBondedValidators, &numBonded, r,
		func(r *rand.Rand) { numBonded = int64(r.Intn(299) + 1) })
	numBonded = min(numBonded, int64(len(accs)))

	// The modules write into the map they are given: start from a copy so the caller's defaults survive.
	state := make(map[string]json.RawMessage, len(defaults))
	for name, gen := range defaults {
		state[name] = gen
	}
	sm.GenerateGenesisStates(&module.SimulationState{
		AppParams:    appParams,
		Cdc:          cdc,
		Rand:         r,
		GenState:     state,
		Accounts:     accs,
		InitialStake: initialStake,
		NumBonded:    numBonded,
		BondDenom:    BondDenom,
		GenTimestamp: genesisTime,
	})
	return state
}

// fundNotBondedPool gives the not-bonded pool the tokens of the validators staking's random genesis
// creates unbonded, as simtestutil.AppStateFn does: bank's random genesis counts them in the supply but
// assigns them to no account.
func fundNotBondedPool(cdc codec.JSONCodec, state map[string]json.RawMessage) error {
	var staking stakingtypes.GenesisState
	if err := cdc.UnmarshalJSON(state[stakingtypes.ModuleName], &staking); err != nil {
		return fmt.Errorf("decoding the random staking genesis: %w", err)
	}
	var bank banktypes.GenesisState
	if err := cdc.UnmarshalJSON(state[banktypes.ModuleName], &bank); err != nil {
		return fmt.Errorf("decoding the random bank genesis: %w", err)
	}
	notBonded := math.ZeroInt()
	for _, val := range staking.Validators {
		if val.Status == stakingtypes.Unbonded {
			notBonded = notBonded.Add(val.GetTokens())
		}
	}
	pool := authtypes.NewModuleAddress(stakingtypes.NotBondedPoolName).String()
	for _, b := range bank.Balances {
		if b.Address == pool {
			return nil
		}
	}
	bank.Balances = append(bank.Balances, banktypes.Balance{
		Address: pool,
		Coins:   sdk.NewCoins(sdk.NewCoin(staking.Params.BondDenom, notBonded)),
	})
	bz, err := cdc.MarshalJSON(&bank)
	if err != nil {
		return err
	}
	state[banktypes.ModuleName] = bz
	return nil
}

// rewriteStakeCoins turns every coin of the SDK's default denom in the random genesis into utrib.
//
// In SDK v0.55 two modules ignore the simulation state's bond denom: x/authz's random send authorizations
// and x/feegrant's random allowances are written with literal "stake" coins. Left alone, those grants
// would name a denom no account holds, so fee grants could never pay a fee. Rewriting the generated JSON
// is the only fix that leaves SDK package globals untouched. It is deliberately narrow: only objects
// shaped like a coin ({"denom", "amount"}) with exactly that denom change, in any module, so a module that
// starts hard-coding the denom in a later SDK is covered too; TestSimGenesisIsUtrib checks the result.
func rewriteStakeCoins(state map[string]json.RawMessage) error {
	for name, raw := range state {
		if len(bytes.TrimSpace(raw)) == 0 {
			continue // modules without genesis state (x/consensus) have an empty one
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber() // keep integers exact through the round trip
		var doc any
		if err := dec.Decode(&doc); err != nil {
			return fmt.Errorf("decoding the random %s genesis: %w", name, err)
		}
		if !rewriteCoins(doc) {
			continue
		}
		bz, err := json.Marshal(doc)
		if err != nil {
			return fmt.Errorf("encoding the %s genesis: %w", name, err)
		}
		state[name] = bz
	}
	return nil
}

// rewriteCoins rewrites the stake coins below node in place and reports whether it changed any.
func rewriteCoins(node any) bool {
	changed := false
	switch n := node.(type) {
	case map[string]any:
		if _, isCoin := n["amount"]; isCoin && n["denom"] == sdk.DefaultBondDenom {
			n["denom"] = BondDenom
			changed = true
		}
		for _, v := range n {
			changed = rewriteCoins(v) || changed
		}
	case []any:
		for _, v := range n {
			changed = rewriteCoins(v) || changed
		}
	}
	return changed
}
