package cards

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// ErrWeight is returned for --weight values that cannot make a valid split.
var ErrWeight = errors.New("invalid parent weights")

// ParseWeight parses a --weight value KEY=BPS, where KEY is a parent's
// external identifier (any spelling) or asset id. It returns KEY in the
// form Edges matches: canonical identifier or decimal id.
func ParseWeight(s string) (string, uint32, error) {
	key, bpsText, ok := strings.Cut(s, "=")
	if !ok {
		return "", 0, fmt.Errorf("%w: --weight %q: want ID=BPS, e.g. hf:acme/base=7000 or 3=7000", ErrWeight, s)
	}
	bps, err := strconv.ParseUint(bpsText, 10, 32)
	if err != nil || bps == 0 || bps > types.BasisPoints {
		return "", 0, fmt.Errorf("%w: --weight %q: %q is not 1..%d basis points", ErrWeight, s, bpsText, types.BasisPoints)
	}
	key = strings.TrimPrefix(strings.TrimSpace(key), "#")
	if _, err := strconv.ParseUint(key, 10, 64); err == nil {
		return key, uint32(bps), nil
	}
	id, err := types.NormalizeExternalID(key)
	if err != nil {
		return "", 0, fmt.Errorf("%w: --weight %q: %v", ErrWeight, s, err)
	}
	return id, uint32(bps), nil
}

// Edges weighs the resolved parents: a parent named by --weight (by external
// identifier or asset id) gets that weight; the others share what is left of
// 10000 bps equally, the integer remainder going to the first of them so the
// sum is exact. A --weight naming no parent is an error (a typo would
// otherwise be silently ignored).
func Edges(resolved []Resolved, weights map[string]uint32) ([]types.ParentEdge, error) {
	used := make(map[string]bool, len(weights))
	fixed := make([]uint32, len(resolved))
	var sum uint64
	var free []int
	for i, r := range resolved {
		idKey := strconv.FormatUint(r.AssetID, 10)
		w, byID := weights[idKey]
		wx, byExt := weights[r.ExternalID]
		switch {
		case byID && byExt:
			return nil, fmt.Errorf("%w: --weight names parent %s both by id and by identifier", ErrWeight, r.ExternalID)
		case byID:
			used[idKey], fixed[i] = true, w
		case byExt:
			used[r.ExternalID], fixed[i] = true, wx
		default:
			free = append(free, i)
			continue
		}
		sum += uint64(fixed[i])
	}
	for k := range weights {
		if !used[k] {
			return nil, fmt.Errorf("%w: --weight %s names none of the card's parents", ErrWeight, k)
		}
	}
	if sum > types.BasisPoints || (len(free) == 0 && len(resolved) > 0 && sum != types.BasisPoints) {
		return nil, fmt.Errorf("%w: --weight values sum to %d bps; with the parents left to share they must make %d", ErrWeight, sum, types.BasisPoints)
	}
	if len(free) > 0 {
		left := types.BasisPoints - sum
		if left < uint64(len(free)) {
			return nil, fmt.Errorf("%w: --weight values leave %d bps for %d other parents", ErrWeight, left, len(free))
		}
		share, rem := left/uint64(len(free)), left%uint64(len(free))
		for j, i := range free {
			fixed[i] = uint32(share)
			if j == 0 {
				fixed[i] += uint32(rem)
			}
		}
	}
	edges := make([]types.ParentEdge, len(resolved))
	for i, r := range resolved {
		edges[i] = types.ParentEdge{AssetId: r.AssetID, WeightBps: fixed[i], Relation: r.Relation}
	}
	return edges, nil
}
