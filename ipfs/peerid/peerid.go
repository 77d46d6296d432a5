// Package peerid creates and reads the embedded node's libp2p identity (an
// Ed25519 key in libp2p's protobuf key format) without linking libp2p, so
// that `tributaryd content peer-id` runs in the slim tributaryd-content
// binary. The node itself loads the same file with libp2p's own crypto
// package; a test in ipfs/node checks that both derive the same peer ID.
package peerid

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	mh "github.com/multiformats/go-multihash"
)

// File is the name of the node's private key in the IPFS storage path.
const File = "identity.key"

// ErrUnreadableKey is returned for a key file that is not an Ed25519 key in
// libp2p's format.
var ErrUnreadableKey = errors.New("IPFS identity is unreadable")

// keyPrefix is libp2p's protobuf PrivateKey{Type: Ed25519 (1), Data: ...}
// header up to the length of Data: field 1 varint 1, field 2 bytes.
var keyPrefix = []byte{0x08, 0x01, 0x12}

// Path is where the identity of the node storing blocks in storagePath lives.
func Path(storagePath string) string { return filepath.Join(storagePath, File) }

// LoadOrCreate returns the private key at Path(storagePath), creating the
// directory and a new key if there is none yet. A node started later on the
// same path uses it, so operators can list a node in their peers' [ipfs]
// peers before it ever runs.
func LoadOrCreate(storagePath string) (ed25519.PrivateKey, error) {
	path := Path(storagePath)
	data, err := os.ReadFile(path)
	if err == nil {
		return Unmarshal(data)
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if err := os.MkdirAll(storagePath, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the IPFS storage path: %w", err)
	}
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, Marshal(key), 0o600); err != nil {
		return nil, fmt.Errorf("cannot save IPFS identity: %w", err)
	}
	return key, nil
}

// Marshal encodes key as libp2p's crypto.MarshalPrivateKey does.
func Marshal(key ed25519.PrivateKey) []byte {
	out := append(bytes.Clone(keyPrefix), byte(len(key)))
	return append(out, key...)
}

// Unmarshal decodes an Ed25519 key written by Marshal or by libp2p (whose
// older versions appended the public key again: 96 bytes of Data).
func Unmarshal(data []byte) (ed25519.PrivateKey, error) {
	if len(data) < len(keyPrefix)+1 || !bytes.Equal(data[:len(keyPrefix)], keyPrefix) {
		return nil, fmt.Errorf("%w: not an Ed25519 key in libp2p's format", ErrUnreadableKey)
	}
	n := int(data[len(keyPrefix)])
	body := data[len(keyPrefix)+1:]
	if n != len(body) || (n != ed25519.PrivateKeySize && n != ed25519.PrivateKeySize+ed25519.PublicKeySize) {
		return nil, fmt.Errorf("%w: key data of %d bytes", ErrUnreadableKey, len(body))
	}
	key := ed25519.PrivateKey(bytes.Clone(body[:ed25519.PrivateKeySize]))
	if !bytes.Equal(key.Public().(ed25519.PublicKey), body[ed25519.SeedSize:ed25519.PrivateKeySize]) {
		return nil, fmt.Errorf("%w: public half does not match the seed", ErrUnreadableKey)
	}
	return key, nil
}

// ID is the libp2p peer ID of key: the identity multihash of its protobuf
// public key (short keys are inlined rather than hashed), in base58btc.
func ID(key ed25519.PrivateKey) string {
	pub := append(bytes.Clone(keyPrefix), ed25519.PublicKeySize)
	pub = append(pub, key.Public().(ed25519.PublicKey)...)
	m, err := mh.Sum(pub, mh.IDENTITY, -1)
	if err != nil {
		panic(err) // the identity "hash" of 36 bytes cannot fail
	}
	return m.B58String()
}
