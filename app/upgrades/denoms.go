package upgrades

import (
	"context"
	"fmt"
	"sort"
	"strings"

	cmtbytes "github.com/cometbft/cometbft/libs/bytes"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	transfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
)

// VoucherDisplay gives an accepted IBC voucher a display unit, so that wallets, explorers and `tributaryd`
// print its amounts with decimals ("1.5 USDC" for 1500000 ibc/...): the decision governance takes with the
// denom, written by the upgrade that carries it.
type VoucherDisplay struct {
	// Denom is the voucher, ibc/<HASH>.
	Denom string
	// Display is the name of the display unit ("USDC").
	Display string
	// Exponent is the power of ten from the base unit to the display unit (6 for USDC's uusdc).
	Exponent uint32
}

// DenomMetadataStore is the part of x/bank's keeper that reads and writes denom metadata.
type DenomMetadataStore interface {
	GetDenomMetaData(ctx context.Context, denom string) (banktypes.Metadata, bool)
	SetDenomMetaData(ctx context.Context, md banktypes.Metadata)
}

// DenomTraces is the part of ibc-go's transfer keeper that knows what a voucher stands for and writes its
// default metadata.
type DenomTraces interface {
	GetDenom(ctx sdk.Context, hash cmtbytes.HexBytes) (transfertypes.Denom, bool)
	SetDenomMetadata(ctx sdk.Context, denom transfertypes.Denom)
}

// SetVoucherDisplay adds v's display unit to the voucher's bank metadata. ibc-go writes that metadata when the
// first packet of the token arrives (description and name from the trace, symbol from the base denom, one unit
// of exponent 0); SDK v0.55's x/bank has no message to change it, so a display unit is written here, in an
// upgrade handler. A voucher the chain has never received is refused (its trace is unknown, so nothing can say
// what the hash stands for), and so is a display unit that clashes with the metadata.
func SetVoucherDisplay(ctx sdk.Context, bank DenomMetadataStore, traces DenomTraces, v VoucherDisplay) error {
	hash, ok := strings.CutPrefix(v.Denom, transfertypes.DenomPrefix+"/")
	if !ok {
		return fmt.Errorf("display unit for %q: not an ibc/<hash> voucher", v.Denom)
	}
	parsed, err := transfertypes.ParseHexHash(hash)
	if err != nil {
		return fmt.Errorf("display unit for %q: %w", v.Denom, err)
	}
	trace, ok := traces.GetDenom(ctx, parsed)
	if !ok {
		return fmt.Errorf("display unit for %s: the chain has no trace for it (no packet of it has arrived)", v.Denom)
	}
	if v.Exponent == 0 {
		return fmt.Errorf("display unit %q for %s: exponent 0 is the base unit, not a display unit", v.Display, v.Denom)
	}
	md, ok := bank.GetDenomMetaData(ctx, v.Denom)
	if !ok {
		traces.SetDenomMetadata(ctx, trace)
		if md, ok = bank.GetDenomMetaData(ctx, v.Denom); !ok {
			return fmt.Errorf("display unit for %s: ibc-go wrote no metadata for %s", v.Denom, trace.Path())
		}
	}
	if v.Display == md.Base {
		return fmt.Errorf("display unit %q for %s: the display unit cannot be the base unit", v.Display, v.Denom)
	}
	for _, u := range md.DenomUnits {
		for _, alias := range u.Aliases {
			if alias == v.Display {
				return fmt.Errorf("display unit %q for %s: already an alias of %s", v.Display, v.Denom, u.Denom)
			}
		}
	}
	units := make([]*banktypes.DenomUnit, 0, len(md.DenomUnits)+1)
	for _, u := range md.DenomUnits {
		if u.Denom != v.Display {
			units = append(units, u)
		}
	}
	units = append(units, &banktypes.DenomUnit{Denom: v.Display, Exponent: v.Exponent})
	sort.SliceStable(units, func(i, j int) bool { return units[i].Exponent < units[j].Exponent })
	md.DenomUnits = units
	md.Display = v.Display
	if err := md.Validate(); err != nil {
		return fmt.Errorf("display unit %q for %s (%s): %w", v.Display, v.Denom, trace.Path(), err)
	}
	bank.SetDenomMetaData(ctx, md)
	return nil
}
