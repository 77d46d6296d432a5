package dispute

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
)

// AutoCLIOptions describes every command of the module; nothing is hand-written. Opening a dispute with a
// parent or contributors takes the nested fields as JSON flags (--parent, --contributors).
func (AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: "tributary.dispute.v1.Query",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the dispute parameters"},
				{
					RpcMethod: "Dispute", Use: "dispute [dispute-id]", Short: "Show a dispute",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "dispute_id"}},
				},
				{
					RpcMethod: "DisputesByAsset", Use: "by-asset [asset-id]", Short: "List an asset's disputes, oldest first",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "asset_id"}},
				},
				{RpcMethod: "OpenDisputes", Use: "open", Short: "List open and contested disputes, soonest deadline first"},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service: "tributary.dispute.v1.Msg",
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{
					RpcMethod: "OpenDispute", Use: "open [asset-id] [kind] [remedy] [evidence] [bond]",
					Short: "Dispute an asset, posting a bond: improper-registration with reassign (--contributors '{\"list\":{\"members\":[{\"address\":\"trib1...\",\"units\":1}]}}') or revoke; missing-lineage with add-parent (--parent '{\"asset_id\":1,\"weight_bps\":2000,\"relation\":\"RELATION_TRAINED_ON\"}')",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{
						{ProtoField: "asset_id"}, {ProtoField: "kind"}, {ProtoField: "remedy"}, {ProtoField: "evidence"}, {ProtoField: "bond"},
					},
				},
				{
					RpcMethod: "AcceptDispute", Use: "accept [dispute-id]", Short: "Accept a dispute of your asset: the remedy applies now",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "dispute_id"}},
				},
				{
					RpcMethod: "ContestDispute", Use: "contest [dispute-id]", Short: "Contest a dispute of your asset, posting a bond equal to the challenger's",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "dispute_id"}},
				},
				{
					RpcMethod: "ResolveDispute", Use: "resolve [dispute-id] [uphold] [reason]",
					Short:          "Decide a contested dispute (the arbiter signs; governance submits it in a proposal)",
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "dispute_id"}, {ProtoField: "uphold"}, {ProtoField: "reason"}},
					GovProposal:    true,
				},
				{RpcMethod: "UpdateParams", Skip: true},
			},
		},
	}
}
