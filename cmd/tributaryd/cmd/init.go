package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/server"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutilcli "github.com/cosmos/cosmos-sdk/x/genutil/client/cli"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
)

// BlockMaxGas is the block gas limit `tributaryd init` writes into genesis
// (consensus.params.block.max_gas). CometBFT's default, -1, means no limit:
// then nothing relates a block's work to what its transactions paid, and the
// module params (max_parents, max_contributors) and the settlement budget
// could not be sized against anything. 100M gas is about 30 of the largest
// legal registrations (max_contributors 4096: ~3.4M gas) or ~1,000 ordinary
// transactions a block; x/provenance/README.md states the arithmetic.
const BlockMaxGas = 100_000_000

// initCmd is the SDK's init command, followed by writing Tributary's
// consensus params into the genesis it wrote (the SDK's command always writes
// CometBFT's defaults).
func initCmd(basics module.BasicManager, home string) *cobra.Command {
	cmd := genutilcli.InitCmd(basics, home)
	run := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if err := run(cmd, args); err != nil {
			return err
		}
		genFile := server.GetServerContextFromCmd(cmd).Config.GenesisFile()
		return setBlockMaxGas(genFile, BlockMaxGas)
	}
	return cmd
}

// setBlockMaxGas rewrites genFile with block.max_gas = maxGas.
func setBlockMaxGas(genFile string, maxGas int64) error {
	gen, err := genutiltypes.AppGenesisFromFile(genFile)
	if err != nil {
		return fmt.Errorf("read %s: %w", genFile, err)
	}
	if gen.Consensus == nil || gen.Consensus.Params == nil {
		return fmt.Errorf("%s has no consensus params", genFile)
	}
	gen.Consensus.Params.Block.MaxGas = maxGas
	if err := gen.Consensus.Params.ValidateBasic(); err != nil {
		return fmt.Errorf("consensus params: %w", err)
	}
	if err := genutil.ExportGenesisFile(gen, genFile); err != nil {
		return fmt.Errorf("write %s: %w", genFile, err)
	}
	return nil
}
