package app

import (
	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/types/module"
)

// This file is where Tributary's own modules (x/provenance: assets and lineage; x/royalty: fees in,
// rewards out) plug into the app. Keeping them apart from the SDK wiring means adding a module
// touches these four functions and nothing else.

// tributaryStoreKeys are the store keys of Tributary's modules.
func tributaryStoreKeys() []string { return nil }

// tributaryModuleNames are Tributary's modules in execution order (provenance before royalty:
// royalty reads provenance state).
func tributaryModuleNames() []string { return nil }

// initTributaryKeepers builds Tributary's keepers once the SDK keepers exist.
func (app *App) initTributaryKeepers(authority string, accCodec address.Codec) {
	_, _ = authority, accCodec
}

// tributaryModules returns the app modules of Tributary's own modules.
func (app *App) tributaryModules() []module.AppModule { return nil }
