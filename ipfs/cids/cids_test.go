package cids

import (
	"crypto/sha256"
	"errors"
	"strings"
	"testing"

	"github.com/ipfs/go-cid"
	mbase "github.com/multiformats/go-multibase"
	mh "github.com/multiformats/go-multihash"
)

// helloWorldCID is the IPIP-499 fixture: the 11 bytes "hello world" as one raw leaf.
const helloWorldCID = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e"

func mustSum(t testing.TB, code uint64, length int, data []byte) mh.Multihash {
	t.Helper()
	h, err := mh.Sum(data, code, length)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func mustEncode(t testing.TB, c cid.Cid, base mbase.Encoding) string {
	t.Helper()
	s, err := c.StringOfBase(base)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestParseCID(t *testing.T) {
	data := []byte("hello world")
	sha := mustSum(t, mh.SHA2_256, -1, data)
	raw := cid.NewCidV1(cid.Raw, sha)
	pb := cid.NewCidV1(cid.DagProtobuf, sha)

	tests := []struct {
		name string
		in   string
		want string // canonical form of the result
		err  error
	}{
		{"fixture raw base32", helloWorldCID, helloWorldCID, nil},
		{"dag-pb base32", pb.String(), pb.String(), nil},
		{"raw base58btc normalised", mustEncode(t, raw, mbase.Base58BTC), helloWorldCID, nil},
		{"raw base36 normalised", mustEncode(t, raw, mbase.Base36), helloWorldCID, nil},
		{"raw base16 normalised", mustEncode(t, raw, mbase.Base16), helloWorldCID, nil},
		{"raw base32 upper normalised", mustEncode(t, raw, mbase.Base32Upper), helloWorldCID, nil},
		{"empty", "", "", ErrMalformedCID},
		{"garbage", "not-a-cid", "", ErrMalformedCID},
		{"truncated", helloWorldCID[:40], "", ErrMalformedCID},
		{"whitespace", " " + helloWorldCID, "", ErrMalformedCID},
		{"ipfs path", "/ipfs/" + helloWorldCID, "", ErrMalformedCID},
		{"too long", "b" + strings.Repeat("a", MaxCIDStringLength), "", ErrMalformedCID},
		{"cidv0", cid.NewCidV0(sha).String(), "", ErrCIDv0},
		{"identity hash", cid.NewCidV1(cid.Raw, mustSum(t, mh.IDENTITY, -1, data)).String(), "", ErrUnsupportedHash},
		{"blake3", cid.NewCidV1(cid.Raw, mustSum(t, mh.BLAKE3, 32, data)).String(), "", ErrUnsupportedHash},
		{"sha2-512", cid.NewCidV1(cid.Raw, mustSum(t, mh.SHA2_512, -1, data)).String(), "", ErrUnsupportedHash},
		{"truncated sha2-256", cid.NewCidV1(cid.Raw, mustSum(t, mh.SHA2_256, 20, data)).String(), "", ErrUnsupportedHash},
		{"dag-cbor", cid.NewCidV1(cid.DagCBOR, sha).String(), "", ErrUnsupportedCodec},
		{"dag-json", cid.NewCidV1(cid.DagJSON, sha).String(), "", ErrUnsupportedCodec},
		{"libp2p-key", cid.NewCidV1(cid.Libp2pKey, sha).String(), "", ErrUnsupportedCodec},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseCID(tc.in)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("ParseCID(%q) error = %v, want %v", tc.in, err, tc.err)
				}
				if c.Defined() {
					t.Fatalf("ParseCID(%q) returned a CID with an error", tc.in)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseCID(%q): %v", tc.in, err)
			}
			if got := CanonicalString(c); got != tc.want {
				t.Fatalf("CanonicalString = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestValidateCID(t *testing.T) {
	digest := sha256.Sum256([]byte("x"))
	sha, err := mh.Encode(digest[:], mh.SHA2_256)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		c    cid.Cid
		err  error
	}{
		{"undefined", cid.Undef, ErrMalformedCID},
		{"v0", cid.NewCidV0(sha), ErrCIDv0},
		{"raw", cid.NewCidV1(cid.Raw, sha), nil},
		{"dag-pb", cid.NewCidV1(cid.DagProtobuf, sha), nil},
		{"git-raw", cid.NewCidV1(cid.GitRaw, sha), ErrUnsupportedCodec},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateCID(tc.c)
			if tc.err == nil && err != nil {
				t.Fatalf("ValidateCID: %v", err)
			}
			if tc.err != nil && !errors.Is(err, tc.err) {
				t.Fatalf("ValidateCID error = %v, want %v", err, tc.err)
			}
		})
	}
}

// FuzzParseCID checks that ParseCID never panics, that every error is one of
// the sentinels, and that whatever it accepts is valid and round-trips through
// its canonical form.
func FuzzParseCID(f *testing.F) {
	f.Add(helloWorldCID)
	f.Add("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o")
	f.Add("zb2rhj7crUKTQYRGCRATFaQ6YFLTde2YzdqbbhAASkL9uRDXn")
	f.Add("bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua")
	f.Add("")
	f.Add("b")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCID(s)
		if err != nil {
			if !errors.Is(err, ErrMalformedCID) && !errors.Is(err, ErrCIDv0) &&
				!errors.Is(err, ErrUnsupportedHash) && !errors.Is(err, ErrUnsupportedCodec) {
				t.Fatalf("ParseCID(%q) error %v is no sentinel", s, err)
			}
			return
		}
		if err := ValidateCID(c); err != nil {
			t.Fatalf("accepted %q but ValidateCID: %v", s, err)
		}
		canon := CanonicalString(c)
		if !strings.HasPrefix(canon, "b") || strings.ToLower(canon) != canon {
			t.Fatalf("canonical form %q of %q is not lower base32", canon, s)
		}
		c2, err := ParseCID(canon)
		if err != nil || !c2.Equals(c) || CanonicalString(c2) != canon {
			t.Fatalf("canonical %q does not round-trip: %v", canon, err)
		}
	})
}
