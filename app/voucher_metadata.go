package app

import (
	"context"
	"strings"

	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	ibctransfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
)

// voucherMetadataBank is the bank keeper ibc-go's transfer module writes through. When the first packet of a
// token arrives, ibc-go v11 stores the voucher's metadata with the token's base denom ("uusdc") as the first
// unit and its trace path as display, a shape x/bank's own Metadata.Validate refuses (the first unit must be the
// base, ibc/<HASH>, and display must name a unit). Stored as is, every chain that ever received a voucher would
// export a genesis that `tributaryd genesis validate` refuses. SetDenomMetaData stores the valid shape instead.
type voucherMetadataBank struct {
	bankkeeper.BaseKeeper
}

// SetDenomMetaData stores md, an IBC voucher's metadata made valid first (validVoucherMetadata).
func (b voucherMetadataBank) SetDenomMetaData(ctx context.Context, md banktypes.Metadata) {
	b.BaseKeeper.SetDenomMetaData(ctx, validVoucherMetadata(md))
}

// validVoucherMetadata keeps everything ibc-go says about a voucher (description, name and symbol from the
// trace) in a shape bank accepts: the first unit is the base ibc/<HASH> with exponent 0 and the token's own base
// denom as its alias, and display falls back to the base when it names no unit. Metadata that is already valid,
// or is not a voucher's, is returned unchanged.
func validVoucherMetadata(md banktypes.Metadata) banktypes.Metadata {
	if md.Validate() == nil || !strings.HasPrefix(md.Base, ibctransfertypes.DenomPrefix+"/") {
		return md
	}
	base := &banktypes.DenomUnit{Denom: md.Base}
	units := []*banktypes.DenomUnit{base}
	for _, u := range md.DenomUnits {
		switch {
		case u.Denom == md.Base:
			base.Aliases = append(base.Aliases, u.Aliases...)
		case u.Exponent == 0:
			base.Aliases = append(base.Aliases, u.Denom)
		default:
			units = append(units, u)
		}
	}
	md.DenomUnits = units
	display := false
	for _, u := range units {
		display = display || u.Denom == md.Display
	}
	if !display {
		md.Display = md.Base
	}
	return md
}
