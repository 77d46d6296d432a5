package types

import (
	"github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterInterfaces registers the module's messages with the interface
// registry.
func RegisterInterfaces(registry types.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgRegisterAsset{},
		&MsgUpdateAsset{},
		&MsgTransferOwnership{},
		&MsgAcceptOwnership{},
		&MsgCancelTransfer{},
		&MsgRetireAsset{},
		&MsgRevokeAsset{},
		&MsgUpdateParams{},
		&MsgSetExternalIDs{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
