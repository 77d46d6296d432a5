package simulation_test

import (
	"encoding/json"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/types/module"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/tributary-ai/tributary/x/provenance"
	"github.com/tributary-ai/tributary/x/provenance/simulation"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

func TestRandomizedGenStateValidates(t *testing.T) {
	enc := moduletestutil.MakeTestEncodingConfig(provenance.AppModule{})
	for seed := int64(0); seed < 20; seed++ {
		simState := &module.SimulationState{
			Rand: rand.New(rand.NewSource(seed)), Cdc: enc.Codec, BondDenom: "utrib",
			GenState: map[string]json.RawMessage{},
		}
		simulation.RandomizedGenState(simState)
		var gs types.GenesisState
		enc.Codec.MustUnmarshalJSON(simState.GenState[types.ModuleName], &gs)
		require.NoError(t, gs.Validate(addresscodec.NewBech32Codec("trib")))
	}
}
