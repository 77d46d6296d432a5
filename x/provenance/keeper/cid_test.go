package keeper_test

import (
	"crypto/sha256"
	"fmt"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"
)

// testCID returns the raw-codec CIDv1 of the text "content-n".
func testCID(n int) string {
	digest := sha256.Sum256([]byte(fmt.Sprintf("content-%d", n)))
	m, err := mh.Encode(digest[:], mh.SHA2_256)
	if err != nil {
		panic(err)
	}
	return cid.NewCidV1(cid.Raw, m).String()
}

// cidWith returns a CIDv1 of the given codec and multihash type.
func cidWith(codec uint64, hashType uint64) string {
	digest := sha256.Sum256([]byte("other"))
	m, err := mh.Encode(digest[:], hashType)
	if err != nil {
		panic(err)
	}
	return cid.NewCidV1(codec, m).String()
}

const cidV0 = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"
