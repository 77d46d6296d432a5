package simulation_test

import (
	"encoding/json"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/types/module"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/tributary-ai/tributary/x/royalty/simulation"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

func TestRandomizedGenStateValidates(t *testing.T) {
	enc := moduletestutil.MakeTestEncodingConfig()
	for seed := int64(0); seed < 20; seed++ {
		simState := module.SimulationState{
			AppParams: make(simtypes.AppParams),
			Cdc:       enc.Codec,
			Rand:      rand.New(rand.NewSource(seed)),
			BondDenom: "utrib",
			GenState:  make(map[string]json.RawMessage),
		}
		simulation.RandomizedGenState(&simState)
		var gs types.GenesisState
		simState.Cdc.MustUnmarshalJSON(simState.GenState[types.ModuleName], &gs)
		require.NoError(t, gs.Validate(addresscodec.NewBech32Codec("trib")), "seed %d", seed)
		require.Equal(t, []string{"utrib"}, gs.Params.AcceptedDenoms)
	}
}
