package royalty

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

// AutoCLIOptions describes every command of the module; nothing is hand-written.
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "tributary.royalty.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the royalty parameters", Example: "  tributaryd query royalty params -o json"},
				{
					RpcMethod: "Claimable", Use: "claimable [address]",
					Short:          "Show what an address can claim now, per asset (--asset-ids to restrict)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
				{
					RpcMethod: "RevenueReport", Use: "revenue [asset-id]",
					Short:          "Show an asset's revenue: paid directly, received from descendants, sent upstream, to contributors, pending",
					Example:        "  tributaryd query royalty revenue 3",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_id"}},
				},
				{
					RpcMethod: "Attribution", Use: "attribution [asset-id]",
					Short:          "Show who ends up with what share of one unit paid to an asset, across its lineage",
					Example:        "  tributaryd query royalty attribution 3\n  tributaryd query royalty attribution 3 --page-limit 20 --page-key <next_key of the previous page>",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_id"}},
				},
				{RpcMethod: "SettlementQueue", Use: "settlement-queue", Short: "List the assets waiting for settlement, in settlement order", Example: "  tributaryd query royalty settlement-queue --page-limit 20"},
				{RpcMethod: "QuarantinedAssets", Use: "quarantined", Short: "List the assets whose settlement failed and is set aside, with why", Example: "  tributaryd query royalty quarantined"},
				{
					RpcMethod: "Prices", Use: "prices [asset-id]", Short: "Show an asset's minimum prices per use",
					Example:        "  tributaryd query royalty prices 3",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_id"}},
				},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "tributary.royalty.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "Pay", Use: "pay [asset-id] [amount]",
					Short:          "Pay for the use of an asset (e.g. pay 7 1000000utrib --reference req-42)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_id"}, {ProtoField: "amount"}},
				},
				{
					RpcMethod: "SetPrice", Use: "set-price [asset-id] [price]",
					Short:          "Set the minimum price per use of your asset in one denom (0utrib removes it)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_id"}, {ProtoField: "price"}},
				},
				{
					RpcMethod: "Claim", Use: "claim",
					Short: "Claim everything you have accrued as a contributor (--asset-ids to choose assets)",
				},
				{
					RpcMethod: "ClaimMerkle", Use: "claim-merkle [asset-id] [units] [proof-hash...]",
					Short: "Prove your membership of an asset's Merkle commitment once and claim (hashes in hex or base64)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "asset_id"}, {ProtoField: "units"}, {ProtoField: "proof", Varargs: true},
					},
				},
				{
					RpcMethod: "UpdateParams", Use: "update-params-proposal [params]",
					Short:          "Propose new royalty parameters (all fields) through governance",
					Example:        "  tributaryd tx royalty update-params-proposal \"$(tributaryd query royalty params -o json | jq -c .params)\" --from alice --deposit 10000000utrib",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}},
					GovProposal:    true,
				},
				{
					RpcMethod: "RetrySettlement", Use: "retry-settlement-proposal [asset-id...]",
					Short:          "Propose through governance to return quarantined assets to settlement",
					Example:        "  tributaryd tx royalty retry-settlement-proposal 7 9 --from alice --deposit 10000000utrib",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_ids", Varargs: true}},
					GovProposal:    true,
				},
			},
		},
	}
}
