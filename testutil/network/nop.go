package network

import "cosmossdk.io/log/v2"

func nopLogger() log.Logger { return log.NewNopLogger() }
