package network_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	sdkmath "cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/tributary-ai/tributary/app"
	"github.com/tributary-ai/tributary/testutil/network"
)

// TestFourValidatorsCommitATransfer runs four validators in consensus, commits a bank transfer
// and checks that the balances moved by exactly the amount and that every validator is in the
// set.
func TestFourValidatorsCommitATransfer(t *testing.T) {
	cfg := network.DefaultConfig(4)
	net := network.New(t, cfg)
	ctx := context.Background()

	val0 := net.Validators[0]
	recipient := net.Validators[1].Address
	bank := banktypes.NewQueryClient(network.ClientCtx(net))

	before, err := bank.Balance(ctx, banktypes.NewQueryBalanceRequest(recipient, app.BondDenom))
	require.NoError(t, err)

	amount := sdk.NewCoins(sdk.NewCoin(app.BondDenom, sdkmath.NewInt(123_456)))
	msg := banktypes.NewMsgSend(val0.Address, recipient, amount)
	res, err := network.SubmitTx(ctx, net, val0, val0.Moniker, msg)
	require.NoError(t, err)
	require.Zero(t, res.Code, "transfer failed: %s", res.Log)
	require.Positive(t, res.Height)

	after, err := bank.Balance(ctx, banktypes.NewQueryBalanceRequest(recipient, app.BondDenom))
	require.NoError(t, err)
	require.Equal(t, before.Balance.Amount.Add(sdkmath.NewInt(123_456)), after.Balance.Amount)

	// Every validator signed the genesis and is bonded: consensus really ran between four.
	status, err := val0.RPCClient.Validators(ctx, &res.Height, nil, nil)
	require.NoError(t, err)
	require.Len(t, status.Validators, 4)
}
