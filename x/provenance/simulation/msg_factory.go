package simulation

import (
	"context"
	"math/rand"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/tributary-ai/tributary/x/provenance/keeper"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Weight names of the operations (simsx reads them as "op_weight_" + name from the simulation's params file).
const (
	WeightRegisterDataset   = "msg_register_dataset"
	WeightRegisterModel     = "msg_register_model"
	WeightRegisterCrowd     = "msg_register_crowd"
	WeightRegisterWideModel = "msg_register_wide_model"
	WeightRegisterDeepModel = "msg_register_deep_model"
	WeightUpdateAsset       = "msg_update_asset"
	WeightRetireAsset       = "msg_retire_asset"
)

// Registration shapes: ordinary, and the adversarial extremes the issue asks simulations to exercise.
const (
	// ShapeOrdinary registers a small list of contributors and up to 4 parents.
	ShapeOrdinary = iota
	// ShapeCrowd registers a Merkle commitment at the bounds (total_units up to MaxTotalUnits, member_count up to
	// MaxMemberCount): the chain must take it and royalty accounting must stay conserved around it.
	ShapeCrowd
	// ShapeWide cites as many parents as max_parents allows (up to 64).
	ShapeWide
	// ShapeDeep cites the newest asset, so lineages grow long.
	ShapeDeep
)

// MsgRegisterAssetFactory registers a dataset, or a model citing random active assets with an upstream share
// that satisfies every parent's minimum, in the given shape, paid by an account that can afford the fee (the fee
// is blocked from the transaction fee's draw).
func MsgRegisterAssetFactory(k keeper.Keeper, model bool, shape int) simsx.SimMsgFactoryFn[*types.MsgRegisterAsset] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRegisterAsset) {
		params, err := k.Params.Get(ctx)
		if err != nil {
			reporter.Skip(err.Error())
			return nil, nil
		}
		owner := testData.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(params.RegistrationFee...))
		if reporter.IsSkipped() {
			return nil, nil
		}
		for _, c := range params.RegistrationFee {
			if !owner.LiquidBalance().BlockAmount(c) {
				reporter.Skip("cannot reserve the registration fee")
				return nil, nil
			}
		}
		msg, skip, err := randomRegisterMsg(testData.Rand().Rand, sdk.UnwrapSDKContext(ctx), k, params, owner.AddressBech32, testData.AllAccounts(), model, shape)
		if err != nil {
			reporter.Fail(err)
			return nil, nil
		}
		if skip != "" {
			reporter.Skip(skip)
			return nil, nil
		}
		return []simsx.SimAccount{owner}, msg
	}
}

// MsgUpdateAssetFactory updates a random asset owned by a simulation account.
func MsgUpdateAssetFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateAsset] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUpdateAsset) {
		r := testData.Rand().Rand
		a, i, ok := randomOwnedAsset(r, sdk.UnwrapSDKContext(ctx), k, testData.AllAccounts())
		if !ok {
			reporter.Skip("no owned asset")
			return nil, nil
		}
		owner := testData.AccountAt(reporter, i)
		return []simsx.SimAccount{owner}, &types.MsgUpdateAsset{
			Owner: a.Owner, AssetId: a.Id, Description: simtypes.RandStringOfLength(r, r.Intn(64)), MetadataCid: randomCID(r),
		}
	}
}

// MsgRetireAssetFactory retires a random active asset owned by a simulation account.
func MsgRetireAssetFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgRetireAsset] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgRetireAsset) {
		a, i, ok := randomOwnedAsset(testData.Rand().Rand, sdk.UnwrapSDKContext(ctx), k, testData.AllAccounts())
		if !ok || !a.IsActive() {
			reporter.Skip("no owned active asset")
			return nil, nil
		}
		owner := testData.AccountAt(reporter, i)
		return []simsx.SimAccount{owner}, &types.MsgRetireAsset{Owner: a.Owner, AssetId: a.Id}
	}
}

// MsgUpdateParamsFactory proposes random valid params through governance.
func MsgUpdateParamsFactory() simsx.SimMsgFactoryFn[*types.MsgUpdateParams] {
	return func(_ context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUpdateParams) {
		r := testData.Rand()
		p := types.DefaultParams()
		p.MaxParents = uint32(1 + r.Intn(types.MaxMaxParents))
		p.MaxContributors = uint32(1 + r.Intn(types.MaxMaxContributors))
		return nil, &types.MsgUpdateParams{Authority: testData.ModuleAccountAddress(reporter, "gov"), Params: p}
	}
}

// randomRegisterMsg returns a valid registration by a random account that
// can afford the fee: a dataset, or a model citing random active assets with
// an upstream share that satisfies every parent's minimum. It returns a skip
// reason when no valid message can be built.
func randomRegisterMsg(r *rand.Rand, ctx sdk.Context, k keeper.Keeper, params types.Params, owner string, accs []simtypes.Account, model bool, shape int) (*types.MsgRegisterAsset, string, error) {
	ac := k.AddressCodec()
	n := 1 + r.Intn(int(min(params.MaxContributors, 8)))
	members := make([]types.Contributor, 0, n)
	seen := map[string]bool{}
	for range n {
		c, _ := simtypes.RandomAcc(r, accs)
		addr, err := ac.BytesToString(c.Address)
		if err != nil {
			return nil, "", err
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
		// Half the assets ask nothing of their derivatives, so that wide lineages can cite them.
		Policy: types.RoyaltyPolicy{MinDerivativeShareBps: uint32(r.Intn(2) * r.Intn(2000))},
	}
	if shape == ShapeCrowd {
		count := uint64(1 + r.Int63n(int64(types.MaxMemberCount)))
		if r.Intn(2) == 0 {
			count = types.MaxMemberCount
		}
		total := types.MaxTotalUnits
		if r.Intn(2) == 0 {
			total = count + uint64(r.Int63n(int64(types.MaxTotalUnits-count)+1))
		}
		root := make([]byte, types.MerkleRootLength)
		r.Read(root)
		msg.Contributors = types.NewMerkleContributors(types.MerkleCommitment{Root: root, MemberCount: count, TotalUnits: total, MembersCid: randomCID(r)})
	}
	if !model {
		return msg, "", nil
	}
	msg.Kind = types.AssetKind_ASSET_KIND_MODEL
	want := 1 + r.Intn(int(min(params.MaxParents, 4)))
	switch shape {
	case ShapeWide:
		// As wide as the params allow, up to 64 so that a long simulation stays quick.
		want = int(min(params.MaxParents, 64))
	case ShapeDeep:
		want = 1
	}
	parents, err := randomParents(r, ctx, k, want, shape == ShapeDeep, shape == ShapeWide)
	if err != nil {
		return nil, "", err
	}
	if len(parents) == 0 {
		return nil, "no active asset to derive from", nil
	}
	need, err := leastUpstreamShare(ctx, k, parents)
	if err != nil {
		return nil, "", err
	}
	if need > types.BasisPoints {
		// Small weights cannot satisfy demanding parents: cite the first
		// alone, whose minimum (at most 100%) is always reachable.
		parents = parents[:1]
		parents[0].WeightBps = types.BasisPoints
		if need, err = leastUpstreamShare(ctx, k, parents); err != nil {
			return nil, "", err
		}
	}
	msg.Parents = parents
	msg.Policy.UpstreamShareBps = uint32(need + uint64(r.Intn(int(types.BasisPoints-need)+1)))
	return msg, "", nil
}

// leastUpstreamShare returns the least upstream share (bps, possibly above
// 10000) that satisfies every parent's minimum derivative share.
func leastUpstreamShare(ctx sdk.Context, k keeper.Keeper, parents []types.ParentEdge) (uint64, error) {
	var need uint64
	for _, p := range parents {
		parent, err := k.GetAssetRecord(ctx, p.AssetId)
		if err != nil {
			return 0, err
		}
		want := uint64(parent.Policy.MinDerivativeShareBps) * types.BasisPoints
		need = max(need, (want+uint64(p.WeightBps)-1)/uint64(p.WeightBps))
	}
	return need, nil
}

// randomParents picks up to want distinct active assets with weights summing
// to 10000; newest starts from the newest asset, so chains grow deep; equal
// splits the weights equally and takes only parents whose minimum derivative
// share an equal split can satisfy, so wide lineages stay wide.
func randomParents(r *rand.Rand, ctx sdk.Context, k keeper.Keeper, want int, newest, equal bool) ([]types.ParentEdge, error) {
	next, err := k.NextAssetID.Peek(ctx)
	if err != nil || next <= 1 {
		return nil, err
	}
	var edges []types.ParentEdge
	seen := map[uint64]bool{}
	for try := 0; try < 3*want && len(edges) < want; try++ {
		id := 1 + uint64(r.Int63n(int64(next-1)))
		if newest {
			id = next - 1 - uint64(try)
			if id == 0 {
				break
			}
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		rec, err := k.GetAssetRecord(ctx, id)
		if err != nil || !rec.IsActive() || (equal && rec.Policy.MinDerivativeShareBps > uint32(types.BasisPoints/want)) {
			continue
		}
		edges = append(edges, types.ParentEdge{AssetId: id, Relation: types.Relation(1 + r.Intn(8))})
	}
	if len(edges) == 0 {
		return nil, nil
	}
	if equal {
		w := uint32(types.BasisPoints / len(edges))
		for i := range edges {
			edges[i].WeightBps = w
		}
		edges[0].WeightBps += uint32(types.BasisPoints) - w*uint32(len(edges))
		return edges, nil
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

// randomOwnedAsset picks an asset that is not revoked and is owned by a
// simulation account; it returns the compact record and the account's index.
func randomOwnedAsset(r *rand.Rand, ctx sdk.Context, k keeper.Keeper, accs []simtypes.Account) (types.AssetRecord, int, bool) {
	next, err := k.NextAssetID.Peek(ctx)
	if err != nil || next <= 1 {
		return types.AssetRecord{}, 0, false
	}
	a, err := k.GetAssetRecord(ctx, 1+uint64(r.Int63n(int64(next-1))))
	if err != nil || a.Status == types.AssetStatus_ASSET_STATUS_REVOKED {
		return types.AssetRecord{}, 0, false
	}
	owner, err := k.AddressCodec().StringToBytes(a.Owner)
	if err != nil {
		return types.AssetRecord{}, 0, false
	}
	for i, acc := range accs {
		if acc.Address.Equals(sdk.AccAddress(owner)) {
			return a, i, true
		}
	}
	return types.AssetRecord{}, 0, false
}
