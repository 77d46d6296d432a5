// Package cli holds the royalty module's transaction commands. They are
// hand-written, not AutoCLI's, so that every one is validated locally, waits
// for its block and says what it did ("paid 1,000,000 utrib to #4"), and so
// that a mistyped amount or id is explained in the user's terms.
package cli

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/client/denoms"
	"github.com/tributary-ai/tributary/client/txcli"
	provcli "github.com/tributary-ai/tributary/x/provenance/client/cli"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// Flags of the royalty commands.
const (
	FlagReference = "reference"
	FlagAssetIDs  = "asset-ids"
)

// TxCommands returns the module's transaction commands; the root command puts
// them in place of AutoCLI's commands of the same names.
func TxCommands() []*cobra.Command {
	return []*cobra.Command{payCmd(), setPriceCmd(), claimCmd(), claimMerkleCmd()}
}

var coinText = regexp.MustCompile(`^([0-9]+)([a-zA-Z][a-zA-Z0-9/:._-]{2,127})$`)

// ParseAmount parses AMOUNT as the chain takes it, a whole number of the
// smallest unit followed by its denom (1000000utrib), and explains the usual
// mistakes: no denom, a decimal, a space.
func ParseAmount(what, s string) (sdk.Coin, error) {
	s = strings.TrimSpace(s)
	m := coinText.FindStringSubmatch(s)
	if m == nil {
		switch {
		case regexp.MustCompile(`^[0-9]+$`).MatchString(s):
			return sdk.Coin{}, fmt.Errorf("%s %q has no denom: write it as %sutrib", what, s, s)
		case strings.ContainsAny(s, ".,"):
			return sdk.Coin{}, fmt.Errorf("%s %q: amounts are whole numbers of the smallest unit (1 trib = 1000000utrib), e.g. 1500000utrib", what, s)
		default:
			return sdk.Coin{}, fmt.Errorf("%s %q: want AMOUNT followed by its denom, e.g. 1000000utrib", what, s)
		}
	}
	amount, ok := sdkmath.NewIntFromString(m[1])
	if !ok {
		return sdk.Coin{}, fmt.Errorf("%s %q: the amount is too large", what, s)
	}
	return sdk.Coin{Denom: m[2], Amount: amount}, nil
}

// parseIDs parses --asset-ids 1,3 (or "#1,#3").
func parseIDs(s string) ([]uint64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var ids []uint64
	for _, part := range strings.Split(s, ",") {
		id, err := provcli.ParseAssetID(strings.TrimSpace(part))
		if err != nil {
			return nil, fmt.Errorf("--%s: %w", FlagAssetIDs, err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// signedTx builds a command that signs one message with --from.
func signedTx(use, short, example string, args cobra.PositionalArgs, build func(cmd *cobra.Command, signer string, args []string) (sdk.Msg, txcli.Describe, error)) *cobra.Command {
	cmd := &cobra.Command{
		Use: use, Short: short, Example: example, Args: args,
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			if err := txcli.CheckSigner(clientCtx); err != nil && !clientCtx.GenerateOnly {
				return err
			}
			signer, err := clientCtx.InterfaceRegistry.SigningContext().AddressCodec().BytesToString(clientCtx.GetFromAddress())
			if err != nil {
				return err
			}
			msg, describe, err := build(cmd, signer, args)
			if err != nil {
				return err
			}
			return txcli.Run(cmd, clientCtx, describe, msg)
		},
	}
	txcli.AddTxFlags(cmd)
	return cmd
}

func payCmd() *cobra.Command {
	cmd := signedTx("pay [asset-id] [amount]",
		"Pay for the use of an asset; the revenue is settled up its lineage to every ancestor and contributor",
		"  tributaryd tx royalty pay 4 1000000utrib --reference req-42 --from carol --fees 5000utrib -y",
		cobra.ExactArgs(2), func(cmd *cobra.Command, signer string, args []string) (sdk.Msg, txcli.Describe, error) {
			id, err := provcli.ParseAssetID(args[0])
			if err != nil {
				return nil, nil, err
			}
			amount, err := ParseAmount("amount", args[1])
			if err != nil {
				return nil, nil, err
			}
			ref, _ := cmd.Flags().GetString(FlagReference)
			msg := &types.MsgPay{Payer: signer, AssetId: id, Amount: amount, Reference: ref}
			names := namer(cmd)
			return msg, func(res *sdk.TxResponse) string {
				ev := txcli.Event(res, "tributary.royalty.v1.EventPaid")
				if ev == nil {
					return txcli.Fallback(res)
				}
				return fmt.Sprintf("paid %s to #%d (protocol fee %s) in block %d",
					eventCoins(cmd.Context(), names, ev["amount"]), id, eventCoins(cmd.Context(), names, ev["fee"]), res.Height)
			}, nil
		})
	cmd.Flags().String(FlagReference, "", "your reference for this payment (an order or request id), recorded in the event")
	return cmd
}

func setPriceCmd() *cobra.Command {
	return signedTx("set-price [asset-id] [price]",
		"Set the minimum price per use of your asset in one denom (0utrib removes it)",
		"  tributaryd tx royalty set-price 4 250000utrib --from alice --fees 5000utrib -y",
		cobra.ExactArgs(2), func(_ *cobra.Command, signer string, args []string) (sdk.Msg, txcli.Describe, error) {
			id, err := provcli.ParseAssetID(args[0])
			if err != nil {
				return nil, nil, err
			}
			price, err := ParseAmount("price", args[1])
			if err != nil {
				return nil, nil, err
			}
			msg := &types.MsgSetPrice{Owner: signer, AssetId: id, Price: price}
			return msg, func(res *sdk.TxResponse) string {
				if price.IsZero() {
					return fmt.Sprintf("removed the %s price of asset #%d in block %d", price.Denom, id, res.Height)
				}
				return fmt.Sprintf("asset #%d now costs at least %s %s per use (block %d)", id, txcli.Grouped(price.Amount.String()), price.Denom, res.Height)
			}, nil
		})
}

// describeClaim says what a claim paid, IBC vouchers with the token they stand for.
func describeClaim(ctx context.Context, names *denoms.Namer) txcli.Describe {
	return func(res *sdk.TxResponse) string {
		ev := txcli.Event(res, "tributary.royalty.v1.EventClaimed")
		if ev == nil {
			return txcli.Fallback(res)
		}
		return fmt.Sprintf("claimed %s from assets %s in block %d", eventCoins(ctx, names, ev["amount"]), txcli.IDs(ev["asset_ids"]), res.Height)
	}
}

// namer looks denoms up through the command's node (its --node flag included).
func namer(cmd *cobra.Command) *denoms.Namer {
	clientCtx, err := client.GetClientTxContext(cmd)
	if err != nil {
		clientCtx = client.GetClientContextFromCmd(cmd)
	}
	return denoms.FromClient(clientCtx)
}

// eventCoins writes an event attribute holding a JSON coin or coin list with names, or as given if it is
// neither.
func eventCoins(ctx context.Context, names *denoms.Namer, value string) string {
	type coin struct{ Denom, Amount string }
	var list []coin
	if err := json.Unmarshal([]byte(value), &list); err != nil {
		var one coin
		if err := json.Unmarshal([]byte(value), &one); err != nil || one.Denom == "" {
			return value
		}
		list = []coin{one}
	}
	var coins sdk.Coins
	for _, c := range list {
		amount, ok := sdkmath.NewIntFromString(c.Amount)
		if !ok {
			return value
		}
		coins = append(coins, sdk.Coin{Denom: c.Denom, Amount: amount})
	}
	return names.Coins(ctx, coins)
}

func claimCmd() *cobra.Command {
	cmd := signedTx("claim",
		"Claim everything you have accrued as a contributor (--asset-ids to choose assets)",
		"  tributaryd query royalty claimable bob\n  tributaryd tx royalty claim --from bob --fees 5000utrib -y\n  tributaryd tx royalty claim --all --from bob -y   # a contributor of more than max_claim_assets assets",
		cobra.NoArgs, func(cmd *cobra.Command, signer string, _ []string) (sdk.Msg, txcli.Describe, error) {
			text, _ := cmd.Flags().GetString(FlagAssetIDs)
			ids, err := parseIDs(text)
			if err != nil {
				return nil, nil, err
			}
			return &types.MsgClaim{Claimant: signer, AssetIds: ids}, describeClaim(cmd.Context(), namer(cmd)), nil
		})
	cmd.Flags().String(FlagAssetIDs, "", "claim only from these assets, e.g. 1,3 (default: every asset with something to claim)")
	cmd.Flags().Bool(FlagAll, false, "repeat the claim until every asset is paid (one claim pays at most max_claim_assets assets)")
	single := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if all, _ := cmd.Flags().GetBool(FlagAll); all {
			return claimAll(cmd)
		}
		return single(cmd, args)
	}
	return cmd
}

func claimMerkleCmd() *cobra.Command {
	return signedTx("claim-merkle [asset-id] [units] [proof-hash...]",
		"Prove your membership of an asset's Merkle commitment once, then claim (hashes in hex, as `members proof` prints them)",
		"  tributaryd tx royalty claim-merkle 5 $(tributaryd tx provenance members proof members.csv dave) --from dave --fees 5000utrib -y",
		cobra.MinimumNArgs(2), func(cmd *cobra.Command, signer string, args []string) (sdk.Msg, txcli.Describe, error) {
			id, err := provcli.ParseAssetID(args[0])
			if err != nil {
				return nil, nil, err
			}
			units, err := strconv.ParseUint(args[1], 10, 64)
			if err != nil || units == 0 {
				return nil, nil, fmt.Errorf("units %q: want your positive number of units from the members file", args[1])
			}
			proof := make([][]byte, 0, len(args)-2)
			for i, h := range args[2:] {
				bz, err := decodeHash(h)
				if err != nil {
					return nil, nil, fmt.Errorf("proof hash %d %q: %w", i+1, h, err)
				}
				proof = append(proof, bz)
			}
			msg := &types.MsgClaimMerkle{Claimant: signer, AssetId: id, Units: units, Proof: proof}
			return msg, func(res *sdk.TxResponse) string {
				out := fmt.Sprintf("proved membership of asset #%d with %d units", id, units)
				if ev := txcli.Event(res, "tributary.royalty.v1.EventClaimed"); ev != nil {
					out += "; " + describeClaim(cmd.Context(), namer(cmd))(res)
				} else {
					out += fmt.Sprintf(" in block %d (nothing to claim yet)", res.Height)
				}
				return out
			}, nil
		})
}

// decodeHash reads a 32-byte proof hash in hex (the encoding `members proof`
// and the queries print) or, for older scripts, base64.
func decodeHash(s string) ([]byte, error) {
	if bz, err := hex.DecodeString(s); err == nil {
		if len(bz) != 32 {
			return nil, fmt.Errorf("%d bytes, want 32", len(bz))
		}
		return bz, nil
	}
	bz, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(bz) != 32 {
		return nil, fmt.Errorf("not a 32-byte hash in hex")
	}
	return bz, nil
}
