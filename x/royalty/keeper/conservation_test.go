package keeper_test

import (
	"fmt"
	"maps"
	"math/rand"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// randomWorld builds a random lineage of explicit and Merkle assets over a small population.
type randomWorld struct {
	f      *rtu.Fixture
	people []string
	assets []uint64
	proofs map[uint64]map[string][][]byte
	units  map[uint64]map[string]uint64
}

func newRandomWorld(t *testing.T, r *rand.Rand, n int) *randomWorld {
	w := &randomWorld{f: rtu.NewFixture(), proofs: map[uint64]map[string][][]byte{}, units: map[uint64]map[string]uint64{}}
	w.f.SetParams(types.Params{
		AcceptedDenoms: []string{rtu.Denom, "uusdc"},
		ProtocolFeeBps: uint32(r.Intn(500)),
		// Below the params' floor on purpose (SetParams does not validate): a budget of a few settlements
		// per block makes passes span blocks and exercises deferral.
		SettlementGasBudget: uint64(30_000 + r.Intn(150_000)),
		MaxClaimAssets:      uint32(1 + r.Intn(n)),
	})
	for i := range 12 {
		w.people = append(w.people, fmt.Sprintf("p%d", i))
	}
	for range n {
		var parents []provtypes.ParentEdge
		if len(w.assets) > 0 && r.Intn(4) > 0 {
			k := 1 + r.Intn(min(3, len(w.assets)))
			perm := r.Perm(len(w.assets))[:k]
			left := uint32(10_000)
			for j, idx := range perm {
				weight := left
				if j < k-1 {
					weight = 1 + uint32(r.Intn(int(left)-(k-1-j)))
				}
				left -= weight
				parents = append(parents, rtu.Parent(w.assets[idx], weight))
			}
		}
		upstream := uint32(0)
		if len(parents) > 0 {
			upstream = uint32(r.Intn(10_001))
		}
		members := r.Perm(len(w.people))[:1+r.Intn(5)]
		units := map[string]uint64{}
		var id uint64
		if r.Intn(3) == 0 {
			var ms []provtypes.Member
			for _, p := range members {
				addr, _ := w.f.Addr(w.people[p])
				u := uint64(1 + r.Intn(1_000))
				ms = append(ms, provtypes.Member{Address: addr, Units: u})
				units[w.people[p]] = u
			}
			c, tree, err := provtypes.BuildCommitment(ms, "cid")
			require.NoError(t, err)
			id = w.f.AddMerkleAsset(upstream, parents, c)
			w.proofs[id] = map[string][][]byte{}
			for i, p := range members {
				w.proofs[id][w.people[p]], err = tree.Proof(i)
				require.NoError(t, err)
			}
		} else {
			var cs []provtypes.Contributor
			for _, p := range members {
				u := uint64(1 + r.Intn(1_000))
				cs = append(cs, w.f.Member(w.people[p], u))
				units[w.people[p]] = u
			}
			id = w.f.AddAsset(upstream, parents, cs...)
		}
		w.units[id] = units
		w.assets = append(w.assets, id)
	}
	for _, p := range w.people {
		addr, _ := w.f.Addr(p)
		w.f.Bank.Mint(addr, sdk.NewCoins(sdk.NewInt64Coin(rtu.Denom, 1_000_000_000), sdk.NewInt64Coin("uusdc", 1_000_000_000)))
	}
	return w
}

// TestRandomOperationsConserveEveryMicroUnit runs random payments, settlements and claims over random lineages
// and checks CheckConservation after every step; at the end everything is settled and claimed, and all that
// remains in the module account is sub-micro-unit dust (less than one micro-unit per member and asset).
func TestRandomOperationsConserveEveryMicroUnit(t *testing.T) {
	runRandomOperations(t, 8, 300)
}

// runRandomOperations runs seeds random worlds of steps operations each.
func runRandomOperations(t *testing.T, seeds int64, steps int) {
	for seed := int64(1); seed <= seeds; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			r := rand.New(rand.NewSource(seed))
			w := newRandomWorld(t, r, 6+r.Intn(15))
			f := w.f
			for step := range steps {
				switch op := r.Intn(10); {
				case op < 5:
					denom := []string{rtu.Denom, "uusdc"}[r.Intn(2)]
					amount := int64(1 + r.Intn(1_000_000))
					if r.Intn(4) == 0 {
						amount = int64(1 + r.Intn(10))
					}
					_, err := f.Msg.Pay(f.Ctx, &types.MsgPay{Payer: f.Bech32(w.people[r.Intn(len(w.people))]),
						AssetId: w.assets[r.Intn(len(w.assets))], Amount: sdk.NewInt64Coin(denom, amount)})
					require.NoError(t, err)
				case op < 7:
					require.NoError(t, f.Settle())
				case op < 9:
					_, err := f.Claim(w.people[r.Intn(len(w.people))])
					if err != nil {
						require.ErrorIs(t, err, types.ErrNothingToClaim)
					}
				default:
					id := w.assets[r.Intn(len(w.assets))]
					names := slices.Sorted(maps.Keys(w.proofs[id]))
					if len(names) == 0 {
						continue
					}
					name := names[r.Intn(len(names))]
					_, err := f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32(name), AssetId: id, Units: w.units[id][name], Proof: w.proofs[id][name]})
					if err != nil {
						require.ErrorIs(t, err, types.ErrAlreadyRegistered)
					}
				}
				require.NoError(t, f.Keeper.CheckConservation(f.Ctx), "step %d", step)
			}

			// Drain: with the default budget, and every asset a tiny budget quarantined returned to settlement
			// through governance, everything settles; then prove every Merkle membership and claim everything.
			p, err := f.Keeper.Params.Get(f.Ctx)
			require.NoError(t, err)
			p.SettlementGasBudget = types.DefaultSettlementGasBudget
			f.SetParams(p)
			q, err := f.Query.QuarantinedAssets(f.Ctx, &types.QueryQuarantinedAssetsRequest{})
			require.NoError(t, err)
			if len(q.Assets) > 0 {
				retry := &types.MsgRetrySettlement{Authority: f.Authority}
				for _, a := range q.Assets {
					retry.AssetIds = append(retry.AssetIds, a.AssetId)
				}
				_, err = f.Msg.RetrySettlement(f.Ctx, retry)
				require.NoError(t, err)
			}
			for range len(w.assets) + 1 {
				require.NoError(t, f.Settle())
			}
			queued, err := f.Query.SettlementQueue(f.Ctx, &types.QuerySettlementQueueRequest{})
			require.NoError(t, err)
			require.Empty(t, queued.Entries, "everything settles at the default budget")
			for id, byName := range w.proofs {
				for name, proof := range byName {
					_, err := f.Msg.ClaimMerkle(f.Ctx, &types.MsgClaimMerkle{Claimant: f.Bech32(name), AssetId: id, Units: w.units[id][name], Proof: proof})
					if err != nil {
						require.ErrorIs(t, err, types.ErrAlreadyRegistered)
					}
				}
			}
			for _, p := range w.people {
				for _, id := range w.assets {
					if _, ok := w.units[id][p]; !ok {
						continue
					}
					_, err := f.Claim(p, id)
					if err != nil {
						require.ErrorIs(t, err, types.ErrNothingToClaim)
					}
				}
			}
			require.NoError(t, f.Keeper.CheckConservation(f.Ctx))
			left := f.Bank.GetAllBalances(f.Ctx, f.Keeper.ModuleAddress())
			var memberships int64
			for _, u := range w.units {
				memberships += int64(len(u))
			}
			for _, c := range left {
				// Each (asset, member) keeps < 1 micro-unit of dust and each asset a carry < 1 micro-unit.
				require.LessOrEqual(t, c.Amount.Int64(), memberships+int64(len(w.assets)), "left %s", left)
			}
		})
	}
}
