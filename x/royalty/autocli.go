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
				{RpcMethod: "Params", Use: "params", Short: "Show the royalty parameters"},
				{
					RpcMethod: "Claimable", Use: "claimable [address]",
					Short:          "Show what an address can claim now, per asset (--asset-ids to restrict)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "address"}},
				},
				{
					RpcMethod: "RevenueReport", Use: "revenue [asset-id]",
					Short:          "Show an asset's revenue: paid directly, received from descendants, sent upstream, to contributors, pending",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_id"}},
				},
				{
					RpcMethod: "Attribution", Use: "attribution [asset-id]",
					Short:          "Show who ends up with what share of one unit paid to an asset, across its lineage",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_id"}},
				},
				{RpcMethod: "SettlementQueue", Use: "settlement-queue", Short: "List the assets waiting for settlement, in settlement order"},
				{RpcMethod: "QuarantinedAssets", Use: "quarantined", Short: "List the assets whose settlement failed and is set aside, with why"},
				{
					RpcMethod: "Prices", Use: "prices [asset-id]", Short: "Show an asset's minimum prices per use",
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
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "params"}},
					GovProposal:    true,
				},
				{
					RpcMethod: "RetrySettlement", Use: "retry-settlement-proposal [asset-id...]",
					Short:          "Propose through governance to return quarantined assets to settlement",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_ids", Varargs: true}},
					GovProposal:    true,
				},
			},
		},
	}
}
