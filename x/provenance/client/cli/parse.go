package cli

import (
	"fmt"
	"strconv"
	"strings"

	"cosmossdk.io/core/address"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// ParseParent parses a --parent value ID:WEIGHT_BPS:RELATION, where RELATION
// is a Relation name with or without its RELATION_ prefix, in any case, with
// '-' or '_' (trained-on, TRAINED_ON, RELATION_TRAINED_ON).
func ParseParent(s string) (types.ParentEdge, error) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return types.ParentEdge{}, fmt.Errorf("--parent %q: want ID:WEIGHT_BPS:RELATION, e.g. 12:5000:trained-on", s)
	}
	id, err := strconv.ParseUint(parts[0], 10, 64)
	if err != nil || id == 0 {
		return types.ParentEdge{}, fmt.Errorf("--parent %q: asset id %q is not a positive integer", s, parts[0])
	}
	weight, err := strconv.ParseUint(parts[1], 10, 32)
	if err != nil {
		return types.ParentEdge{}, fmt.Errorf("--parent %q: weight %q is not a number of basis points", s, parts[1])
	}
	rel, err := ParseRelation(parts[2])
	if err != nil {
		return types.ParentEdge{}, fmt.Errorf("--parent %q: %w", s, err)
	}
	return types.ParentEdge{AssetId: id, WeightBps: uint32(weight), Relation: rel}, nil
}

// ParseRelation parses a relation name (see ParseParent).
func ParseRelation(s string) (types.Relation, error) {
	name := strings.ToUpper(strings.ReplaceAll(s, "-", "_"))
	if !strings.HasPrefix(name, "RELATION_") {
		name = "RELATION_" + name
	}
	v, ok := types.Relation_value[name]
	if !ok || v == 0 {
		var known []string
		for i := int32(1); types.Relation_name[i] != ""; i++ {
			known = append(known, strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(types.Relation_name[i], "RELATION_"), "_", "-")))
		}
		return 0, fmt.Errorf("unknown relation %q; one of %s", s, strings.Join(known, ", "))
	}
	return types.Relation(v), nil
}

// ParseContributors parses a --contributors value addr:units,addr:units,...
func ParseContributors(ac address.Codec, s string) ([]types.Member, error) {
	var out []types.Member
	for _, item := range strings.Split(s, ",") {
		addrText, unitsText, ok := strings.Cut(strings.TrimSpace(item), ":")
		if !ok {
			return nil, fmt.Errorf("--contributors item %q: want ADDRESS:UNITS", item)
		}
		addr, err := ac.StringToBytes(addrText)
		if err != nil {
			return nil, fmt.Errorf("--contributors item %q: %w", item, err)
		}
		units, err := strconv.ParseUint(unitsText, 10, 64)
		if err != nil || units == 0 {
			return nil, fmt.Errorf("--contributors item %q: units must be a positive integer", item)
		}
		out = append(out, types.Member{Address: addr, Units: units})
	}
	return out, nil
}

// ContributorList turns members into an explicit contributor list.
func ContributorList(ac address.Codec, members []types.Member) (types.Contributors, error) {
	list := make([]types.Contributor, len(members))
	for i, m := range members {
		s, err := ac.BytesToString(m.Address)
		if err != nil {
			return types.Contributors{}, err
		}
		list[i] = types.Contributor{Address: s, Units: m.Units}
	}
	return types.NewContributorList(list...), nil
}
