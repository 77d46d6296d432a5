package types_test

import (
	"errors"
	"testing"

	errorsmod "cosmossdk.io/errors"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// FuzzValidateRegisterAsset feeds arbitrary registrations to the stateless
// validation: it must never panic, must fail only with an error registered in
// the module's codespace, and what it accepts must be canonical (validating
// the result again gives the same result).
func FuzzValidateRegisterAsset(f *testing.F) {
	ac := addresscodec.NewBech32Codec("trib")
	owner := "trib1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5rg5m5f"
	valid := "bafkreia66cxhxpsm43ezvn2e72gcowbbpdljyzqfhdxwuszadt22srhbpi"
	f.Add(owner, int32(1), valid, "name", "desc", "MIT", "", owner, uint64(1), uint64(1), uint32(10000), uint32(0), uint32(0))
	f.Add(owner, int32(2), valid, "m", "", "MIT OR Apache-2.0", valid, owner, uint64(5), uint64(3), uint32(9999), uint32(5000), uint32(1))
	f.Add("x", int32(0), "Qm", "", "\x00", "apache", "b", "", uint64(0), uint64(0), uint32(0), uint32(10001), uint32(10001))
	params := types.DefaultParams()
	f.Fuzz(func(t *testing.T, owner string, kind int32, cid, name, desc, license, metadata, contributor string,
		units, parent uint64, weight, upstream, minShare uint32,
	) {
		msg := &types.MsgRegisterAsset{
			Owner: owner, Kind: types.AssetKind(kind), Cid: cid, Name: name, Description: desc, License: license,
			MetadataCid:  metadata,
			Contributors: types.NewContributorList(types.Contributor{Address: contributor, Units: units}),
			Policy:       types.RoyaltyPolicy{UpstreamShareBps: upstream, MinDerivativeShareBps: minShare},
		}
		if parent != 0 {
			msg.Parents = []types.ParentEdge{{AssetId: parent, WeightBps: weight, Relation: types.Relation_RELATION_TRAINED_ON}}
		}
		a, err := types.NormalizeRegisterAsset(ac, msg, params)
		if err != nil {
			var coded *errorsmod.Error
			if !errors.As(err, &coded) || coded.Codespace() != types.ModuleName {
				t.Fatalf("unregistered error: %v", err)
			}
			return
		}
		again := &types.MsgRegisterAsset{
			Owner: a.Owner, Kind: a.Kind, Cid: a.Cid, SizeBytes: a.SizeBytes, Name: a.Name, Description: a.Description,
			License: a.License, MetadataCid: a.MetadataCid, Contributors: a.Contributors, Parents: a.Parents, Policy: a.Policy,
		}
		b, err := types.NormalizeRegisterAsset(ac, again, params)
		if err != nil {
			t.Fatalf("canonical registration rejected: %v", err)
		}
		ab, _ := a.Marshal()
		bb, _ := b.Marshal()
		if string(ab) != string(bb) {
			t.Fatalf("normalization is not idempotent")
		}
	})
}

// FuzzParseMembersFile: the parser never panics, fails only with its
// registered error, and what it accepts round-trips through the formatter.
func FuzzParseMembersFile(f *testing.F) {
	ac := addresscodec.NewBech32Codec("trib")
	f.Add("address,units\ntrib1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5rg5m5f,3\n")
	f.Add("address,units\r\nx,1")
	f.Fuzz(func(t *testing.T, s string) {
		ms, err := types.ParseMembersFile(stringsReader(s), ac)
		if err != nil {
			if !errors.Is(err, types.ErrInvalidMembersFile) {
				t.Fatalf("unregistered error: %v", err)
			}
			return
		}
		bz, err := types.MembersFileBytes(ac, ms)
		if err != nil {
			t.Fatal(err)
		}
		again, err := types.ParseMembersFile(stringsReader(string(bz)), ac)
		if err != nil || len(again) != len(ms) {
			t.Fatalf("formatted file does not parse back: %v", err)
		}
	})
}
