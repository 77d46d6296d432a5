package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	"github.com/tributary-ai/tributary/x/royalty/types"
)

// The two modules' params together: the worst settlement step at x/provenance's bounds must fit x/royalty's
// budget. Each row is a pair governance or a genesis could set.
func TestCheckSettlementFits(t *testing.T) {
	denoms := func(n int) []string {
		out := []string{"utrib"}
		for i := 1; i < n; i++ {
			out = append(out, "ibc"+string(rune('a'+i)))
		}
		return out
	}
	for _, tc := range []struct {
		name            string
		budget          uint64
		denoms          int
		maxParents      uint32
		maxContributors uint32
		fits            bool
	}{
		{"defaults", types.DefaultSettlementGasBudget, 1, provtypes.DefaultMaxParents, provtypes.DefaultMaxContributors, true},
		{"1,024 parents at the default budget", types.DefaultSettlementGasBudget, 1, provtypes.MaxMaxParents, provtypes.DefaultMaxContributors, false},
		{"1,024 parents at the ceiling, one denom", types.MaxSettlementGasBudget, 1, provtypes.MaxMaxParents, provtypes.MaxMaxContributors, true},
		{"1,024 parents at the ceiling, two denoms", types.MaxSettlementGasBudget, 2, provtypes.MaxMaxParents, provtypes.DefaultMaxContributors, false},
		{"16 denoms x 64 parents at the default budget", types.DefaultSettlementGasBudget, types.MaxAcceptedDenoms, provtypes.DefaultMaxParents, provtypes.DefaultMaxContributors, false},
		{"16 denoms x 64 parents at the ceiling", types.MaxSettlementGasBudget, types.MaxAcceptedDenoms, provtypes.DefaultMaxParents, provtypes.DefaultMaxContributors, true},
		{"the e2e genesis: 100,000 gas, 2 parents, 2 contributors", 100_000, 1, 2, 2, true},
		{"the floor budget with default bounds", types.MinSettlementGasBudget, 1, provtypes.DefaultMaxParents, provtypes.DefaultMaxContributors, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := types.DefaultParams()
			p.SettlementGasBudget = tc.budget
			p.AcceptedDenoms = denoms(tc.denoms)
			require.NoError(t, p.Validate(), "legal for x/royalty alone")
			err := p.CheckSettlementFits(tc.maxParents, tc.maxContributors)
			if tc.fits {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, types.ErrSettlementBudgetTooSmall)
			require.ErrorContains(t, err, "raise the budget")
		})
	}
}
