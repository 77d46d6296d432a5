package cards

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

var (
	// ErrAmbiguous is returned when several active assets claim a parent's
	// external identifier: the chain cannot tell which claim is true.
	ErrAmbiguous = errors.New("ambiguous parent")
	// ErrUnregistered is returned when no active asset claims a parent's
	// external identifier.
	ErrUnregistered = errors.New("parent not registered")
)

// Claimant is an asset that claims an external identifier.
type Claimant struct {
	AssetID uint64
	Owner   string
	Status  types.AssetStatus
	Kind    types.AssetKind
}

func (c Claimant) String() string {
	return fmt.Sprintf("#%d (owner %s, %s)", c.AssetID, c.Owner,
		strings.ToLower(strings.TrimPrefix(c.Status.String(), "ASSET_STATUS_")))
}

// Lookup lists the assets that claim an external identifier (the chain's
// AssetsByExternalID query).
type Lookup func(ctx context.Context, externalID string) ([]Claimant, error)

// Resolved is a parent found on chain.
type Resolved struct {
	Ref
	AssetID uint64
}

// Resolve finds the one active claimant of each ref. An identifier with
// several active claimants is refused with them listed, whatever
// skipUnregistered says: picking one would be guessing. One with none is
// refused with its inactive claimants listed, or with skipUnregistered
// returned in skipped. A parent named twice (as base_model and in datasets)
// is kept once, the first time.
func Resolve(ctx context.Context, refs []Ref, lookup Lookup, skipUnregistered bool) (resolved []Resolved, skipped []Ref, err error) {
	seen := make(map[uint64]bool)
	for _, r := range refs {
		claimants, err := lookup(ctx, r.ExternalID)
		if err != nil {
			return nil, nil, fmt.Errorf("look up %s: %w", r.ExternalID, err)
		}
		var active []Claimant
		for _, c := range claimants {
			if c.Status == types.AssetStatus_ASSET_STATUS_ACTIVE {
				active = append(active, c)
			}
		}
		switch {
		case len(active) > 1:
			return nil, nil, fmt.Errorf("%w: card %s %s is claimed by %d active assets: %s; give the parent with --parent ID:WEIGHT:RELATION instead",
				ErrAmbiguous, r.Field, r.ExternalID, len(active), listClaimants(active))
		case len(active) == 0 && skipUnregistered:
			skipped = append(skipped, r)
		case len(active) == 0:
			candidates := "no asset claims it"
			if len(claimants) > 0 {
				candidates = "only inactive assets claim it: " + listClaimants(claimants)
			}
			return nil, nil, fmt.Errorf("%w: card %s %s: %s; register it first, give --parent, or pass --skip-unregistered",
				ErrUnregistered, r.Field, r.ExternalID, candidates)
		case !seen[active[0].AssetID]:
			seen[active[0].AssetID] = true
			resolved = append(resolved, Resolved{Ref: r, AssetID: active[0].AssetID})
		}
	}
	return resolved, skipped, nil
}

func listClaimants(cs []Claimant) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.String()
	}
	return strings.Join(s, ", ")
}
