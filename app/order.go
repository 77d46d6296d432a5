package app

import (
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	authzkeeper "github.com/cosmos/cosmos-sdk/x/authz/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	consensusparamtypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	evidencetypes "github.com/cosmos/cosmos-sdk/x/evidence/types"
	"github.com/cosmos/cosmos-sdk/x/feegrant"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	"github.com/cosmos/cosmos-sdk/types/module"
)

// storeKeys lists the KV stores the app mounts: one per stateful module.
func storeKeys() []string {
	return append([]string{
		authtypes.StoreKey, banktypes.StoreKey, stakingtypes.StoreKey, minttypes.StoreKey,
		distrtypes.StoreKey, slashingtypes.StoreKey, govtypes.StoreKey, consensusparamtypes.StoreKey,
		upgradetypes.StoreKey, evidencetypes.StoreKey, feegrant.StoreKey, authzkeeper.StoreKey,
	}, append(ibcStoreKeys(), tributaryStoreKeys()...)...)
}

// setModuleOrder fixes the order in which modules run at each stage of a block and of genesis.
// The module manager panics at start-up if a module is forgotten in any list, so adding a module
// means adding it here.
func setModuleOrder(mm *module.Manager) {
	// Upgrades must apply before anything else in a block; auth's pre-blocker prunes expired
	// unordered-transaction nonces.
	mm.SetOrderPreBlockers(upgradetypes.ModuleName, authtypes.ModuleName)

	// Mint before distribution so the block's provisions are distributed in the same block;
	// slashing after distribution so the fee pool is emptied before a validator is slashed.
	mm.SetOrderBeginBlockers(append([]string{
		minttypes.ModuleName, distrtypes.ModuleName, slashingtypes.ModuleName, evidencetypes.ModuleName,
		stakingtypes.ModuleName, authtypes.ModuleName, banktypes.ModuleName, govtypes.ModuleName,
		genutiltypes.ModuleName, authzkeeper.StoreKey, feegrant.ModuleName, consensusparamtypes.ModuleName,
		upgradetypes.ModuleName,
	}, append(ibcModuleNames(), tributaryModuleNames()...)...)...)

	// Bank first (SDK v0.55 requirement for its block-level bookkeeping); Tributary's modules run
	// after gov and staking so that a governance decision (a revocation, a params change) taken in
	// this block already applies to this block's royalty settlement.
	mm.SetOrderEndBlockers(append([]string{
		banktypes.ModuleName, govtypes.ModuleName, stakingtypes.ModuleName, authtypes.ModuleName,
		distrtypes.ModuleName, slashingtypes.ModuleName, minttypes.ModuleName, genutiltypes.ModuleName,
		evidencetypes.ModuleName, authzkeeper.StoreKey, feegrant.ModuleName, consensusparamtypes.ModuleName,
		upgradetypes.ModuleName,
	}, append(ibcModuleNames(), tributaryModuleNames()...)...)...)

	// Genesis: auth and bank first so accounts and balances exist; staking before genutil so the
	// bonded pool holds the gentx stake; distribution before staking (its hooks run on staking
	// init); Tributary's modules last because they reference accounts and the community pool.
	genesisOrder := append([]string{
		consensusparamtypes.ModuleName, authtypes.ModuleName, banktypes.ModuleName, distrtypes.ModuleName,
		stakingtypes.ModuleName, slashingtypes.ModuleName, govtypes.ModuleName, minttypes.ModuleName,
		genutiltypes.ModuleName, evidencetypes.ModuleName, authzkeeper.StoreKey, feegrant.ModuleName,
		upgradetypes.ModuleName,
	}, append(ibcModuleNames(), tributaryModuleNames()...)...)
	mm.SetOrderInitGenesis(genesisOrder...)
	mm.SetOrderExportGenesis(genesisOrder...)
}
