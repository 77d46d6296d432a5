package cmd

import (
	"time"

	cmtcfg "github.com/cometbft/cometbft/config"

	serverconfig "github.com/cosmos/cosmos-sdk/server/config"

	"github.com/tributary-ai/tributary/app"
	"github.com/tributary-ai/tributary/explorer"
	ipfsconfig "github.com/tributary-ai/tributary/ipfs/config"
)

// AppConfig is the node's app.toml: the SDK's server configuration plus Tributary's own sections.
// Each custom section is a struct field with a mapstructure tag, and a template appended to the
// SDK's; the running node reads the values back through viper (see startOptions).
type AppConfig struct {
	serverconfig.Config `mapstructure:",squash"`

	// IPFS is the [ipfs] section: the embedded IPFS node or a remote kubo.
	IPFS ipfsconfig.Config `mapstructure:"ipfs"`

	// Explorer is the [explorer] section: the web explorer on the REST API server.
	Explorer explorer.Config `mapstructure:"explorer"`
}

// localTimeoutCommit is the pause after each commit that `tributaryd init` writes. CometBFT's own
// default (1s) is silently raised to 5s by the SDK; Tributary's local networks want blocks about
// every second, and operators of public networks tune it in config.toml.
const localTimeoutCommit = 800 * time.Millisecond

// State sync snapshot defaults that `tributaryd init` writes (docs/operators.md, "State sync").
const (
	defaultSnapshotInterval   = 1000
	defaultSnapshotKeepRecent = 2
)

// QueryGasLimit is the query-gas-limit `tributaryd init` writes into app.toml.
const QueryGasLimit = BlockMaxGas / 2

// initAppConfig returns the app.toml template and defaults that `tributaryd init` writes.
func initAppConfig() (string, any) {
	srvCfg := serverconfig.DefaultConfig()
	// A node must have a minimum gas price or it relays free transactions; a low non-zero utrib
	// price keeps local networks and tests cheap while making spam cost something.
	srvCfg.MinGasPrices = app.DefaultMinGasPrice
	// Validators serve state sync snapshots so that new nodes join without replaying every block: one
	// every 1000 blocks (about 17 minutes at one block a second), the last two kept.
	srvCfg.StateSync.SnapshotInterval = defaultSnapshotInterval
	srvCfg.StateSync.SnapshotKeepRecent = defaultSnapshotKeepRecent
	// Queries are metered like transactions, or one REST request could make the node read without
	// bound: QueryGasLimit is half a block's gas (BlockMaxGas), the SDK's own suggestion for nodes
	// that serve untrusted clients. Every query at its default page fits with room to spare.
	srvCfg.QueryGasLimit = QueryGasLimit

	// Every full node stores and serves registered content, so a new home starts with the
	// embedded IPFS node on (loopback only until the operator opens it).
	ipfsCfg := ipfsconfig.DefaultConfig()
	ipfsCfg.Enable = true
	cfg := AppConfig{Config: *srvCfg, IPFS: ipfsCfg, Explorer: explorer.DefaultConfig()}
	return serverconfig.DefaultConfigTemplate + ipfsconfig.Template + explorer.ConfigTemplate, cfg
}

// initCometBFTConfig returns the config.toml defaults that `tributaryd init` writes.
func initCometBFTConfig() *cmtcfg.Config {
	cfg := cmtcfg.DefaultConfig()
	cfg.Consensus.TimeoutCommit = localTimeoutCommit
	return cfg
}
