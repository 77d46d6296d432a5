package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/client/txcli"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// FlagClearMetadataCID removes an asset's metadata CID; without it,
// update-asset keeps the current one unless --metadata-cid replaces it.
const FlagClearMetadataCID = "clear-metadata-cid"

// ownerTx is the shape of the owner's messages: ARGS -> one message signed by
// --from, reported with a sentence.
func ownerTx(use, short, example string, nargs int, build func(cmd *cobra.Command, clientCtx client.Context, signer string, args []string) (sdk.Msg, txcli.Describe, error)) *cobra.Command {
	cmd := &cobra.Command{
		Use:     use,
		Short:   short,
		Example: example,
		Args:    cobra.ExactArgs(nargs),
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
			msg, describe, err := build(cmd, clientCtx, signer, args)
			if err != nil {
				return err
			}
			return txcli.Run(cmd, clientCtx, describe, msg)
		},
	}
	txcli.AddTxFlags(cmd)
	return cmd
}

func said(format string, a ...any) txcli.Describe {
	return func(res *sdk.TxResponse) string {
		return fmt.Sprintf(format, a...) + fmt.Sprintf(" in block %d", res.Height)
	}
}

func updateAssetCmd() *cobra.Command {
	cmd := ownerTx("update-asset [asset-id] [description]",
		"Replace an asset's description; the metadata CID is kept unless --metadata-cid or --clear-metadata-cid is given",
		"  tributaryd tx provenance update-asset 4 \"v2: deduplicated\" --metadata-cid bafy... --from alice --fees 5000utrib -y",
		2, func(cmd *cobra.Command, clientCtx client.Context, signer string, args []string) (sdk.Msg, txcli.Describe, error) {
			id, err := ParseAssetID(args[0])
			if err != nil {
				return nil, nil, err
			}
			f := cmd.Flags()
			metadata, _ := f.GetString(FlagMetadataCID)
			clear, _ := f.GetBool(FlagClearMetadataCID)
			switch {
			case clear && metadata != "":
				return nil, nil, fmt.Errorf("give --%s or --%s, not both", FlagMetadataCID, FlagClearMetadataCID)
			case !clear && metadata == "":
				// MsgUpdateAsset replaces both fields: keep the current metadata CID.
				res, err := types.NewQueryClient(clientCtx).Asset(cmd.Context(), &types.QueryAssetRequest{Id: id})
				if err != nil {
					return nil, nil, fmt.Errorf("asset #%d: %s", id, txcli.CleanLog(err.Error()))
				}
				metadata = res.Asset.MetadataCid
			}
			msg := &types.MsgUpdateAsset{Owner: signer, AssetId: id, Description: args[1], MetadataCid: metadata}
			return msg, said("updated asset #%d", id), nil
		})
	cmd.Flags().String(FlagMetadataCID, "", "new metadata CID (default: keep the current one)")
	cmd.Flags().Bool(FlagClearMetadataCID, false, "remove the metadata CID")
	return cmd
}

func transferOwnershipCmd() *cobra.Command {
	return ownerTx("transfer-ownership [asset-id] [new-owner]",
		"Propose a new owner (an address or a key name) for an asset; the new owner must accept",
		"  tributaryd tx provenance transfer-ownership 4 bob --from alice --fees 5000utrib -y",
		2, func(_ *cobra.Command, clientCtx client.Context, signer string, args []string) (sdk.Msg, txcli.Describe, error) {
			id, err := ParseAssetID(args[0])
			if err != nil {
				return nil, nil, err
			}
			ac := clientCtx.InterfaceRegistry.SigningContext().AddressCodec()
			to, err := ResolveAddress(clientCtx, ac, "new owner", args[1])
			if err != nil {
				return nil, nil, err
			}
			msg := &types.MsgTransferOwnership{Owner: signer, AssetId: id, NewOwner: to}
			return msg, said("proposed %s as the new owner of asset #%d; they accept with `tributaryd tx provenance accept-ownership %d`", to, id, id), nil
		})
}

func acceptOwnershipCmd() *cobra.Command {
	return ownerTx("accept-ownership [asset-id]", "Accept an asset offered to you",
		"  tributaryd tx provenance accept-ownership 4 --from bob --fees 5000utrib -y",
		1, func(_ *cobra.Command, _ client.Context, signer string, args []string) (sdk.Msg, txcli.Describe, error) {
			id, err := ParseAssetID(args[0])
			if err != nil {
				return nil, nil, err
			}
			return &types.MsgAcceptOwnership{NewOwner: signer, AssetId: id}, said("you now own asset #%d", id), nil
		})
}

func cancelTransferCmd() *cobra.Command {
	return ownerTx("cancel-transfer [asset-id]", "Withdraw a proposed ownership transfer",
		"  tributaryd tx provenance cancel-transfer 4 --from alice --fees 5000utrib -y",
		1, func(_ *cobra.Command, _ client.Context, signer string, args []string) (sdk.Msg, txcli.Describe, error) {
			id, err := ParseAssetID(args[0])
			if err != nil {
				return nil, nil, err
			}
			return &types.MsgCancelTransfer{Owner: signer, AssetId: id}, said("withdrew the transfer of asset #%d", id), nil
		})
}

func retireCmd() *cobra.Command {
	return ownerTx("retire [asset-id]", "Retire an asset: no new derivatives or payments; lineage and earned rewards stay",
		"  tributaryd tx provenance retire 4 --from alice --fees 5000utrib -y",
		1, func(_ *cobra.Command, _ client.Context, signer string, args []string) (sdk.Msg, txcli.Describe, error) {
			id, err := ParseAssetID(args[0])
			if err != nil {
				return nil, nil, err
			}
			return &types.MsgRetireAsset{Owner: signer, AssetId: id}, said("retired asset #%d", id), nil
		})
}
