package app

import (
	"testing"

	"github.com/stretchr/testify/require"

	dbm "github.com/cosmos/cosmos-db"

	"cosmossdk.io/log/v2"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	transfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"

	"github.com/tributary-ai/tributary/app/upgrades"
)

// receive records a voucher the way ibc-go's OnRecvPacket does for a token's first packet: its trace, then its
// metadata through the bank keeper the transfer keeper was given.
func receive(t *testing.T, a *App, d transfertypes.Denom) {
	t.Helper()
	ctx := a.NewContext(true)
	a.TransferKeeper.SetDenom(ctx, d)
	a.TransferKeeper.SetDenomMetadata(ctx, d)
}

// TestReceivedVoucherMetadataValidates: ibc-go v11 writes a voucher's metadata with the token's base denom as
// its first unit, which x/bank's validation refuses, so an exported chain that had received any IBC token
// failed `genesis validate`. Through the app's bank wrapper the stored metadata validates and keeps what ibc-go
// said (trace in the description and name, symbol, the base denom as an alias).
func TestReceivedVoucherMetadataValidates(t *testing.T) {
	a := New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
	usdc := transfertypes.NewDenom("uusdc", transfertypes.NewHop("transfer", "channel-0"))
	receive(t, a, usdc)
	ctx := a.NewContext(true)

	md, ok := a.BankKeeper.GetDenomMetaData(ctx, usdc.IBCDenom())
	require.True(t, ok)
	require.NoError(t, md.Validate())
	require.Equal(t, usdc.IBCDenom(), md.DenomUnits[0].Denom)
	require.Equal(t, []string{"uusdc"}, md.DenomUnits[0].Aliases)
	require.Equal(t, "IBC token from transfer/channel-0/uusdc", md.Description)
	require.Equal(t, "UUSDC", md.Symbol)
	require.NoError(t, a.BankKeeper.ExportGenesis(ctx).Validate(), "bank's exported genesis")

	// ibc-go's own shape, stored without the wrapper, is what bank refuses.
	raw := md
	raw.DenomUnits = []*banktypes.DenomUnit{{Denom: "uusdc"}}
	raw.Display = usdc.Path()
	require.ErrorContains(t, raw.Validate(), "first denomination unit", "ibc-go writes valid metadata now: drop voucherMetadataBank")
	// Valid metadata, and anything that is not a voucher's, pass unchanged.
	require.Equal(t, md, validVoucherMetadata(md))
	notVoucher := banktypes.Metadata{Base: "ufoo", DenomUnits: []*banktypes.DenomUnit{{Denom: "foo"}}}
	require.Equal(t, notVoucher, validVoucherMetadata(notVoucher))
}

// TestSetVoucherDisplay: an upgrade gives an accepted voucher a display unit; the result validates (bank's
// genesis too) and names the unit, and every shape that would mislead a reader is refused.
func TestSetVoucherDisplay(t *testing.T) {
	usdc := transfertypes.NewDenom("uusdc", transfertypes.NewHop("transfer", "channel-0"))
	atom := transfertypes.NewDenom("uatom", transfertypes.NewHop("transfer", "channel-1"))
	never := transfertypes.NewDenom("uosmo", transfertypes.NewHop("transfer", "channel-9"))
	for _, tc := range []struct {
		name string
		v    upgrades.VoucherDisplay
		err  string
	}{
		{"a received voucher", upgrades.VoucherDisplay{Denom: usdc.IBCDenom(), Display: "USDC", Exponent: 6}, ""},
		{"a trace without metadata yet", upgrades.VoucherDisplay{Denom: atom.IBCDenom(), Display: "ATOM", Exponent: 6}, ""},
		{"never received", upgrades.VoucherDisplay{Denom: never.IBCDenom(), Display: "OSMO", Exponent: 6}, "no trace"},
		{"not a voucher", upgrades.VoucherDisplay{Denom: "utrib", Display: "TRIB", Exponent: 6}, "not an ibc/<hash> voucher"},
		{"a malformed hash", upgrades.VoucherDisplay{Denom: "ibc/XYZ", Display: "X", Exponent: 6}, "ibc/XYZ"},
		{"exponent 0", upgrades.VoucherDisplay{Denom: usdc.IBCDenom(), Display: "USDC", Exponent: 0}, "exponent 0"},
		{"the base unit", upgrades.VoucherDisplay{Denom: usdc.IBCDenom(), Display: usdc.IBCDenom(), Exponent: 6}, "cannot be the base unit"},
		{"the base denom's alias", upgrades.VoucherDisplay{Denom: usdc.IBCDenom(), Display: "uusdc", Exponent: 6}, "already an alias"},
		{"an invalid unit name", upgrades.VoucherDisplay{Denom: usdc.IBCDenom(), Display: "1 usdc", Exponent: 6}, "invalid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(t.TempDir()))
			receive(t, a, usdc)
			ctx := a.NewContext(true)
			a.TransferKeeper.SetDenom(ctx, atom) // a trace whose metadata was never written
			before, _ := a.BankKeeper.GetDenomMetaData(ctx, tc.v.Denom)

			err := upgrades.SetVoucherDisplay(ctx, a.BankKeeper, a.TransferKeeper, tc.v)
			md, _ := a.BankKeeper.GetDenomMetaData(ctx, tc.v.Denom)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				require.Equal(t, before, md, "a refused display unit changes nothing")
				return
			}
			require.NoError(t, err)
			require.NoError(t, md.Validate())
			require.Equal(t, tc.v.Display, md.Display)
			last := md.DenomUnits[len(md.DenomUnits)-1]
			require.Equal(t, tc.v.Display, last.Denom)
			require.Equal(t, tc.v.Exponent, last.Exponent)
			require.NoError(t, a.BankKeeper.ExportGenesis(ctx).Validate())

			// Setting it again (a second upgrade correcting the exponent) replaces the unit.
			tc.v.Exponent = 8
			require.NoError(t, upgrades.SetVoucherDisplay(ctx, a.BankKeeper, a.TransferKeeper, tc.v))
			md, _ = a.BankKeeper.GetDenomMetaData(ctx, tc.v.Denom)
			require.Len(t, md.DenomUnits, 2)
			require.Equal(t, uint32(8), md.DenomUnits[1].Exponent)
		})
	}
}
