package types

// MaxPathWork caps an asset's path work. No lineage the params allow comes near it (a chain of a million assets
// at 1,024 parents each is about 2^30), and x/royalty multiplies it by min_pending_per_work_unit (at most 10^6),
// so the product stays far inside 2^63 and a crafted lineage cannot overflow the threshold.
const MaxPathWork uint64 = 1 << 40

// PathWork is the settlement work along an asset's costliest path to a root: its own step (its ledger and one
// credit per parent, 1 + parents) plus the largest path work among its parents, saturating at MaxPathWork. A
// root dataset's path work is 1; along a chain it grows by 2 per link.
func PathWork(parents int, parentPathWorks []uint64) uint64 {
	var most uint64
	for _, w := range parentPathWorks {
		most = max(most, w)
	}
	own := 1 + uint64(parents)
	if most >= MaxPathWork || own >= MaxPathWork-most {
		return MaxPathWork
	}
	return own + most
}
