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

// ParseContributors parses a --contributors value ADDR:UNITS,ADDR:UNITS,...
// where ADDR is an address or, when resolve is not nil, a key name that
// resolve turns into one.
func ParseContributors(ac address.Codec, s string, resolve func(string) (string, error)) ([]types.Member, error) {
	var out []types.Member
	seen := make(map[string]int)
	for i, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		n := i + 1
		sep := strings.LastIndex(item, ":")
		if sep < 0 {
			return nil, fmt.Errorf("--contributors item %d %q: want ADDRESS:UNITS (or KEY_NAME:UNITS)", n, item)
		}
		addrText, unitsText := item[:sep], item[sep+1:]
		if resolve != nil {
			resolved, err := resolve(addrText)
			if err != nil {
				return nil, fmt.Errorf("--contributors item %d %q: %w", n, item, err)
			}
			addrText = resolved
		}
		addr, err := ac.StringToBytes(addrText)
		if err != nil {
			return nil, fmt.Errorf("--contributors item %d %q: %q is neither an address nor a key name", n, item, item[:sep])
		}
		units, err := strconv.ParseUint(unitsText, 10, 64)
		if err != nil || units == 0 {
			return nil, fmt.Errorf("--contributors item %d %q: units must be a positive integer", n, item)
		}
		if j, dup := seen[string(addr)]; dup {
			return nil, fmt.Errorf("--contributors items %d and %d name the same address: merge their units", j, n)
		}
		seen[string(addr)] = n
		out = append(out, types.Member{Address: addr, Units: units})
	}
	return out, nil
}

// CheckParents checks --parent values as the chain will, numbering them from
// 1 as the user typed them: no duplicates, weights summing to 10000.
func CheckParents(parents []types.ParentEdge) error {
	seen := make(map[uint64]int, len(parents))
	var sum uint64
	for i, p := range parents {
		if j, dup := seen[p.AssetId]; dup {
			return fmt.Errorf("--parent %d and %d both cite asset #%d: cite it once with the summed weight", j, i+1, p.AssetId)
		}
		seen[p.AssetId] = i + 1
		if p.WeightBps == 0 {
			return fmt.Errorf("--parent %d (asset #%d) has weight 0: drop it or give it a weight", i+1, p.AssetId)
		}
		sum += uint64(p.WeightBps)
	}
	if len(parents) > 0 && sum != types.BasisPoints {
		return fmt.Errorf("--parent weights sum to %d bps, must be exactly %d (off by %d)", sum, types.BasisPoints, int64(sum)-types.BasisPoints)
	}
	return nil
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

// ParseAssetID parses an ASSET_ID argument: a positive integer, with or
// without a leading '#'.
func ParseAssetID(s string) (uint64, error) {
	id, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id == 0 {
		return 0, fmt.Errorf("asset id %q: want a positive integer such as 4 (see `tributaryd query provenance assets`)", s)
	}
	return id, nil
}
