package cli

import (
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/client/denoms"
	"github.com/tributary-ai/tributary/client/txcli"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// FlagAll makes `claim` repeat until everything accrued is paid.
const FlagAll = "all"

// maxClaimRounds bounds `claim --all`: each round looks at up to 10 x max_claim_assets (at most 10,000) of the
// claimant's assets, so 1,000 rounds reach ten million assets; a loop that long is a bug, not a contributor.
const maxClaimRounds = 1_000

// claimAll sends plain claims one after another, each starting where the previous one's response said more
// remain (MsgClaimResponse.has_more / next_asset_id), so that a contributor of any number of assets is paid
// everything without knowing an id. It stops when a response says nothing remains, or when a later round finds
// nothing to claim (the rest of the assets had nothing accrued).
func claimAll(cmd *cobra.Command) error {
	clientCtx, err := client.GetClientTxContext(cmd)
	if err != nil {
		return err
	}
	if ids, _ := cmd.Flags().GetString(FlagAssetIDs); strings.TrimSpace(ids) != "" {
		return fmt.Errorf("--%s and --%s exclude each other: --%s claims from every asset", FlagAll, FlagAssetIDs, FlagAll)
	}
	if err := txcli.CheckSigner(clientCtx); err != nil {
		return err
	}
	signer, err := clientCtx.InterfaceRegistry.SigningContext().AddressCodec().BytesToString(clientCtx.GetFromAddress())
	if err != nil {
		return err
	}
	describe := describeClaim(cmd.Context(), denoms.FromClient(clientCtx))
	var start uint64
	for round := 1; round <= maxClaimRounds; round++ {
		msg := &types.MsgClaim{Claimant: signer, StartAssetId: start}
		res, err := txcli.RunResult(cmd, clientCtx, describe, msg)
		if err != nil {
			if round > 1 && strings.Contains(err.Error(), types.ErrNothingToClaim.Error()) {
				return nil // the assets after the previous window had nothing accrued
			}
			return err
		}
		if res == nil {
			return nil // --async, --dry-run or --generate-only: one transaction, nothing to continue from
		}
		resp, err := claimResponse(res)
		if err != nil {
			return err
		}
		if !resp.HasMore {
			return nil
		}
		if resp.NextAssetId <= start {
			return fmt.Errorf("the chain answered has_more with next asset #%d, not after #%d: stopping", resp.NextAssetId, start)
		}
		start = resp.NextAssetId
	}
	return fmt.Errorf("stopped after %d claims; run the command again to continue", maxClaimRounds)
}

// claimResponse decodes the MsgClaimResponse of a committed claim transaction.
func claimResponse(res *sdk.TxResponse) (*types.MsgClaimResponse, error) {
	raw, err := hex.DecodeString(res.Data)
	if err != nil {
		return nil, fmt.Errorf("transaction %s: undecodable result data: %w", res.TxHash, err)
	}
	var data sdk.TxMsgData
	if err := data.Unmarshal(raw); err != nil {
		return nil, fmt.Errorf("transaction %s: undecodable result data: %w", res.TxHash, err)
	}
	if len(data.MsgResponses) != 1 {
		return nil, fmt.Errorf("transaction %s: %d message results, want 1", res.TxHash, len(data.MsgResponses))
	}
	var resp types.MsgClaimResponse
	if err := resp.Unmarshal(data.MsgResponses[0].Value); err != nil {
		return nil, fmt.Errorf("transaction %s: not a claim result: %w", res.TxHash, err)
	}
	return &resp, nil
}
