package txcli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
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
	if err := Validate(msgs...); err != nil {
		return err
	}
	if !clientCtx.GenerateOnly {
		if err := CheckSigner(clientCtx); err != nil {
			return err
		}
	}
	txf, err := clienttx.NewFactoryCLI(clientCtx, cmd.Flags())
	if err != nil {
		return err
	}
	f := cmd.Flags()
	if !f.Changed(flags.FlagGas) && !clientCtx.GenerateOnly {
		txf = txf.WithSimulateAndExecute(true)
	}
	if !f.Changed(flags.FlagGasAdjustment) {
		txf = txf.WithGasAdjustment(DefaultGasAdjustment)
	}
	if clientCtx.GenerateOnly {
		return clienttx.GenerateOrBroadcastTxWithFactory(clientCtx, txf, msgs...)
	}

	res, err := signAndBroadcast(clientCtx, txf, msgs...)
	if err != nil || res == nil {
		return err
	}
	if res.Code != 0 {
		_ = printJSON(clientCtx, res)
		return fmt.Errorf("the node refused the transaction (nothing was charged): %s", CleanLog(res.RawLog))
	}
	if async, _ := f.GetBool(FlagAsync); async {
		if clientCtx.OutputFormat == flags.OutputFormatJSON {
			return clientCtx.PrintProto(res)
		}
		_, err := fmt.Fprintf(cmd.OutOrStdout(), "submitted transaction %s; follow it with `tributaryd query wait-tx %s`\n", res.TxHash, res.TxHash)
		return err
	}
	timeout, _ := f.GetDuration(FlagWaitTimeout)
	done, err := WaitForTx(cmd, clientCtx, res.TxHash, timeout)
	if err != nil {
		return err
	}
	if done.Code != 0 {
		_ = printJSON(clientCtx, done)
		return fmt.Errorf("transaction %s failed in block %d (the fee was charged): %s", done.TxHash, done.Height, CleanLog(done.RawLog))
	}
	if clientCtx.OutputFormat == flags.OutputFormatJSON {
		return clientCtx.PrintProto(done)
	}
	_, err = fmt.Fprintln(cmd.OutOrStdout(), describe(done))
	return err
}

func printJSON(clientCtx client.Context, res *sdk.TxResponse) error {
	if clientCtx.OutputFormat != flags.OutputFormatJSON {
		return nil
	}
	return clientCtx.PrintProto(res)
}

// signAndBroadcast is the SDK's BroadcastTx with two changes: it returns the node's answer
// instead of printing it, and a simulation failure is reported in plain words.
func signAndBroadcast(clientCtx client.Context, txf clienttx.Factory, msgs ...sdk.Msg) (*sdk.TxResponse, error) {
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
		fmt.Fprintf(os.Stderr, "gas estimate: %d\n", adjusted)
	}
	if clientCtx.Simulate {
		return nil, nil
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
		fmt.Fprintf(os.Stderr, "%s\n", json.RawMessage(bz))
		ok, err := input.GetConfirmation("confirm transaction before signing and broadcasting", bufio.NewReader(os.Stdin), os.Stderr)
		if err != nil {
			return nil, err
		}
		if !ok {
			fmt.Fprintln(os.Stderr, "canceled transaction")
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
