// Package network starts in-process Tributary test networks: real CometBFT consensus between N
// validators running the full app, in one process, for module integration tests.
package network

import (
	"context"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	dbm "github.com/cosmos/cosmos-db"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	pruningtypes "github.com/cosmos/cosmos-sdk/store/v2/pruning/types"
	"github.com/cosmos/cosmos-sdk/testutil/network"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"

	"github.com/tributary-ai/tributary/app"
)

type (
	// Network is the SDK's in-process network, running the Tributary app.
	Network = network.Network
	// Validator is one in-process validator; only Validators[0] serves RPC, gRPC and REST.
	Validator = network.Validator
	// Config configures a test network.
	Config = network.Config
)

// DefaultConfig returns a network configuration running the Tributary app with its default
// (utrib) genesis and numValidators validators.
func DefaultConfig(numValidators int) Config {
	app.SetAddressConfig()
	tempApp := app.New(nopLogger(), dbm.NewMemDB(), false, simtestutil.EmptyAppOptions{})
	encCfg := moduletestutil.TestEncodingConfig{
		InterfaceRegistry: tempApp.InterfaceRegistry(),
		Codec:             tempApp.AppCodec(),
		TxConfig:          tempApp.TxConfig(),
		Amino:             tempApp.LegacyAmino(),
	}
	cfg := network.DefaultConfig(func() network.TestFixture {
		return network.TestFixture{
			AppConstructor: newApp,
			GenesisState:   tempApp.DefaultGenesis(),
			EncodingConfig: encCfg,
		}
	})
	cfg.NumValidators = numValidators
	cfg.BondDenom = app.BondDenom
	cfg.MinGasPrices = "0.000006" + app.BondDenom
	cfg.ChainID = "tributary-test"
	cfg.TimeoutCommit = 500 * time.Millisecond
	// The constructor needs the chain id the config ends up with.
	chainID := cfg.ChainID
	cfg.AppConstructor = func(val network.ValidatorI) servertypes.Application {
		return newAppWithChainID(val, chainID)
	}
	return cfg
}

func newApp(val network.ValidatorI) servertypes.Application {
	return newAppWithChainID(val, "tributary-test")
}

func newAppWithChainID(val network.ValidatorI, chainID string) servertypes.Application {
	return app.New(
		val.GetCtx().Logger, dbm.NewMemDB(), true,
		simtestutil.NewAppOptionsWithFlagHome(val.GetCtx().Config.RootDir),
		baseapp.SetPruning(pruningtypes.NewPruningOptionsFromString(val.GetAppConfig().Pruning)),
		baseapp.SetMinGasPrices(val.GetAppConfig().MinGasPrices),
		baseapp.SetChainID(chainID),
	)
}

// New starts a network and stops it when the test ends. Only one network may run per process.
func New(t testing.TB, cfg Config) *Network {
	t.Helper()
	net, err := network.New(t, t.TempDir(), cfg)
	if err != nil {
		t.Fatalf("starting the test network: %v", err)
	}
	if _, err := net.WaitForHeight(1); err != nil {
		t.Fatalf("waiting for the first block: %v", err)
	}
	t.Cleanup(net.Cleanup)
	return net
}

// TxResult is what a committed transaction produced.
type TxResult struct {
	Hash    string
	Height  int64
	Code    uint32
	Log     string
	GasUsed int64
	Events  []string
}

// SubmitTx signs msgs with the key fromName of val's keyring, broadcasts them through val and
// waits (block by block, up to maxBlocks) for the transaction to be committed. A transaction
// rejected by CheckTx is returned with its code and no height.
func SubmitTx(ctx context.Context, net *Network, val *Validator, fromName string, msgs ...sdk.Msg) (TxResult, error) {
	clientCtx := val.ClientCtx.WithFromName(fromName).WithSkipConfirmation(true)
	from, err := clientCtx.Keyring.Key(fromName)
	if err != nil {
		return TxResult{}, fmt.Errorf("key %q: %w", fromName, err)
	}
	addr, err := from.GetAddress()
	if err != nil {
		return TxResult{}, err
	}
	clientCtx = clientCtx.WithFromAddress(addr)

	txf := clienttx.Factory{}.
		WithChainID(net.Config.ChainID).
		WithKeybase(clientCtx.Keyring).
		WithTxConfig(clientCtx.TxConfig).
		WithAccountRetriever(clientCtx.AccountRetriever).
		WithGas(2_000_000).
		WithFees("20000" + app.BondDenom)
	txf, err = txf.Prepare(clientCtx)
	if err != nil {
		return TxResult{}, err
	}
	builder, err := txf.BuildUnsignedTx(msgs...)
	if err != nil {
		return TxResult{}, err
	}
	if err := clienttx.Sign(ctx, txf, fromName, builder, true); err != nil {
		return TxResult{}, err
	}
	txBytes, err := clientCtx.TxConfig.TxEncoder()(builder.GetTx())
	if err != nil {
		return TxResult{}, err
	}
	res, err := clientCtx.BroadcastTxSync(txBytes)
	if err != nil {
		return TxResult{}, err
	}
	if res.Code != 0 {
		return TxResult{Hash: res.TxHash, Code: res.Code, Log: res.RawLog}, nil
	}
	return WaitForTx(ctx, net, res.TxHash, 10)
}

// WaitForTx waits block by block (at most maxBlocks) until the transaction is committed.
func WaitForTx(ctx context.Context, net *Network, hash string, maxBlocks int) (TxResult, error) {
	hashBz, err := hex.DecodeString(hash)
	if err != nil {
		return TxResult{}, err
	}
	rpc := net.Validators[0].RPCClient
	for range maxBlocks {
		if err := net.WaitForNextBlock(); err != nil {
			return TxResult{}, err
		}
		res, err := rpc.Tx(ctx, hashBz, false)
		if err != nil {
			continue // not committed yet
		}
		out := TxResult{
			Hash: hash, Height: res.Height, Code: res.TxResult.Code, Log: res.TxResult.Log,
			GasUsed: res.TxResult.GasUsed,
		}
		for _, ev := range res.TxResult.Events {
			out.Events = append(out.Events, ev.Type)
		}
		return out, nil
	}
	return TxResult{}, fmt.Errorf("transaction %s not committed within %d blocks", hash, maxBlocks)
}

// ClientCtx is validator 0's client context: gRPC queries go through it (it implements
// grpc.ClientConn over ABCI queries).
func ClientCtx(net *Network) client.Context { return net.Validators[0].ClientCtx }
