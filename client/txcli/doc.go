// Package txcli is how every Tributary transaction command reaches the chain: it validates the
// messages locally, simulates gas with headroom when the user gave none, signs, broadcasts, waits
// until the transaction is in a block (unless --async) and then says in words what happened, or
// returns the chain's error so that the command exits non-zero.
//
// The SDK's GenerateOrBroadcastTxCLI stops after CheckTx and prints `code: 0`, which is how a
// registration refused in the block (a misspelt licence, weights that do not sum) looked like a
// success. Commands here call Run instead.
package txcli
