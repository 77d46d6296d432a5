package cli_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"

	"github.com/tributary-ai/tributary/x/provenance/client/cli"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

func TestParseParent(t *testing.T) {
	for _, s := range []string{"12:5000:trained-on", "12:5000:TRAINED_ON", "12:5000:relation_trained_on"} {
		e, err := cli.ParseParent(s)
		require.NoError(t, err, s)
		require.Equal(t, types.ParentEdge{AssetId: 12, WeightBps: 5000, Relation: types.Relation_RELATION_TRAINED_ON}, e)
	}
	for _, s := range []string{"12:5000", "0:1:trained-on", "x:1:trained-on", "1:x:trained-on", "1:1:copied", "1:1:unspecified"} {
		_, err := cli.ParseParent(s)
		require.Error(t, err, s)
	}
}

func TestParseContributors(t *testing.T) {
	ac := addresscodec.NewBech32Codec("trib")
	a := "trib1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5rg5m5f"
	ms, err := cli.ParseContributors(ac, a+":3", nil)
	require.NoError(t, err)
	require.Len(t, ms, 1)
	require.Equal(t, uint64(3), ms[0].Units)
	for _, s := range []string{a, a + ":0", "bob:1", a + ":-1"} {
		_, err := cli.ParseContributors(ac, s, nil)
		require.Error(t, err, s)
	}
}
