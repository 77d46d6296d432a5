package simulation

import (
	"context"
	"math/rand"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	"github.com/tributary-ai/tributary/x/provenance/keeper"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Operation weights, overridable through the simulation's app params.
const (
	OpWeightRegisterDataset = "op_weight_msg_register_dataset"
	OpWeightRegisterModel   = "op_weight_msg_register_model"
	OpWeightUpdateAsset     = "op_weight_msg_update_asset"
	OpWeightRetireAsset     = "op_weight_msg_retire_asset"

	DefaultWeightRegisterDataset = 40
	DefaultWeightRegisterModel   = 40
	DefaultWeightUpdateAsset     = 10
	DefaultWeightRetireAsset     = 5
)

// AccountKeeper is what the operations need from x/auth.
type AccountKeeper interface {
	GetAccount(ctx context.Context, addr sdk.AccAddress) sdk.AccountI
}

// BankKeeper is what the operations need from x/bank.
type BankKeeper interface {
	SpendableCoins(ctx context.Context, addr sdk.AccAddress) sdk.Coins
}

// WeightedOperations returns the module's simulation operations: register
// datasets, register models with random valid lineage, update and retire.
func WeightedOperations(appParams simtypes.AppParams, txGen client.TxConfig, ak AccountKeeper, bk BankKeeper, k keeper.Keeper) simulation.WeightedOperations {
	weight := func(key string, def int) int {
		w := def
		appParams.GetOrGenerate(key, &w, nil, func(*rand.Rand) { w = def })
		return w
	}
	in := opInput{txGen: txGen, ak: ak, bk: bk, k: k}
	return simulation.WeightedOperations{
		simulation.NewWeightedOperation(weight(OpWeightRegisterDataset, DefaultWeightRegisterDataset), in.register(false)),
		simulation.NewWeightedOperation(weight(OpWeightRegisterModel, DefaultWeightRegisterModel), in.register(true)),
		simulation.NewWeightedOperation(weight(OpWeightUpdateAsset, DefaultWeightUpdateAsset), in.update()),
		simulation.NewWeightedOperation(weight(OpWeightRetireAsset, DefaultWeightRetireAsset), in.retire()),
	}
}

type opInput struct {
	txGen client.TxConfig
	ak    AccountKeeper
	bk    BankKeeper
	k     keeper.Keeper
}

func (in opInput) deliver(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, acc simtypes.Account, msg sdk.Msg, spent sdk.Coins) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
	return simulation.GenAndDeliverTxWithRandFees(in.txInput(r, app, ctx, acc, msg, spent))
}

// txInput is the delivery of msg by acc. spent is what the message itself takes from the account's
// spendable balance: the random transaction fee is drawn from what is left, so that both can be paid.
func (in opInput) txInput(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, acc simtypes.Account, msg sdk.Msg, spent sdk.Coins) simulation.OperationInput {
	return simulation.OperationInput{
		R: r, App: app, TxGen: in.txGen, Msg: msg, Context: ctx, SimAccount: acc,
		AccountKeeper: in.ak, Bankkeeper: in.bk, ModuleName: types.ModuleName, CoinsSpentInMsg: spent,
	}
}

func (in opInput) register(model bool) simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		params, err := in.k.Params.Get(ctx)
		if err != nil {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgRegisterAsset{}), "no params"), nil, err
		}
		msg, acc, skip, err := randomRegisterMsg(r, ctx, in.k, in.bk, params, accs, model)
		if err != nil || skip != "" {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgRegisterAsset{}), skip), nil, err
		}
		return in.deliver(r, app, ctx, acc, msg, params.RegistrationFee)
	}
}

// randomRegisterMsg returns a valid registration by a random account that
// can afford the fee: a dataset, or a model citing random active assets with
// an upstream share that satisfies every parent's minimum. It returns a skip
// reason when no valid message can be built.
func randomRegisterMsg(r *rand.Rand, ctx sdk.Context, k keeper.Keeper, bk BankKeeper, params types.Params, accs []simtypes.Account, model bool) (*types.MsgRegisterAsset, simtypes.Account, string, error) {
	acc, _ := simtypes.RandomAcc(r, accs)
	// The transaction fee is drawn from what is left after the registration fee (see txInput).
	if !bk.SpendableCoins(ctx, acc.Address).IsAllGTE(params.RegistrationFee) {
		return nil, acc, "cannot afford the fee", nil
	}
	ac := k.AddressCodec()
	owner, err := ac.BytesToString(acc.Address)
	if err != nil {
		return nil, acc, "owner", err
	}
	n := 1 + r.Intn(int(min(params.MaxContributors, 8)))
	members := make([]types.Contributor, 0, n)
	seen := map[string]bool{}
	for range n {
		c, _ := simtypes.RandomAcc(r, accs)
		addr, err := ac.BytesToString(c.Address)
		if err != nil {
			return nil, acc, "contributor", err
		}
		if seen[addr] {
			continue
		}
		seen[addr] = true
		members = append(members, types.Contributor{Address: addr, Units: uint64(1 + r.Intn(1000))})
	}
	msg := &types.MsgRegisterAsset{
		Owner: owner, Kind: types.AssetKind_ASSET_KIND_DATASET, Cid: randomCID(r), SizeBytes: uint64(r.Int63()),
		Name: simtypes.RandStringOfLength(r, 1+r.Intn(32)), Description: simtypes.RandStringOfLength(r, r.Intn(64)),
		License:      []string{"MIT", "Apache-2.0", "CC-BY-4.0", "LicenseRef-sim"}[r.Intn(4)],
		Contributors: types.NewContributorList(members...),
		Policy:       types.RoyaltyPolicy{MinDerivativeShareBps: uint32(r.Intn(2000))},
	}
	if !model {
		return msg, acc, "", nil
	}
	msg.Kind = types.AssetKind_ASSET_KIND_MODEL
	parents, err := randomParents(r, ctx, k, int(params.MaxParents))
	if err != nil {
		return nil, acc, "read assets", err
	}
	if len(parents) == 0 {
		return nil, acc, "no active asset to derive from", nil
	}
	need, err := leastUpstreamShare(ctx, k, parents)
	if err != nil {
		return nil, acc, "read parent", err
	}
	if need > types.BasisPoints {
		// Small weights cannot satisfy demanding parents: cite the first
		// alone, whose minimum (at most 100%) is always reachable.
		parents = parents[:1]
		parents[0].WeightBps = types.BasisPoints
		if need, err = leastUpstreamShare(ctx, k, parents); err != nil {
			return nil, acc, "read parent", err
		}
	}
	msg.Parents = parents
	msg.Policy.UpstreamShareBps = uint32(need + uint64(r.Intn(int(types.BasisPoints-need)+1)))
	return msg, acc, "", nil
}

// leastUpstreamShare returns the least upstream share (bps, possibly above
// 10000) that satisfies every parent's minimum derivative share.
func leastUpstreamShare(ctx sdk.Context, k keeper.Keeper, parents []types.ParentEdge) (uint64, error) {
	var need uint64
	for _, p := range parents {
		parent, err := k.GetAsset(ctx, p.AssetId)
		if err != nil {
			return 0, err
		}
		want := uint64(parent.Policy.MinDerivativeShareBps) * types.BasisPoints
		need = max(need, (want+uint64(p.WeightBps)-1)/uint64(p.WeightBps))
	}
	return need, nil
}

// randomParents picks up to 4 distinct active assets with weights summing to
// 10000.
func randomParents(r *rand.Rand, ctx sdk.Context, k keeper.Keeper, maxParents int) ([]types.ParentEdge, error) {
	next, err := k.NextAssetID.Peek(ctx)
	if err != nil || next <= 1 {
		return nil, err
	}
	want := 1 + r.Intn(min(4, maxParents))
	var edges []types.ParentEdge
	seen := map[uint64]bool{}
	for try := 0; try < 3*want && len(edges) < want; try++ {
		id := 1 + uint64(r.Int63n(int64(next-1)))
		if seen[id] {
			continue
		}
		seen[id] = true
		if ok, err := k.IsActive(ctx, id); err != nil || !ok {
			continue
		}
		edges = append(edges, types.ParentEdge{AssetId: id, Relation: types.Relation(1 + r.Intn(8))})
	}
	if len(edges) == 0 {
		return nil, nil
	}
	left := uint32(types.BasisPoints)
	for i := range edges {
		if i == len(edges)-1 {
			edges[i].WeightBps = left
			break
		}
		w := 1 + uint32(r.Intn(int(left)-(len(edges)-1-i)))
		edges[i].WeightBps = w
		left -= w
	}
	return edges, nil
}

// randomOwnedAsset picks an asset of a simulation account that is not revoked.
func randomOwnedAsset(r *rand.Rand, ctx sdk.Context, k keeper.Keeper, accs []simtypes.Account) (types.Asset, simtypes.Account, bool) {
	next, err := k.NextAssetID.Peek(ctx)
	if err != nil || next <= 1 {
		return types.Asset{}, simtypes.Account{}, false
	}
	a, err := k.GetAsset(ctx, 1+uint64(r.Int63n(int64(next-1))))
	if err != nil || a.Status == types.AssetStatus_ASSET_STATUS_REVOKED {
		return types.Asset{}, simtypes.Account{}, false
	}
	owner, err := k.AddressCodec().StringToBytes(a.Owner)
	if err != nil {
		return types.Asset{}, simtypes.Account{}, false
	}
	acc, found := simtypes.FindAccount(accs, sdk.AccAddress(owner))
	return a, acc, found
}

func (in opInput) update() simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		a, acc, ok := randomOwnedAsset(r, ctx, in.k, accs)
		if !ok {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgUpdateAsset{}), "no owned asset"), nil, nil
		}
		msg := &types.MsgUpdateAsset{Owner: a.Owner, AssetId: a.Id, Description: simtypes.RandStringOfLength(r, r.Intn(64)), MetadataCid: randomCID(r)}
		return in.deliver(r, app, ctx, acc, msg, nil)
	}
}

func (in opInput) retire() simtypes.Operation {
	return func(r *rand.Rand, app *baseapp.BaseApp, ctx sdk.Context, accs []simtypes.Account, _ string) (simtypes.OperationMsg, []simtypes.FutureOperation, error) {
		a, acc, ok := randomOwnedAsset(r, ctx, in.k, accs)
		if !ok || !a.IsActive() {
			return simtypes.NoOpMsg(types.ModuleName, sdk.MsgTypeURL(&types.MsgRetireAsset{}), "no owned active asset"), nil, nil
		}
		return in.deliver(r, app, ctx, acc, &types.MsgRetireAsset{Owner: a.Owner, AssetId: a.Id}, nil)
	}
}
