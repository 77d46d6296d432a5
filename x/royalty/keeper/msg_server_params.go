package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// checkSettlementFits checks p against x/provenance's current lineage bounds.
func (k Keeper) checkSettlementFits(ctx context.Context, p types.Params) error {
	maxParents, maxContributors, err := k.provenance.LineageBounds(ctx)
	if err != nil {
		return err
	}
	return p.CheckSettlementFits(maxParents, maxContributors)
}

// CheckLineageBounds is what x/provenance's MsgUpdateParams asks before it raises max_parents or
// max_contributors (the app wires it): the settlement of an asset at the new bounds must fit royalty's budget.
func (k Keeper) CheckLineageBounds(ctx context.Context, maxParents, maxContributors uint32) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	return p.CheckSettlementFits(maxParents, maxContributors)
}

// UpdateParams replaces the parameters; only the authority may.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if msg.Authority != m.authority {
		return nil, errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", m.authority, msg.Authority)
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err
	}
	if err := m.checkSettlementFits(ctx, msg.Params); err != nil {
		return nil, err
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	err := sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(&types.EventParamsUpdated{
		Authority: msg.Authority, Params: msg.Params,
	})
	if err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}
