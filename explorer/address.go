package explorer

import (
	"context"
	"fmt"
	"net/http"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	provtypes "github.com/tributary-ai/tributary/x/provenance/types"
	roytypes "github.com/tributary-ai/tributary/x/royalty/types"
)

// AddressView is everything the address page shows.
type AddressView struct {
	Address      string
	Owned        []AssetRow
	MoreOwned    bool
	Contributes  []uint64
	MoreContrib  bool
	Claimable    []roytypes.ClaimableEntry
	ClaimableSum sdk.Coins
	Claims       []Claim
	ClaimCount   uint64
}

func parseAddress(s string) (string, error) {
	addr, err := sdk.AccAddressFromBech32(s)
	if err != nil {
		return "", fmt.Errorf("%w: %q is not an account address: %v", ErrBadRequest, s, err)
	}
	return addr.String(), nil
}

func (s *Server) addressView(ctx context.Context, addr string) (*AddressView, error) {
	v := &AddressView{Address: addr}
	owned, err := s.chain.Provenance.Assets(ctx, &provtypes.QueryAssetsRequest{Owner: addr, Pagination: &query.PageRequest{Limit: maxListed}})
	if err != nil {
		return nil, fmt.Errorf("assets owned by %s: %w", addr, err)
	}
	for _, a := range owned.Assets {
		v.Owned = append(v.Owned, rowOf(a))
	}
	v.MoreOwned = owned.Pagination != nil && len(owned.Pagination.NextKey) > 0
	contrib, err := s.chain.Provenance.AssetsByContributor(ctx, &provtypes.QueryAssetsByContributorRequest{Address: addr, Pagination: &query.PageRequest{Limit: maxListed}})
	if err != nil {
		return nil, fmt.Errorf("assets %s contributes to: %w", addr, err)
	}
	v.Contributes = contrib.AssetIds
	v.MoreContrib = contrib.Pagination != nil && len(contrib.Pagination.NextKey) > 0
	claimable, err := s.chain.Royalty.Claimable(ctx, &roytypes.QueryClaimableRequest{Address: addr})
	if err != nil {
		return nil, fmt.Errorf("claimable of %s: %w", addr, err)
	}
	v.Claimable, v.ClaimableSum = claimable.Entries, claimable.Total
	v.Claims, v.ClaimCount, err = s.claimsOf(ctx, addr, 20)
	if err != nil {
		return nil, err
	}
	return v, nil
}

func (s *Server) address(w http.ResponseWriter, r *http.Request) {
	addr, err := parseAddress(r.PathValue("addr"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.addressView(r.Context(), addr)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "address", "Address "+addr, v)
}
