package types

import (
	"google.golang.org/grpc/codes"

	errorsmod "cosmossdk.io/errors"
)

// Errors of the module, codespace ModuleName. Codes are part of the API:
// never renumber them.
var (
	// ErrAssetNotFound carries gRPC code NotFound so that clients of the queries can tell "no such asset"
	// from a failure.
	ErrAssetNotFound         = errorsmod.RegisterWithGRPCCode(ModuleName, 2, codes.NotFound, "asset not found")
	ErrMalformedCID          = errorsmod.RegisterWithGRPCCode(ModuleName, 3, codes.InvalidArgument, "malformed CID")
	ErrCIDv0                 = errorsmod.RegisterWithGRPCCode(ModuleName, 4, codes.InvalidArgument, "CIDv0 is not accepted: use the CIDv1 base32 form")
	ErrUnsupportedHash       = errorsmod.RegisterWithGRPCCode(ModuleName, 5, codes.InvalidArgument, "unsupported CID multihash: only sha2-256 is accepted")
	ErrUnsupportedCodec      = errorsmod.RegisterWithGRPCCode(ModuleName, 6, codes.InvalidArgument, "unsupported CID codec: only raw and dag-pb are accepted")
	ErrDuplicateCID          = errorsmod.Register(ModuleName, 7, "content already registered")
	ErrUnknownParent         = errorsmod.Register(ModuleName, 8, "unknown parent asset")
	ErrInactiveParent        = errorsmod.Register(ModuleName, 9, "parent asset is not active")
	ErrInvalidWeights        = errorsmod.Register(ModuleName, 10, "invalid parent weights")
	ErrDuplicateParent       = errorsmod.Register(ModuleName, 11, "duplicate parent")
	ErrTooManyParents        = errorsmod.Register(ModuleName, 12, "too many parents")
	ErrTooManyContributors   = errorsmod.Register(ModuleName, 13, "too many contributors")
	ErrInvalidShare          = errorsmod.Register(ModuleName, 14, "royalty share out of range")
	ErrZeroUnits             = errorsmod.Register(ModuleName, 15, "contributor units must be positive")
	ErrDuplicateContributor  = errorsmod.Register(ModuleName, 16, "duplicate contributor")
	ErrInvalidAddress        = errorsmod.RegisterWithGRPCCode(ModuleName, 17, codes.InvalidArgument, "invalid address")
	ErrInvalidText           = errorsmod.Register(ModuleName, 18, "invalid text field")
	ErrInvalidLicense        = errorsmod.Register(ModuleName, 19, "license is not an SPDX license expression")
	ErrMinDerivativeShare    = errorsmod.Register(ModuleName, 20, "minimum derivative share of a parent not met")
	ErrNotOwner              = errorsmod.Register(ModuleName, 21, "signer is not the asset owner")
	ErrUnauthorized          = errorsmod.Register(ModuleName, 22, "signer is not the module authority")
	ErrInvalidMerkle         = errorsmod.Register(ModuleName, 23, "invalid Merkle commitment")
	ErrInvalidKind           = errorsmod.RegisterWithGRPCCode(ModuleName, 24, codes.InvalidArgument, "invalid asset kind")
	ErrInvalidRelation       = errorsmod.Register(ModuleName, 25, "invalid lineage relation")
	ErrAssetNotActive        = errorsmod.Register(ModuleName, 26, "asset is not active")
	ErrAssetRevoked          = errorsmod.Register(ModuleName, 27, "asset is revoked")
	ErrNoPendingTransfer     = errorsmod.Register(ModuleName, 28, "no ownership transfer pending")
	ErrNotPendingOwner       = errorsmod.Register(ModuleName, 29, "signer is not the proposed owner")
	ErrInvalidParams         = errorsmod.Register(ModuleName, 30, "invalid params")
	ErrInvalidGenesis        = errorsmod.Register(ModuleName, 31, "invalid genesis state")
	ErrInvalidContributors   = errorsmod.Register(ModuleName, 32, "invalid contributors")
	ErrInvalidRequest        = errorsmod.RegisterWithGRPCCode(ModuleName, 33, codes.InvalidArgument, "invalid query request")
	ErrRegistrationFee       = errorsmod.Register(ModuleName, 34, "registration fee could not be paid")
	ErrLineageCycle          = errorsmod.Register(ModuleName, 35, "lineage cycle")
	ErrInvalidMembersFile    = errorsmod.Register(ModuleName, 36, "invalid members file")
	ErrSelfTransfer          = errorsmod.Register(ModuleName, 37, "new owner is already the owner")
	ErrInvalidMerkleProof    = errorsmod.Register(ModuleName, 38, "invalid Merkle proof")
	ErrAssetAlreadyRetired   = errorsmod.Register(ModuleName, 39, "asset is already retired")
	ErrInvalidStatus         = errorsmod.RegisterWithGRPCCode(ModuleName, 40, codes.InvalidArgument, "invalid asset status")
	ErrInvalidCursor         = errorsmod.RegisterWithGRPCCode(ModuleName, 41, codes.InvalidArgument, "invalid pagination key")
	ErrUnsupportedPagination = errorsmod.RegisterWithGRPCCode(ModuleName, 42, codes.InvalidArgument, "unsupported pagination option")
	ErrUnitsOutOfRange       = errorsmod.Register(ModuleName, 43, "units or member count out of range")
	ErrBlockedAddress        = errorsmod.Register(ModuleName, 44, "address can never claim or act: blocked or module account")

	// Codes 45-49 belong to external identifiers and standards export (issue 13).
	ErrInvalidExternalID   = errorsmod.RegisterWithGRPCCode(ModuleName, 45, codes.InvalidArgument, "invalid external identifier")
	ErrTooManyExternalIDs  = errorsmod.RegisterWithGRPCCode(ModuleName, 46, codes.InvalidArgument, "too many external identifiers")
	ErrDuplicateExternalID = errorsmod.RegisterWithGRPCCode(ModuleName, 47, codes.InvalidArgument, "duplicate external identifier")
	// Errors 50-59 belong to disputes (x/dispute remedies applied through this module).
	ErrInvalidAmendment = errorsmod.Register(ModuleName, 50, "lineage amendment not possible")
	ErrAlreadyParent    = errorsmod.Register(ModuleName, 51, "asset already cites that parent")
)
