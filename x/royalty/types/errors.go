package types

import (
	"google.golang.org/grpc/codes"

	errorsmod "cosmossdk.io/errors"
)

// x/royalty errors. Codes start at 2; never renumber one.
var (
	ErrInvalidAddress = errorsmod.RegisterWithGRPCCode(ModuleName, 2, codes.InvalidArgument, "invalid address")
	// ErrUnknownAsset carries gRPC code NotFound for query clients.
	ErrUnknownAsset        = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.NotFound, "unknown asset")
	ErrInactiveAsset       = errorsmod.Register(ModuleName, 4, "asset is not active")
	ErrDenomNotAccepted    = errorsmod.Register(ModuleName, 5, "denom not accepted")
	ErrZeroAmount          = errorsmod.Register(ModuleName, 6, "amount must be positive")
	ErrBelowPrice          = errorsmod.Register(ModuleName, 7, "payment below the asset's price")
	ErrInsufficientFunds   = errorsmod.Register(ModuleName, 8, "insufficient funds")
	ErrNothingToClaim      = errorsmod.Register(ModuleName, 9, "nothing to claim")
	ErrInvalidMerkleProof  = errorsmod.Register(ModuleName, 10, "invalid merkle proof")
	ErrAlreadyRegistered   = errorsmod.Register(ModuleName, 11, "merkle member already registered")
	ErrNotMerkleAsset      = errorsmod.Register(ModuleName, 12, "asset has no merkle commitment")
	ErrNotOwner            = errorsmod.Register(ModuleName, 13, "not the asset owner")
	ErrInvalidAuthority    = errorsmod.Register(ModuleName, 14, "invalid authority")
	ErrInvalidParams       = errorsmod.Register(ModuleName, 15, "invalid params")
	ErrInvalidRequest      = errorsmod.RegisterWithGRPCCode(ModuleName, 16, codes.InvalidArgument, "invalid request")
	ErrInvalidGenesis      = errorsmod.Register(ModuleName, 17, "invalid genesis")
	ErrConservationBroken  = errorsmod.Register(ModuleName, 18, "conservation invariant broken")
	ErrReferenceTooLong    = errorsmod.Register(ModuleName, 19, "reference too long")
	ErrTooManyAssets       = errorsmod.RegisterWithGRPCCode(ModuleName, 20, codes.InvalidArgument, "too many assets")
	ErrAttributionTooLarge = errorsmod.RegisterWithGRPCCode(ModuleName, 21, codes.InvalidArgument, "lineage too large to attribute in one query")
	ErrOversubscribed      = errorsmod.Register(ModuleName, 22, "merkle commitment oversubscribed")
	ErrPoolOverdrawn       = errorsmod.Register(ModuleName, 23, "payout exceeds the asset's pool")
	ErrMemberCountExceeded = errorsmod.Register(ModuleName, 24, "merkle commitment's member count reached")
	ErrNotQuarantined      = errorsmod.Register(ModuleName, 25, "asset is not quarantined")
	// ErrSettlementBudgetTooSmall: the params of x/royalty and x/provenance together allow an asset whose
	// settlement needs more than a whole settlement_gas_budget (settlement_fit.go).
	ErrSettlementBudgetTooSmall = errorsmod.Register(ModuleName, 26, "settlement budget too small for the lineage bounds")
)
