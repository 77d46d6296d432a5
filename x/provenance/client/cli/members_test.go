package cli_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/client"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/x/tx/signing"

	"github.com/tributary-ai/tributary/x/provenance/client/cli"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// memberAddrs returns n distinct addresses: byte value i+1 repeated, as in the
// Merkle test vectors of the module README.
func memberAddrs(n int) []sdk.AccAddress {
	out := make([]sdk.AccAddress, n)
	for i := range out {
		out[i] = bytes.Repeat([]byte{byte(i + 1)}, 20)
	}
	return out
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "members.csv")
	require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	return p
}

func membersFile(t *testing.T, ac address.Codec, addrs []sdk.AccAddress) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("address,units\n")
	for i, a := range addrs {
		s, err := ac.BytesToString(a)
		require.NoError(t, err)
		b.WriteString(s + "," + strconv.Itoa(i+1) + "\n")
	}
	return writeFile(t, b.String())
}

func TestBuildMemberProof(t *testing.T) {
	ac := addresscodec.NewBech32Codec("trib")
	addrs := memberAddrs(7) // odd counts exercise the promoted last node
	good := membersFile(t, ac, addrs)
	str := func(a sdk.AccAddress) string {
		s, err := ac.BytesToString(a)
		require.NoError(t, err)
		return s
	}
	stranger := str(bytes.Repeat([]byte{0xee}, 20))

	for _, tc := range []struct {
		name, file, address string
		wantErr             error  // sentinel, if any
		wantErrText         string // substring of the error, if any
		wantUnits           uint64
	}{
		{name: "first member", file: good, address: str(addrs[0]), wantUnits: 1},
		{name: "middle member", file: good, address: str(addrs[3]), wantUnits: 4},
		{name: "promoted last member", file: good, address: str(addrs[6]), wantUnits: 7},
		{name: "unknown address", file: good, address: stranger, wantErr: cli.ErrNotAMember},
		{name: "malformed address", file: good, address: "trib1nope", wantErrText: "address"},
		{name: "missing header", file: writeFile(t, str(addrs[0])+",1\n"), address: str(addrs[0]), wantErr: types.ErrInvalidMembersFile},
		{name: "zero units", file: writeFile(t, "address,units\n"+str(addrs[0])+",0\n"), address: str(addrs[0]), wantErr: types.ErrInvalidMembersFile},
		{name: "duplicate member", file: writeFile(t, "address,units\n"+str(addrs[0])+",1\n"+str(addrs[0])+",2\n"), address: str(addrs[0]), wantErr: types.ErrInvalidMembersFile},
		{name: "not csv", file: writeFile(t, "address,units\nhello\n"), address: str(addrs[0]), wantErr: types.ErrInvalidMembersFile},
		{name: "no such file", file: filepath.Join(t.TempDir(), "absent.csv"), address: str(addrs[0]), wantErr: os.ErrNotExist},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := cli.BuildMemberProof(tc.file, ac, tc.address)
			if tc.wantErr != nil || tc.wantErrText != "" {
				require.Error(t, err)
				if tc.wantErr != nil {
					require.ErrorIs(t, err, tc.wantErr)
				}
				require.Contains(t, err.Error(), tc.wantErrText)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.wantUnits, p.Units)
			require.Equal(t, len(addrs), p.MemberCount)
			require.Equal(t, uint64(28), p.TotalUnits)

			// The proof verifies against the root the registration would commit.
			members := make([]types.Member, len(addrs))
			for i, a := range addrs {
				members[i] = types.Member{Address: a, Units: uint64(i + 1)}
			}
			root, err := types.MerkleRoot(members)
			require.NoError(t, err)
			require.Equal(t, hex.EncodeToString(root[:]), p.Root)
			proof := make([][]byte, len(p.Proof))
			for i, h := range p.Proof {
				proof[i], err = hex.DecodeString(h)
				require.NoError(t, err)
			}
			addr, err := ac.StringToBytes(p.Address)
			require.NoError(t, err)
			require.True(t, types.VerifyMerkleProof(root[:], addr, p.Units, proof))
			require.False(t, types.VerifyMerkleProof(root[:], addr, p.Units+1, proof), "the proof must bind the units")
		})
	}
}

// TestMemberProofCmd checks the command's two output forms: the text form is
// exactly the UNITS HASH... arguments of `tx royalty claim-merkle`.
func TestMemberProofCmd(t *testing.T) {
	ac := addresscodec.NewBech32Codec("trib")
	addrs := memberAddrs(3)
	file := membersFile(t, ac, addrs)
	member, err := ac.BytesToString(addrs[0])
	require.NoError(t, err)
	want, err := cli.BuildMemberProof(file, ac, member)
	require.NoError(t, err)
	require.Len(t, want.Proof, 2) // README vectors: member 1's proof is [leaf 2, leaf 3]

	registry, err := codectypes.NewInterfaceRegistryWithOptions(codectypes.InterfaceRegistryOptions{
		ProtoFiles: gogoproto.HybridResolver,
		SigningOptions: signing.Options{
			AddressCodec:          ac,
			ValidatorAddressCodec: addresscodec.NewBech32Codec("tribvaloper"),
		},
	})
	require.NoError(t, err)
	run := func(args ...string) (string, error) {
		cmd := cli.GetMembersCmd()
		var out bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SetArgs(args)
		cmd.SetContext(t.Context())
		require.NoError(t, client.SetCmdClientContext(cmd, client.Context{}.WithInterfaceRegistry(registry)))
		err := cmd.Execute()
		return out.String(), err
	}

	out, err := run("proof", file, member)
	require.NoError(t, err)
	require.Equal(t, "1 "+strings.Join(want.Proof, " ")+"\n", out)

	out, err = run("proof", file, member, "-o", "json")
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.Equal(t, "1", got["units"])
	require.Equal(t, want.Root, got["root"])
	require.Len(t, got["proof"], 2)

	_, err = run("proof", file, "trib1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5rg5m5f")
	require.ErrorIs(t, err, cli.ErrNotAMember)
}
