package txcli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/config"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/input"
	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
)

// Describe turns the result of a successful transaction into the sentence the user reads, e.g.
// "registered dataset #13 (bafy...)".
type Describe func(res *sdk.TxResponse) string

// ErrNoSigner is returned before anything else happens when a command that signs has no --from.
var ErrNoSigner = errors.New("no signer: give --from KEY_NAME (see `tributaryd keys list`)")

// CheckSigner fails early, before a command hashes or uploads anything, when there is no key
// to sign with.
func CheckSigner(clientCtx client.Context) error {
	if clientCtx.GetFromAddress().Empty() {
		return ErrNoSigner
	}
	return nil
}

// Validate runs every message's stateless checks, exactly those CheckTx runs, so that a malformed
// transaction is refused on the user's machine and never costs a fee.
func Validate(msgs ...sdk.Msg) error {
	for _, m := range msgs {
		if v, ok := m.(sdk.HasValidateBasic); ok {
			if err := v.ValidateBasic(); err != nil {
				return errors.New(CleanLog(err.Error()))
			}
		}
	}
	return nil
}

// Run validates, signs, broadcasts and, unless --async, waits for the block; then it prints
// describe's sentence (or the full result with -o json). A transaction the node or the block
// refuses is returned as an error carrying the chain's reason, so the command exits non-zero.
func Run(cmd *cobra.Command, clientCtx client.Context, describe Describe, msgs ...sdk.Msg) error {
	_, err := RunResult(cmd, clientCtx, describe, msgs...)
	return err
}

// RunResult is Run that also returns the committed transaction, for commands that send several in a row
// (`claim --all`). The result is nil when nothing was committed to wait for: --generate-only, --dry-run or
// --async.
func RunResult(cmd *cobra.Command, clientCtx client.Context, describe Describe, msgs ...sdk.Msg) (*sdk.TxResponse, error) {
	if err := Validate(msgs...); err != nil {
		return nil, err
	}
	if !clientCtx.GenerateOnly {
		if err := CheckSigner(clientCtx); err != nil {
			return nil, err
		}
	}
	if clientCtx.Simulate {
		clientCtx = withDryRunKey(clientCtx)
	}
	txf, err := clienttx.NewFactoryCLI(clientCtx, cmd.Flags())
	if err != nil {
		return nil, err
	}
	f := cmd.Flags()
	if !f.Changed(flags.FlagGas) && !clientCtx.GenerateOnly {
		txf = txf.WithSimulateAndExecute(true)
	}
	if !f.Changed(flags.FlagGasAdjustment) {
		txf = txf.WithGasAdjustment(DefaultGasAdjustment)
	}
	if clientCtx.GenerateOnly {
		return nil, clienttx.GenerateOrBroadcastTxWithFactory(clientCtx, txf, msgs...)
	}

	res, err := signAndBroadcast(cmd, clientCtx, txf, msgs...)
	if err != nil || res == nil {
		return nil, err
	}
	if res.Code != 0 {
		_ = printJSON(clientCtx, res)
		return nil, fmt.Errorf("the node refused the transaction (nothing was charged): %s", CleanLog(res.RawLog))
	}
	if async, _ := f.GetBool(FlagAsync); async {
		if clientCtx.OutputFormat == flags.OutputFormatJSON {
			return nil, clientCtx.PrintProto(res)
		}
		_, err := fmt.Fprintf(cmd.OutOrStdout(), "submitted transaction %s; follow it with `tributaryd query wait-tx %s`\n", res.TxHash, res.TxHash)
		return nil, err
	}
	timeout, _ := f.GetDuration(FlagWaitTimeout)
	done, err := WaitForTx(cmd, clientCtx, res.TxHash, timeout)
	if err != nil {
		return nil, err
	}
	if done.Code != 0 {
		_ = printJSON(clientCtx, done)
		return nil, fmt.Errorf("transaction %s failed in block %d (the fee was charged): %s", done.TxHash, done.Height, CleanLog(done.RawLog))
	}
	if clientCtx.OutputFormat == flags.OutputFormatJSON {
		return done, clientCtx.PrintProto(done)
	}
	_, err = fmt.Fprintln(cmd.OutOrStdout(), describe(done))
	return done, err
}

// withDryRunKey gives a --dry-run the signer's key. The SDK takes --from as an address then and
// swaps the keyring for an empty in-memory one, but the simulation reads the signer's public key
// from the keyring by name, so a dry run of client/tx always failed with "no key name or address
// provided". The home's real keyring (client.toml's backend) has the key; a key it does not have
// leaves the context as it was, and the SDK's error stands.
func withDryRunKey(clientCtx client.Context) client.Context {
	addr := clientCtx.GetFromAddress()
	if clientCtx.FromName != "" || addr.Empty() {
		return clientCtx
	}
	real, err := config.ReadFromClientConfig(clientCtx.WithSimulation(false).WithKeyring(nil))
	if err != nil || real.Keyring == nil {
		return clientCtx
	}
	rec, err := real.Keyring.KeyByAddress(addr)
	if err != nil {
		return clientCtx
	}
	return clientCtx.WithKeyring(real.Keyring).WithFromName(rec.Name)
}

func printJSON(clientCtx client.Context, res *sdk.TxResponse) error {
	if clientCtx.OutputFormat != flags.OutputFormatJSON {
		return nil
	}
	return clientCtx.PrintProto(res)
}

// signAndBroadcast is the SDK's BroadcastTx with three changes: it returns the node's answer
// instead of printing it, a simulation failure is reported in plain words, and --dry-run says
// what it did instead of ending in silence. It returns no response and no error only when
// nothing was broadcast (--dry-run, or the user declined), having said so.
func signAndBroadcast(cmd *cobra.Command, clientCtx client.Context, txf clienttx.Factory, msgs ...sdk.Msg) (*sdk.TxResponse, error) {
	stderr := cmd.ErrOrStderr()
	txf, err := txf.Prepare(clientCtx)
	if err != nil {
		return nil, errors.New(CleanLog(err.Error()))
	}
	if txf.SimulateAndExecute() || clientCtx.Simulate {
		if clientCtx.Offline {
			return nil, errors.New("cannot estimate gas offline: give --gas")
		}
		_, adjusted, err := clienttx.CalculateGas(clientCtx, txf, msgs...)
		if err != nil {
			return nil, errors.New(CleanLog(err.Error()))
		}
		txf = txf.WithGas(adjusted)
		fmt.Fprintf(stderr, "gas estimate: %d\n", adjusted)
	}
	if clientCtx.Simulate {
		if clientCtx.OutputFormat == flags.OutputFormatJSON {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "{\"dry_run\":true,\"gas_estimate\":\"%d\"}\n", txf.Gas())
			return nil, err
		}
		_, err := fmt.Fprintf(cmd.OutOrStdout(), "dry run: the transaction passed the node's simulation and would get a gas limit of %s; nothing was signed or broadcast\n",
			Grouped(strconv.FormatUint(txf.Gas(), 10)))
		return nil, err
	}
	unsigned, err := txf.BuildUnsignedTx(msgs...)
	if err != nil {
		return nil, err
	}
	if !clientCtx.SkipConfirm {
		bz, err := clientCtx.TxConfig.TxJSONEncoder()(unsigned.GetTx())
		if err != nil {
			return nil, fmt.Errorf("encode the transaction: %w", err)
		}
		fmt.Fprintf(stderr, "%s\n", json.RawMessage(bz))
		ok, err := input.GetConfirmation("confirm transaction before signing and broadcasting", bufio.NewReader(os.Stdin), stderr)
		if err != nil {
			return nil, err
		}
		if !ok {
			fmt.Fprintln(stderr, "canceled: nothing was signed or broadcast")
			return nil, nil
		}
	}
	if err := clienttx.Sign(clientCtx.GetCmdContextWithFallback(), txf, clientCtx.FromName, unsigned, true); err != nil {
		return nil, err
	}
	bz, err := clientCtx.TxConfig.TxEncoder()(unsigned.GetTx())
	if err != nil {
		return nil, err
	}
	res, err := clientCtx.BroadcastTx(bz)
	if err != nil {
		return nil, errors.New(CleanLog(err.Error()))
	}
	return res, nil
}

// WaitForTx polls the node until the transaction is in a block, or timeout passes. A CLI has no
// block subscription to hand; one query per half-second is cheap for the node.
func WaitForTx(cmd *cobra.Command, clientCtx client.Context, hash string, timeout time.Duration) (*sdk.TxResponse, error) {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = clientCtx.GetCmdContextWithFallback()
	}
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		res, err := authtx.QueryTx(clientCtx, hash)
		if err == nil && res != nil && res.Height > 0 {
			return res, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("transaction %s was accepted but is not in a block after %s; check later with `tributaryd query wait-tx %s`", hash, timeout, hash)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-tick.C:
		}
	}
}
