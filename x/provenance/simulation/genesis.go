// Package simulation provides x/provenance's randomized genesis and
// simulation operations for the app's simulation tests.
package simulation

import (
	"math/rand"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// RandomizedGenState writes a genesis with random params and no assets: the
// operations register them.
func RandomizedGenState(simState *module.SimulationState) {
	r := simState.Rand
	gs := types.DefaultGenesis()
	gs.Params.MaxParents = uint32(1 + r.Intn(types.DefaultMaxParents))
	gs.Params.MaxContributors = uint32(1 + r.Intn(types.DefaultMaxContributors))
	gs.Params.RegistrationFee = sdk.NewCoins(sdk.NewCoin(simState.BondDenom, math.NewInt(int64(r.Intn(1000)))))
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}

// randomCID returns a random raw-codec sha2-256 CIDv1.
func randomCID(r *rand.Rand) string {
	var digest [32]byte
	r.Read(digest[:])
	return types.RawCIDv1(digest)
}
