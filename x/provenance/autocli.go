package provenance

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

// AutoCLIOptions implements autocli.HasAutoCLIConfig. Every message and query
// is served by AutoCLI except RegisterAsset, which the hand-written
// register-dataset and register-model commands replace because they hash
// local content first (client/cli).
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "tributary.provenance.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod:      "Asset",
					Use:            "asset [id]",
					Short:          "Show an asset by id",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "id"}},
				},
				{
					RpcMethod:      "AssetByCID",
					Use:            "asset-by-cid [cid]",
					Short:          "Show the asset registered for a CID (any multibase)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "cid"}},
				},
				{
					RpcMethod: "Assets",
					Use:       "assets",
					Short:     "List assets, optionally of one --kind and/or --owner",
				},
				{
					RpcMethod:      "AssetsByContributor",
					Example:        "  tributaryd query provenance assets-by-contributor alice\n  tributaryd query provenance assets-by-contributor trib1... --page-limit 50",
					Use:            "assets-by-contributor [address]",
					Short:          "List the ids of the assets whose contributor list names an address",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
				{
					RpcMethod:      "Children",
					Example:        "  tributaryd query provenance children 1",
					Use:            "children [id]",
					Short:          "List the ids of the direct children of an asset",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "id"}},
				},
				{
					RpcMethod: "Ancestors",
					Example:   "  tributaryd query provenance ancestors 3 --max-depth 2\n  tributaryd query provenance ancestors 3 --page-limit 100 --page-key <next_key of the previous page>",
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"max_depth": {Usage: "list ancestors at most this many edges up (0: all)"},
					},
					Use:            "ancestors [id]",
					Short:          "List every ancestor of an asset with its distance (--max-depth to limit; --page-key to resume)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "id"}},
				},
				{
					RpcMethod: "Lineage",
					Example:   "  tributaryd query provenance lineage 3 --depth 2 --max-nodes 100",
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"depth":     {Usage: "how many edges up and down from the asset to reach (0: 3; at most 64)"},
						"max_nodes": {Usage: "the most assets to return (0: 256; at most 2000)"},
					},
					Use:            "lineage [id]",
					Short:          "Show the lineage subgraph around an asset (--depth, --max-nodes)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "id"}},
				},
				{
					RpcMethod:      "AssetsByExternalID",
					Use:            "assets-by-external-id [external-id]",
					Short:          "List every asset claiming an identifier (hf:ORG/NAME, hf-datasets:ORG/NAME, doi:..., https://...) with owner and status",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "external_id"}},
					Example:        "  tributaryd query provenance assets-by-external-id hf:meta-llama/Llama-3.1-8B\n  tributaryd query provenance assets-by-external-id doi:10.57967/hf/2493 -o json",
				},
				{
					RpcMethod: "Revocations",
					Use:       "revocations",
					Short:     "List revocations from a height on, ascending (height, asset id)",
					Long:      "Lists the revocation index: every asset governance or an upheld dispute revoked, with the height it was revoked at (assets revoked before the index existed carry the height of the upgrade that built it). Pages resume from --page-key (the previous page's next_key); --page-limit is at most 1000.",
					Example:   "  tributaryd query provenance revocations\n  tributaryd query provenance revocations --from-height 120000 --page-limit 500 -o json",
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"from_height": {Usage: "the first block height to list (0: from the first revocation)"},
					},
				},
				{
					RpcMethod: "Params",
					Use:       "params",
					Short:     "Show the module parameters",
					Example:   "  tributaryd query provenance params -o json",
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service:              "tributary.provenance.v1.Msg",
			EnhanceCustomCommand: true,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "RegisterAsset",
					Skip:      true, // register-dataset and register-model hash local content first
				},
				{
					RpcMethod:      "UpdateAsset",
					Use:            "update-asset [asset-id] [description]",
					Short:          "Replace an asset's description and metadata CID (--metadata-cid; omitted clears it)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_id"}, {ProtoField: "description"}},
				},
				{
					RpcMethod:      "TransferOwnership",
					Use:            "transfer-ownership [asset-id] [new-owner]",
					Short:          "Propose a new owner for an asset; the new owner must accept",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_id"}, {ProtoField: "new_owner"}},
				},
				{
					RpcMethod:      "AcceptOwnership",
					Use:            "accept-ownership [asset-id]",
					Short:          "Accept an asset offered to you",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_id"}},
				},
				{
					RpcMethod:      "CancelTransfer",
					Use:            "cancel-transfer [asset-id]",
					Short:          "Withdraw a proposed ownership transfer",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_id"}},
				},
				{
					RpcMethod:      "RetireAsset",
					Use:            "retire [asset-id]",
					Short:          "Retire an asset: no new derivatives or payments; lineage and earned rewards stay",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_id"}},
				},
				{
					RpcMethod: "SetExternalIDs",
					Skip:      true, // hand-written set-external-ids (client/cli/external_ids.go)
				},
				{
					RpcMethod:      "RevokeAsset",
					Example:        "  tributaryd tx provenance revoke-asset-proposal 7 \"infringes a licence\" --from alice --deposit 10000000utrib",
					Use:            "revoke-asset-proposal [asset-id] [reason]",
					Short:          "Submit a governance proposal to revoke an asset",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_id"}, {ProtoField: "reason"}},
					GovProposal:    true,
				},
				{
					RpcMethod:      "UpdateParams",
					Example:        "  tributaryd tx provenance update-params-proposal \"$(tributaryd query provenance params -o json | jq -c .params)\" --from alice --deposit 10000000utrib",
					Use:            "update-params-proposal [params]",
					Short:          "Submit a governance proposal replacing all module params (JSON, see `query provenance params`)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}},
					GovProposal:    true,
				},
			},
		},
	}
}
