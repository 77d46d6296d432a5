package keeper_test

import (
	"fmt"
	"math/rand"
	"sync"
	"testing"
	"time"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// storeBytes is the total size of the module store's keys and values.
func (f *fixture) storeBytes() int {
	n := 0
	it := f.ctx.KVStore(f.key).Iterator(nil, nil)
	defer it.Close()
	for ; it.Valid(); it.Next() {
		n += len(it.Key()) + len(it.Value())
	}
	return n
}

// measure runs one registration on a fresh gas meter (the SDK's default KV
// gas costs) and returns its gas and the state bytes it added.
func measure(b *testing.B, f *fixture, msg *types.MsgRegisterAsset) (gas uint64, stateBytes int) {
	before := f.storeBytes()
	ctx := f.ctx.WithGasMeter(storetypes.NewInfiniteGasMeter()).WithKVGasConfig(storetypes.KVGasConfig())
	if _, err := f.msg.RegisterAsset(ctx, msg); err != nil {
		b.Fatal(err)
	}
	return ctx.GasMeter().GasConsumed(), f.storeBytes() - before
}

func contributors(b *testing.B, f *fixture, n int) types.Contributors {
	list := make([]types.Contributor, n)
	for i := range list {
		addr, err := f.ac.BytesToString(sdk.AccAddress(fmt.Sprintf("contributor_%08d", i)))
		if err != nil {
			b.Fatal(err)
		}
		list[i] = types.Contributor{Address: addr, Units: uint64(i + 1)}
	}
	return types.NewContributorList(list...)
}

// BenchmarkRegisterGas reports the gas of a model registration and the state
// bytes it adds, for parents x contributors in {1, 16, 64} x {1, 256}, and
// with a 1,000,000-member Merkle commitment. Gas is deterministic: one
// iteration is enough.
func BenchmarkRegisterGas(b *testing.B) {
	for _, parents := range []int{1, 16, 64} {
		for _, contribs := range []int{1, 256} {
			b.Run(fmt.Sprintf("parents=%d/contributors=%d", parents, contribs), func(b *testing.B) {
				var gas uint64
				var bytes int
				for range b.N {
					f := newFixture(b)
					ids := make([]uint64, parents)
					for i := range ids {
						d := f.dataset()
						d.Policy.MinDerivativeShareBps = 0
						ids[i] = f.register(b, d)
					}
					m := f.model(ids...)
					m.Policy = types.RoyaltyPolicy{UpstreamShareBps: 10000}
					m.Contributors = contributors(b, f, contribs)
					gas, bytes = measure(b, f, m)
				}
				b.ReportMetric(float64(gas), "gas")
				b.ReportMetric(float64(bytes), "state-bytes")
			})
		}
	}
	b.Run("parents=1/merkle-members=1000000", func(b *testing.B) {
		r := rand.New(rand.NewSource(7))
		members := make([]types.Member, 1_000_000)
		for i := range members {
			addr := make([]byte, 20)
			r.Read(addr)
			members[i] = types.Member{Address: addr, Units: uint64(1 + r.Intn(100))}
		}
		var gas uint64
		var bytes int
		var build time.Duration
		for range b.N {
			f := newFixture(b)
			parent := f.register(b, f.dataset())
			start := time.Now()
			c, _, err := types.BuildCommitment(members, f.nextCID())
			if err != nil {
				b.Fatal(err)
			}
			build = time.Since(start)
			m := f.model(parent)
			m.Contributors = types.NewMerkleContributors(c)
			gas, bytes = measure(b, f, m)
		}
		b.ReportMetric(float64(gas), "gas")
		b.ReportMetric(float64(bytes), "state-bytes")
		b.ReportMetric(build.Seconds(), "offline-build-s")
	})
}

// graphs is built once per process: a 10,000-deep chain and a 10,000-node
// wide ancestry.
var graphs struct {
	once      sync.Once
	f         *fixture
	chainTip  uint64
	wideTop   uint64
	wideNodes int
}

func buildGraphs(b *testing.B) {
	graphs.once.Do(func() {
		f := newFixture(b)
		chain := buildChain(b, f, 10_000)
		graphs.chainTip = chain[len(chain)-1]

		// Wide: 9,984 datasets, 156 models citing 64 of them each, 3 models
		// citing 52 of those each, and a top model citing the 3.
		var level []uint64
		for range 156 * 64 {
			d := f.dataset()
			d.Policy.MinDerivativeShareBps = 0
			level = append(level, f.register(b, d))
		}
		nodes := len(level)
		for _, group := range []int{64, 52} {
			var next []uint64
			for i := 0; i < len(level); i += group {
				m := f.model(level[i:min(i+group, len(level))]...)
				m.Policy.MinDerivativeShareBps = 0
				m.Policy.UpstreamShareBps = 10000
				next = append(next, f.register(b, m))
			}
			nodes += len(next)
			level = next
		}
		top := f.model(level...)
		top.Policy.UpstreamShareBps = 10000
		graphs.wideTop = f.register(b, top)
		graphs.wideNodes = nodes
		graphs.f = f
	})
}

// BenchmarkAncestorsPage reports the time of a 100-ancestor page on a
// 10,000-deep chain and on a 10,000-node wide ancestry, at the start and in
// the middle of the walk, as ratios to a single asset lookup measured in the
// same run.
func BenchmarkAncestorsPage(b *testing.B) {
	buildGraphs(b)
	f := graphs.f
	page := func(id uint64, key []byte) []byte {
		res, err := f.query.Ancestors(f.ctx, &types.QueryAncestorsRequest{Id: id, Pagination: &query.PageRequest{Key: key, Limit: 100}})
		if err != nil {
			b.Fatal(err)
		}
		return res.Pagination.NextKey
	}
	// skip returns the cursor after n pages.
	skip := func(id uint64, n int) []byte {
		var key []byte
		for range n {
			key = page(id, key)
		}
		return key
	}
	chainMid, wideMid := skip(graphs.chainTip, 50), skip(graphs.wideTop, 50)
	timeIt := func(fn func()) float64 {
		const reps = 20
		start := time.Now()
		for range reps {
			fn()
		}
		return float64(time.Since(start).Nanoseconds()) / reps
	}
	var lookup, chainFirst, chainMidT, wideFirst, wideMidT float64
	b.ResetTimer()
	for range b.N {
		lookup += timeIt(func() {
			if _, err := f.query.Asset(f.ctx, &types.QueryAssetRequest{Id: graphs.chainTip / 2}); err != nil {
				b.Fatal(err)
			}
		})
		chainFirst += timeIt(func() { page(graphs.chainTip, nil) })
		chainMidT += timeIt(func() { page(graphs.chainTip, chainMid) })
		wideFirst += timeIt(func() { page(graphs.wideTop, nil) })
		wideMidT += timeIt(func() { page(graphs.wideTop, wideMid) })
	}
	b.ReportMetric(lookup/float64(b.N), "lookup-ns")
	b.ReportMetric(chainFirst/lookup, "chain-first-page/lookup")
	b.ReportMetric(chainMidT/lookup, "chain-page-at-5000/lookup")
	b.ReportMetric(wideFirst/lookup, "wide-first-page/lookup")
	b.ReportMetric(wideMidT/lookup, "wide-page-at-5000/lookup")
	b.ReportMetric(float64(len(wideMid)), "wide-cursor-bytes")
	b.ReportMetric(float64(graphs.wideNodes), "wide-nodes")
}
