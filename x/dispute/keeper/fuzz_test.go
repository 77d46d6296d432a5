package keeper_test

import (
	"testing"

	errorsmod "cosmossdk.io/errors"
	"github.com/stretchr/testify/require"

	"github.com/tributary-ai/tributary/x/dispute/types"
	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	rtestutil "github.com/tributary-ai/tributary/x/royalty/testutil"
)

// FuzzDisputeOperations drives any sequence of dispute messages, payments, claims and blocks (deadlines
// passing) over a small lineage, each step's inputs taken from the fuzzer's bytes. After every step royalty
// conservation holds and the dispute module holds exactly the open bonds; every refusal is a registered error
// (never code 1, "internal"). `go test -fuzz FuzzDisputeOperations ./x/dispute/keeper/` explores; plain test
// runs replay the seeds.
func FuzzDisputeOperations(f *testing.F) {
	f.Add([]byte{0, 2, 1, 3, 0, 1, 9, 4, 0, 6, 7, 5, 1})
	f.Add([]byte{0, 4, 0, 1, 1, 0, 2, 0, 1, 3, 0, 1, 5, 0, 7, 0})
	f.Add([]byte{0, 3, 2, 4, 3, 0, 4, 1, 6, 9, 5, 9, 7, 7, 7, 1, 1})
	f.Fuzz(func(t *testing.T, ops []byte) {
		fx := newFixture(t)
		d1 := fx.AddAsset(0, nil, fx.Member("dave", 1))
		d2 := fx.AddAsset(0, nil, fx.Member("erin", 2))
		m3 := fx.AddAsset(2000, []provtypes.ParentEdge{rtestutil.Parent(d1, 10000)}, fx.Member("mo", 1))
		c4 := fx.AddAsset(5000, []provtypes.ParentEdge{rtestutil.Parent(m3, 10000)}, fx.Member("carl", 1))
		assets := []uint64{d1, d2, m3, c4}
		for _, n := range []string{"chal", "owner", "payer"} {
			fx.Fund(n, 100*bond)
		}
		next := func() byte {
			if len(ops) == 0 {
				return 0
			}
			b := ops[0]
			ops = ops[1:]
			return b
		}
		for steps := 0; len(ops) > 0 && steps < 64; steps++ {
			var err error
			switch next() % 8 {
			case 0:
				asset := assets[int(next())%len(assets)]
				remedy := types.Remedy(1 + next()%3)
				var parent provtypes.ParentEdge
				var c provtypes.Contributors
				switch remedy {
				case types.Remedy_REMEDY_ADD_PARENT:
					parent = rtestutil.Parent(assets[int(next())%len(assets)], uint32(next())*40+1)
				case types.Remedy_REMEDY_REASSIGN:
					c = list(fx.Member("alice", uint64(next())+1))
				}
				_, err = fx.open("chal", asset, remedy, parent, c)
			case 1:
				_, err = fx.DMsg.AcceptDispute(fx.Ctx, &types.MsgAcceptDispute{Owner: fx.Bech32("owner"), DisputeId: uint64(next() % 4)})
			case 2:
				_, err = fx.DMsg.ContestDispute(fx.Ctx, &types.MsgContestDispute{Owner: fx.Bech32("owner"), DisputeId: uint64(next() % 4)})
			case 3:
				_, err = fx.DMsg.ResolveDispute(fx.Ctx, &types.MsgResolveDispute{
					Authority: fx.Authority, DisputeId: uint64(next() % 4), Uphold: next()%2 == 0, Reason: "fuzz",
				})
			case 4, 5:
				_, err = fx.Pay("payer", assets[int(next())%len(assets)], int64(next())*1_000+1)
			case 6:
				fx.at(fx.Ctx.BlockHeight() + int64(next())*int64(types.DefaultResponseWindow)/64)
				fx.endBlock()
			case 7:
				for _, n := range []string{"dave", "erin", "mo", "carl", "alice"} {
					_ = fx.claimed(n)
				}
			}
			if err != nil {
				codespace, code, _ := errorsmod.ABCIInfo(err, false)
				require.NotEqual(t, uint32(1), code, "unregistered error: %v", err)
				require.NotEmpty(t, codespace, "unregistered error: %v", err)
			}
			fx.conserved()
		}
	})
}
