package types

import (
	"google.golang.org/grpc/codes"

	errorsmod "cosmossdk.io/errors"
)

// Errors of the module, codespace ModuleName. Codes are part of the API: never renumber them.
var (
	ErrDisputeNotFound  = errorsmod.RegisterWithGRPCCode(ModuleName, 2, codes.NotFound, "dispute not found")
	ErrInvalidKind      = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.InvalidArgument, "invalid dispute kind or remedy")
	ErrInvalidEvidence  = errorsmod.RegisterWithGRPCCode(ModuleName, 4, codes.InvalidArgument, "invalid evidence")
	ErrInvalidBond      = errorsmod.Register(ModuleName, 5, "invalid bond")
	ErrAlreadyDisputed  = errorsmod.Register(ModuleName, 6, "asset already has an open dispute of this kind")
	ErrAssetRevoked     = errorsmod.Register(ModuleName, 7, "revoked assets cannot be disputed")
	ErrNotOwner         = errorsmod.Register(ModuleName, 8, "signer is not the asset's owner")
	ErrWrongStatus      = errorsmod.Register(ModuleName, 9, "the dispute is not in a state that allows this")
	ErrWindowClosed     = errorsmod.Register(ModuleName, 10, "the window for this action has closed")
	ErrUnauthorized     = errorsmod.Register(ModuleName, 11, "signer may not decide disputes or change params")
	ErrInvalidParams    = errorsmod.Register(ModuleName, 12, "invalid params")
	ErrInvalidGenesis   = errorsmod.Register(ModuleName, 13, "invalid genesis state")
	ErrInvalidAddress   = errorsmod.RegisterWithGRPCCode(ModuleName, 14, codes.InvalidArgument, "invalid address")
	ErrOwnChallenge     = errorsmod.Register(ModuleName, 15, "the asset's owner cannot dispute its own asset")
	ErrRemedyFailed     = errorsmod.Register(ModuleName, 16, "the remedy cannot be applied")
	ErrInvalidRequest   = errorsmod.RegisterWithGRPCCode(ModuleName, 17, codes.InvalidArgument, "invalid query request")
	ErrInsufficientBond = errorsmod.Register(ModuleName, 18, "bond could not be posted")
)
