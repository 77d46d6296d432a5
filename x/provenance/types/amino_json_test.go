package types_test

import (
	"testing"

	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/cosmos/cosmos-sdk/x/tx/signing/aminojson"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// TestAminoJSONEncodesContributors guards the amino.oneof_name options on Contributors: without them the
// SDK's amino JSON encoder (used for CLI output and legacy amino signing) refuses every asset and every
// registration message, which made `tributaryd query provenance asset` fail.
func TestAminoJSONEncodesContributors(t *testing.T) {
	enc := aminojson.NewEncoder(aminojson.EncoderOptions{FileResolver: gogoproto.HybridResolver})
	cases := map[string]types.Contributors{
		"list": {Set: &types.Contributors_List{List: &types.ContributorList{Members: []types.Contributor{
			{Address: "trib1vxuax8sra7tu9r9mp26dddk0j2f7p9amhqdq3y", Units: 3},
		}}}},
		"merkle": {Set: &types.Contributors_Merkle{Merkle: &types.MerkleCommitment{
			Root: make([]byte, 32), MemberCount: 10, TotalUnits: 100, MembersCid: "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e",
		}}},
	}
	for name, contributors := range cases {
		t.Run(name, func(t *testing.T) {
			asset := types.Asset{Id: 1, Owner: "trib1vxuax8sra7tu9r9mp26dddk0j2f7p9amhqdq3y", Contributors: contributors}
			out, err := enc.Marshal(toDynamic(t, &asset, "tributary.provenance.v1.Asset"))
			require.NoError(t, err)
			require.Contains(t, string(out), `"type":"tributary/provenance/`)
		})
	}
}

// toDynamic re-reads a gogoproto message as a protoreflect message through the registered descriptors,
// the way AutoCLI sees query responses.
func toDynamic(t *testing.T, msg gogoproto.Message, name protoreflect.FullName) proto.Message {
	t.Helper()
	desc, err := gogoproto.HybridResolver.FindDescriptorByName(name)
	require.NoError(t, err)
	bz, err := gogoproto.Marshal(msg)
	require.NoError(t, err)
	dyn := dynamicpb.NewMessage(desc.(protoreflect.MessageDescriptor))
	require.NoError(t, proto.Unmarshal(bz, dyn))
	return dyn
}
