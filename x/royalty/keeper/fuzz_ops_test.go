package keeper_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtu "github.com/tributary-ai/tributary/x/royalty/testutil"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// fuzzPeople are the accounts the fuzzed operations act as.
var fuzzPeople = []string{"ann", "ben", "cat", "dan", "eve", "fay"}

// fuzzOps reads operations from fuzzer bytes.
type fuzzOps struct{ data []byte }

func (o *fuzzOps) byte() byte {
	if len(o.data) == 0 {
		return 0
	}
	b := o.data[0]
	o.data = o.data[1:]
	return b
}

func (o *fuzzOps) u64() uint64 {
	var v uint64
	for range 8 {
		v = v<<8 | uint64(o.byte())
	}
	return v
}

// extreme picks a number a registrant or claimant might declare: small, at a bound, or arbitrary.
func (o *fuzzOps) extreme() uint64 {
	switch o.byte() % 6 {
	case 0:
		return uint64(o.byte()%8) + 1
	case 1:
		return provtypes.MaxTotalUnits
	case 2:
		return provtypes.MaxTotalUnits + 1
	case 3:
		return ^uint64(0)
	case 4:
		return provtypes.MaxMemberCount
	default:
		return o.u64()
	}
}

// fuzzWorld is the state of a fuzzed sequence: the assets registered and the honest proofs of Merkle members.
type fuzzWorld struct {
	f      *rtu.Fixture
	assets []uint64
	proofs map[uint64]map[string][][]byte
	units  map[uint64]map[string]uint64
}

// requireCleanError checks that a refused operation fails with a registered error of one of the two modules
// (never "internal", never a panic).
func requireCleanError(t *testing.T, err error) {
	t.Helper()
	codespace, code, _ := errorsmod.ABCIInfo(err, false)
	if codespace == types.ModuleName || codespace == provtypes.ModuleName {
		require.GreaterOrEqual(t, code, uint32(2), "%v", err)
		return
	}
	// x/bank's insufficient funds surface through the payment's wrapping.
	require.Equal(t, "sdk", codespace, "unregistered error: %v", err)
}

// step runs one operation in a cache context, keeps its writes only when it succeeds (as a transaction would) and
// checks conservation afterwards.
func (w *fuzzWorld) step(t *testing.T, o *fuzzOps) {
	f := w.f
	ctx, write := f.Ctx.CacheContext()
	who := fuzzPeople[int(o.byte())%len(fuzzPeople)]
	pick := func() uint64 {
		if len(w.assets) == 0 || o.byte()%8 == 0 {
			return o.u64() % 64 // sometimes an id that does not exist
		}
		return w.assets[int(o.byte())%len(w.assets)]
	}
	var err error
	op := o.byte() % 9
	switch op {
	case 0, 1: // register an explicit list or a Merkle commitment with extreme declared numbers
		var parents []provtypes.ParentEdge
		upstream := uint32(0)
		if len(w.assets) > 0 && o.byte()%2 == 0 {
			parents = []provtypes.ParentEdge{rtu.Parent(w.assets[int(o.byte())%len(w.assets)], 10_000)}
			upstream = uint32(o.byte()) * 40
		}
		members := map[string]uint64{}
		var c provtypes.Contributors
		if op == 0 {
			var list []provtypes.Contributor
			for i := range 1 + int(o.byte()%3) {
				n := fuzzPeople[(int(o.byte())+i)%len(fuzzPeople)]
				if _, dup := members[n]; dup {
					continue
				}
				members[n] = o.extreme()
				list = append(list, f.Member(n, members[n]))
			}
			c = provtypes.NewContributorList(list...)
		} else {
			var leaves []provtypes.Member
			for i := range 1 + int(o.byte()%3) {
				n := fuzzPeople[(int(o.byte())+i)%len(fuzzPeople)]
				if _, dup := members[n]; dup {
					continue
				}
				members[n] = o.extreme()
				addr, _ := f.Addr(n)
				leaves = append(leaves, provtypes.Member{Address: addr, Units: members[n]})
			}
			tree, terr := provtypes.BuildMerkleTree(provtypes.MerkleLeaves(leaves))
			require.NoError(t, terr)
			root := tree.Root()
			// The declared total and count are the attacker's, whatever the leaves hold.
			c = provtypes.Contributors{Set: &provtypes.Contributors_Merkle{Merkle: &provtypes.MerkleCommitment{
				Root: root[:], MemberCount: o.extreme(), TotalUnits: o.extreme(), MembersCid: f.CID(),
			}}}
			defer func() {
				if err != nil {
					return
				}
				id := w.assets[len(w.assets)-1]
				w.proofs[id] = map[string][][]byte{}
				for i, l := range leaves {
					p, perr := tree.Proof(i)
					require.NoError(t, perr)
					for n, u := range members {
						if a, _ := f.Addr(n); a.Equals(l.Address) && u == l.Units {
							w.proofs[id][n] = p
						}
					}
				}
			}()
		}
		var res *provtypes.MsgRegisterAssetResponse
		res, err = f.ProvMsg.RegisterAsset(ctx, f.Registration(upstream, parents, c))
		if err == nil {
			w.assets = append(w.assets, res.Id)
			w.units[res.Id] = members
		}
	case 2, 3: // pay
		amount := int64(o.u64() % 10_000_000)
		_, err = f.Msg.Pay(ctx, &types.MsgPay{Payer: f.Bech32(who), AssetId: pick(), Amount: sdk.NewInt64Coin(rtu.Denom, amount)})
	case 4: // settle
		err = f.Keeper.EndBlocker(ctx)
		require.NoError(t, err, "EndBlock must not fail")
	case 5: // plain claim, from an arbitrary start
		var start uint64
		if o.byte()%2 == 0 {
			start = pick()
		}
		_, err = f.Msg.Claim(ctx, &types.MsgClaim{Claimant: f.Bech32(who), StartAssetId: start})
	case 6: // Merkle claim with the honest proof, or arbitrary units and hashes
		id := pick()
		units := w.units[id][who]
		proof := w.proofs[id][who]
		if o.byte()%3 == 0 {
			units = o.extreme()
			proof = nil
			for range int(o.byte() % 5) {
				h := make([]byte, 32)
				for i := range h {
					h[i] = o.byte()
				}
				proof = append(proof, h)
			}
		}
		_, err = f.Msg.ClaimMerkle(ctx, &types.MsgClaimMerkle{Claimant: f.Bech32(who), AssetId: id, Units: units, Proof: proof})
	case 7: // retire (as the owner)
		_, err = f.ProvMsg.RetireAsset(ctx, &provtypes.MsgRetireAsset{Owner: f.Bech32("owner"), AssetId: pick()})
	case 8: // revoke (as governance)
		_, err = f.ProvMsg.RevokeAsset(ctx, &provtypes.MsgRevokeAsset{Authority: f.Authority, AssetId: pick(), Reason: "fuzz"})
	}
	if err != nil {
		requireCleanError(t, err)
	} else {
		write()
	}
	require.NoError(t, f.Keeper.CheckConservation(f.Ctx), "after op %d", op)
}

// FuzzOperations runs sequences of registrations (explicit lists and Merkle commitments with extreme declared
// totals and counts), payments, settlements, plain and Merkle claims (honest and arbitrary proofs), retirements
// and revocations against the real x/provenance and x/royalty keepers, checking after every step that refused
// operations fail with registered errors and change nothing and that conservation holds to the micro-unit.
// `make fuzz` runs it for FUZZTIME; the seed corpus is in testdata/fuzz/FuzzOperations.
func FuzzOperations(f *testing.F) {
	f.Add([]byte{0, 0, 0, 1, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 4, 0, 5, 0})
	f.Add([]byte{1, 1, 0, 2, 0, 1, 3, 1, 0, 5, 2, 1, 1, 0, 3, 2, 3, 1, 0, 0, 0, 0, 1, 0, 0, 4, 0, 0, 6, 0, 1, 6, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4_096 {
			return
		}
		fx := rtu.NewFixture()
		fx.SetParams(types.Params{AcceptedDenoms: []string{rtu.Denom}, ProtocolFeeBps: 100, SettlementGasBudget: types.MinSettlementGasBudget, MaxClaimAssets: 4})
		for _, p := range fuzzPeople {
			fx.Fund(p, 1_000_000_000)
		}
		w := &fuzzWorld{f: fx, proofs: map[uint64]map[string][][]byte{}, units: map[uint64]map[string]uint64{}}
		o := &fuzzOps{data: data}
		for steps := 0; len(o.data) > 0 && steps < 64; steps++ {
			w.step(t, o)
		}
		// Everything settles and every honest member can be paid: nothing is stuck, nothing is minted.
		for range 50 {
			require.NoError(t, fx.Keeper.EndBlocker(fx.Ctx))
		}
		require.NoError(t, fx.Keeper.CheckConservation(fx.Ctx))
	})
}
