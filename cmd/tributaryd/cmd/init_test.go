package cmd_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/viper"
	"github.com/stretchr/testify/require"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"

	"github.com/tributary-ai/tributary/cmd/tributaryd/cmd"
)

// TestInitWritesGasLimits: `tributaryd init` writes the block gas limit into
// genesis (CometBFT's default is -1, no limit) and a non-zero query gas limit
// into app.toml (the SDK's default is 0, unmetered queries).
func TestInitWritesGasLimits(t *testing.T) {
	home := t.TempDir()
	root := cmd.NewRootCmd()
	root.SetArgs([]string{"init", "node0", "--chain-id", "tributary-test", "--default-denom", "utrib", "--home", home})
	root.SetOut(new(nopWriter))
	root.SetErr(new(nopWriter))
	require.NoError(t, svrcmd.Execute(root, "TRIBUTARY", home))

	gen, err := genutiltypes.AppGenesisFromFile(filepath.Join(home, "config", "genesis.json"))
	require.NoError(t, err)
	require.Equal(t, int64(cmd.BlockMaxGas), gen.Consensus.Params.Block.MaxGas)
	require.Equal(t, int64(100_000_000), gen.Consensus.Params.Block.MaxGas)

	v := viper.New()
	v.SetConfigFile(filepath.Join(home, "config", "app.toml"))
	require.NoError(t, v.ReadInConfig())
	require.Equal(t, uint64(cmd.QueryGasLimit), v.GetUint64("query-gas-limit"))
	require.NotZero(t, v.GetUint64("query-gas-limit"))
	_, err = os.Stat(filepath.Join(home, "config", "config.toml"))
	require.NoError(t, err)
}

type nopWriter struct{}

func (*nopWriter) Write(p []byte) (int, error) { return len(p), nil }
