package types

import errorsmod "cosmossdk.io/errors"

// The gas of settling one asset in one step, at the bounds x/provenance allows (max_parents, max_contributors)
// and x/royalty's accepted denoms. Settlement is all of an asset's ready denoms and all its parents in one
// step, so a step that cannot fit a whole settlement_gas_budget would quarantine an honest asset; both modules
// therefore refuse params (MsgUpdateParams, genesis) whose worst step exceeds the budget. Measured on the real
// keepers with 10^7-unit amounts (TestSettlementStepFitsItsBound pins them with 10^18-unit amounts):
//   - a step with 1 parent and 1 contributor: 53,924 gas including the 25,000 bookkeeping reserve;
//   - each further parent credit: 11,384-11,568 gas (pending, queue, route work and the parent's ledger);
//   - the first settlement reads the asset's contributor list once to cache its route: ~147 gas per contributor
//     (655,841 gas for 4,096 contributors and 1 parent).
const (
	// SettlementStepBaseGas is the gas of a step apart from its credits and contributors, reserve included.
	SettlementStepBaseGas = 45_000
	// SettlementGasPerCredit is one parent credit, or one more denom's own ledger, with ~20% margin for amounts
	// up to 10^18 units.
	SettlementGasPerCredit = 14_000
	// SettlementGasPerContributor is the first settlement's read of one contributor, with margin.
	SettlementGasPerContributor = 160
)

// SettlementStepGas is an upper bound of the gas of settling one asset with at most maxParents parents and
// maxContributors contributors in all of denoms accepted denoms at once. It is below 2^40 at every bound.
func SettlementStepGas(maxParents, maxContributors uint32, denoms int) uint64 {
	d := uint64(denoms)
	return SettlementStepBaseGas + uint64(maxContributors)*SettlementGasPerContributor +
		d*uint64(maxParents)*SettlementGasPerCredit + (d-1)*SettlementGasPerCredit
}

// CheckSettlementFits refuses params under which the settlement of a legal asset could need more than a whole
// budget (x/provenance's max_parents and max_contributors against x/royalty's denoms and budget).
func (p Params) CheckSettlementFits(maxParents, maxContributors uint32) error {
	if len(p.AcceptedDenoms) == 0 {
		return nil // Validate refuses this already
	}
	need := SettlementStepGas(maxParents, maxContributors, len(p.AcceptedDenoms))
	if need > p.SettlementGasBudget {
		return errorsmod.Wrapf(ErrSettlementBudgetTooSmall,
			"settling one asset with up to %d parents and %d contributors in %d accepted denoms needs up to %d gas, "+
				"settlement_gas_budget is %d: raise the budget, or lower max_parents, max_contributors or accepted_denoms",
			maxParents, maxContributors, len(p.AcceptedDenoms), need, p.SettlementGasBudget)
	}
	return nil
}
