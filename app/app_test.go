package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/tributary-ai/tributary/app"
	royaltytypes "github.com/tributary-ai/tributary/x/royalty/types"
)

func newTestApp(t *testing.T) *app.App {
	t.Helper()
	return app.New(log.NewNopLogger(), dbm.NewMemDB(), false, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
}

// TestDefaultGenesisIsUtrib checks that every denomination the default genesis names is utrib and
// that the bank metadata lets clients display TRIB — the SDK's own default is "stake".
func TestDefaultGenesisIsUtrib(t *testing.T) {
	a := newTestApp(t)
	gen := a.DefaultGenesis()
	cdc := a.AppCodec()

	var staking stakingtypes.GenesisState
	require.NoError(t, cdc.UnmarshalJSON(gen[stakingtypes.ModuleName], &staking))
	require.Equal(t, app.BondDenom, staking.Params.BondDenom)
	require.Equal(t, app.BondDenom, staking.Params.KeyRotationFee.Denom)

	var mint minttypes.GenesisState
	require.NoError(t, cdc.UnmarshalJSON(gen[minttypes.ModuleName], &mint))
	require.Equal(t, app.BondDenom, mint.Params.MintDenom)

	var gov govv1.GenesisState
	require.NoError(t, cdc.UnmarshalJSON(gen[govtypes.ModuleName], &gov))
	for _, c := range append(gov.Params.MinDeposit, gov.Params.ExpeditedMinDeposit...) {
		require.Equal(t, app.BondDenom, c.Denom)
	}

	var bank banktypes.GenesisState
	require.NoError(t, cdc.UnmarshalJSON(gen[banktypes.ModuleName], &bank))
	require.Len(t, bank.DenomMetadata, 1)
	md := bank.DenomMetadata[0]
	require.Equal(t, app.BondDenom, md.Base)
	require.NoError(t, md.Validate())
	var displayExp uint32
	for _, u := range md.DenomUnits {
		if u.Denom == md.Display {
			displayExp = u.Exponent
		}
	}
	require.EqualValues(t, app.DisplayExponent, displayExp)

	require.NoError(t, a.BasicModuleManager.ValidateGenesis(cdc, a.TxConfig(), gen))
}

// TestModuleAccounts checks the accounts that hold coins on behalf of modules: the royalty account
// exists and may not receive plain transfers (its balance must equal what settlement accounts for),
// the key-rotation pool SDK v0.55 requires is present, and gov stays open for refunds.
func TestModuleAccounts(t *testing.T) {
	perms := app.GetMaccPerms()
	require.Contains(t, perms, royaltytypes.ModuleName)
	require.Empty(t, perms[royaltytypes.ModuleName], "the royalty account neither mints nor burns")
	require.Contains(t, perms, stakingtypes.KeyRotationFeePoolName)

	blocked := app.BlockedAddresses()
	require.True(t, blocked[authtypes.NewModuleAddress(royaltytypes.ModuleName).String()])
	require.True(t, blocked[authtypes.NewModuleAddress(authtypes.FeeCollectorName).String()])
	require.False(t, blocked[authtypes.NewModuleAddress(govtypes.ModuleName).String()])

	// A fresh map each call: callers cannot change the app's permissions.
	perms[royaltytypes.ModuleName] = []string{authtypes.Minter}
	require.Empty(t, app.GetMaccPerms()[royaltytypes.ModuleName])
}

// TestAddressPrefix checks that addresses render with the trib prefix once the app exists.
func TestAddressPrefix(t *testing.T) {
	newTestApp(t)
	addr := authtypes.NewModuleAddress(royaltytypes.ModuleName).String()
	require.Regexp(t, `^trib1[0-9a-z]{38}$`, addr)
}

// TestLegacyTextProposalExecutes is the regression test for a wiring gap the app simulation found: x/gov
// serves MsgExecLegacyContent whatever the app wires, and without a legacy router the handler
// dereferenced a nil router, so every v1beta1 proposal made its transaction panic.
func TestLegacyTextProposalExecutes(t *testing.T) {
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	ctx := a.NewContext(true)
	authority := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	msg, err := govv1.NewLegacyContent(govv1beta1.NewTextProposal("title", "description"), authority)
	require.NoError(t, err)

	require.NotPanics(t, func() {
		_, err = govkeeper.NewMsgServerImpl(&a.GovKeeper).ExecLegacyContent(ctx, msg)
	})
	require.NoError(t, err)
}
