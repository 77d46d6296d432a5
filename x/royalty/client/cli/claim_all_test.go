package cli

import (
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/x/royalty/types"
)

// claimResponse is how `claim --all` learns whether to go on: it must read has_more and next_asset_id from the
// committed transaction's data, and refuse anything that is not exactly one claim result.
func TestClaimResponse(t *testing.T) {
	data := func(msgs ...*codectypes.Any) string {
		b, err := (&sdk.TxMsgData{MsgResponses: msgs}).Marshal()
		require.NoError(t, err)
		return hex.EncodeToString(b)
	}
	claim, err := codectypes.NewAnyWithValue(&types.MsgClaimResponse{HasMore: true, NextAssetId: 1_234, AssetIds: []uint64{7, 9}})
	require.NoError(t, err)

	got, err := claimResponse(&sdk.TxResponse{Data: data(claim)})
	require.NoError(t, err)
	require.True(t, got.HasMore)
	require.Equal(t, uint64(1_234), got.NextAssetId)
	require.Equal(t, []uint64{7, 9}, got.AssetIds)

	for name, res := range map[string]*sdk.TxResponse{
		"not hex":         {Data: "zz"},
		"no result":       {Data: data()},
		"two results":     {Data: data(claim, claim)},
		"not a claim":     {Data: data(&codectypes.Any{TypeUrl: "/x", Value: []byte{0xff, 0xff}})},
		"not tx msg data": {Data: "ffff"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := claimResponse(res)
			require.Error(t, err)
		})
	}
}
