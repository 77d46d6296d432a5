package app

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Chain-wide constants. They are compile-time facts of the Tributary network, not configuration:
// changing one changes every address and every denomination on chain.
const (
	// AppName is the name baseapp reports and the binary's default home folder suffix.
	AppName = "tributary"

	// AccountAddressPrefix is the bech32 human-readable part of account addresses.
	AccountAddressPrefix = "trib"

	// BondDenom is the base denomination: bonding, fees, registration fees and default royalty payments.
	BondDenom = "utrib"

	// DisplayDenom is the denomination people read; 1 TRIB = 10^DisplayExponent utrib.
	DisplayDenom = "TRIB"

	// DisplayExponent is the number of decimals between BondDenom and DisplayDenom.
	DisplayExponent = 6

	// DefaultMinGasPrice is what `tributaryd init` writes as the node's minimum gas price:
	// low enough for local networks and tests, non-zero so that a fresh node does not relay free spam.
	DefaultMinGasPrice = "0.001" + BondDenom
)

// Bech32 prefixes derived from AccountAddressPrefix, following the SDK's conventions.
var (
	Bech32PrefixAccPub   = AccountAddressPrefix + sdk.PrefixPublic
	Bech32PrefixValAddr  = AccountAddressPrefix + sdk.PrefixValidator + sdk.PrefixOperator
	Bech32PrefixValPub   = AccountAddressPrefix + sdk.PrefixValidator + sdk.PrefixOperator + sdk.PrefixPublic
	Bech32PrefixConsAddr = AccountAddressPrefix + sdk.PrefixValidator + sdk.PrefixConsensus
	Bech32PrefixConsPub  = AccountAddressPrefix + sdk.PrefixValidator + sdk.PrefixConsensus + sdk.PrefixPublic
)

// SetAddressConfig installs Tributary's bech32 prefixes in the SDK's global config and seals it.
//
// The SDK still reads address prefixes from this process-wide config in places the app cannot
// reach (key output, some legacy String() methods), so the binary and tests call this once at
// start-up, before any address is printed. It is idempotent for the same prefixes.
func SetAddressConfig() {
	cfg := sdk.GetConfig()
	if cfg.GetBech32AccountAddrPrefix() == AccountAddressPrefix {
		return
	}
	cfg.SetBech32PrefixForAccount(AccountAddressPrefix, Bech32PrefixAccPub)
	cfg.SetBech32PrefixForValidator(Bech32PrefixValAddr, Bech32PrefixValPub)
	cfg.SetBech32PrefixForConsensusNode(Bech32PrefixConsAddr, Bech32PrefixConsPub)
	cfg.Seal()
}
