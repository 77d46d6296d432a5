package cli

import (
	"fmt"

	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/client"
)

// resolveAddress returns s if it is an address, else the address of the key
// named s in the keyring (as --from takes it). Something that is neither is
// returned unchanged: the caller's address check reports it.
func resolveAddress(clientCtx client.Context, ac address.Codec, s string) (string, error) {
	if _, err := ac.StringToBytes(s); err == nil || clientCtx.Keyring == nil {
		return s, nil
	}
	rec, err := clientCtx.Keyring.Key(s)
	if err != nil {
		return s, nil
	}
	addr, err := rec.GetAddress()
	if err != nil {
		return "", fmt.Errorf("key %s: %w", s, err)
	}
	return ac.BytesToString(addr)
}

// ResolveAddress is resolveAddress for the other modules' commands, with a
// plain error for something that is neither an address nor a key name.
func ResolveAddress(clientCtx client.Context, ac address.Codec, what, s string) (string, error) {
	out, err := resolveAddress(clientCtx, ac, s)
	if err != nil {
		return "", err
	}
	if _, err := ac.StringToBytes(out); err != nil {
		return "", fmt.Errorf("%s %q is neither an address nor a key name (see `tributaryd keys list`)", what, s)
	}
	return out, nil
}
