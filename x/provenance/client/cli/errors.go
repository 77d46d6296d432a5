package cli

import (
	"errors"

	"github.com/tributary-ai/tributary/client/txcli"
)

// queryError is a query's error as the user should read it: the node's
// reason, without the gRPC wrapping or source positions.
func queryError(err error) error { return errors.New(txcli.CleanLog(err.Error())) }
