package txcli

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client/flags"
)

const (
	// FlagAsync makes a command return once the node accepted the transaction into its mempool,
	// without waiting for the block.
	FlagAsync = "async"
	// FlagWaitTimeout bounds the wait for inclusion.
	FlagWaitTimeout = "wait-timeout"

	// DefaultGasAdjustment multiplies the simulated gas when the user gives no --gas. The SDK's
	// 1.0 runs out: the simulation signs with an empty signature and a zero sequence, so the real
	// transaction costs a little more (measured: a one-contributor dataset estimated 88,566 and
	// used 90,400, 2% more). 1.3 covers that with room for state that changes between the
	// simulation and the block (another registration moving a counter or a queue), and costs
	// nothing extra: unused gas is not charged beyond the fee the user set.
	DefaultGasAdjustment = 1.3
	// DefaultWaitTimeout is how long a command waits for its transaction to be in a block; a few
	// dozen blocks on any healthy chain.
	DefaultWaitTimeout = 60 * time.Second
)

// AddTxFlags adds the SDK's transaction flags plus --async and --wait-timeout, and says in the
// help text what the defaults mean for this command.
func AddTxFlags(cmd *cobra.Command) {
	flags.AddTxFlagsToCmd(cmd)
	f := cmd.Flags()
	if g := f.Lookup(flags.FlagGas); g != nil {
		g.Usage = "gas limit, or \"auto\" to simulate; default: simulate and add 30% headroom"
	}
	if g := f.Lookup(flags.FlagGasAdjustment); g != nil {
		g.Usage = "factor applied to the simulated gas (default 1.3 when --gas is not given)"
	}
	f.Bool(FlagAsync, false, "return once the node accepted the transaction, without waiting for its block")
	f.Duration(FlagWaitTimeout, DefaultWaitTimeout, "how long to wait for the transaction to be in a block")
}
