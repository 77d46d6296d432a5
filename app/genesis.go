package app

import (
	"encoding/json"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/x/bank"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/gov"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	"github.com/cosmos/cosmos-sdk/x/mint"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
)

// GenesisState is the application state at genesis, keyed by module name.
type GenesisState map[string]json.RawMessage

// The SDK modules default to the denom "stake". Rather than mutating sdk.DefaultBondDenom (a
// package global read by consensus code), the default genesis of each module that names a denom is
// rewritten here, so `tributaryd init` writes a utrib genesis and nothing global changes.

// stakingBasic gives x/staking a utrib default genesis.
type stakingBasic struct{ staking.AppModuleBasic }

// DefaultGenesis implements module.HasGenesisBasics.
func (stakingBasic) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	params := stakingtypes.DefaultParams()
	params.BondDenom = BondDenom
	params.KeyRotationFee.Denom = BondDenom
	return cdc.MustMarshalJSON(stakingtypes.NewGenesisState(params, nil, nil))
}

// mintBasic gives x/mint a utrib default genesis.
type mintBasic struct{ mint.AppModuleBasic }

// DefaultGenesis implements module.HasGenesisBasics.
func (mintBasic) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	gen := minttypes.DefaultGenesisState()
	gen.Params.MintDenom = BondDenom
	return cdc.MustMarshalJSON(gen)
}

// govBasic gives x/gov utrib deposits.
type govBasic struct{ gov.AppModuleBasic }

// DefaultGenesis implements module.HasGenesisBasics.
func (govBasic) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	gen := govv1.DefaultGenesisState()
	for i := range gen.Params.MinDeposit {
		gen.Params.MinDeposit[i].Denom = BondDenom
	}
	for i := range gen.Params.ExpeditedMinDeposit {
		gen.Params.ExpeditedMinDeposit[i].Denom = BondDenom
	}
	return cdc.MustMarshalJSON(gen)
}

// bankBasic adds the utrib/TRIB denomination metadata to x/bank's default genesis so wallets and
// explorers can display amounts.
type bankBasic struct{ bank.AppModuleBasic }

// DefaultGenesis implements module.HasGenesisBasics.
func (bankBasic) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	gen := banktypes.DefaultGenesisState()
	gen.DenomMetadata = []banktypes.Metadata{TribMetadata()}
	return cdc.MustMarshalJSON(gen)
}

// TribMetadata is the bank denomination metadata of the native token.
func TribMetadata() banktypes.Metadata {
	return banktypes.Metadata{
		Description: "The native token of Tributary: staking, fees, registrations and royalties.",
		DenomUnits: []*banktypes.DenomUnit{
			{Denom: BondDenom, Exponent: 0, Aliases: []string{"microtrib"}},
			{Denom: "mtrib", Exponent: 3, Aliases: []string{"millitrib"}},
			{Denom: "trib", Exponent: DisplayExponent, Aliases: []string{DisplayDenom}},
		},
		Base:    BondDenom,
		Display: "trib",
		Name:    "Tributary",
		Symbol:  DisplayDenom,
	}
}
