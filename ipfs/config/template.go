package config

// Template is the [ipfs] section of app.toml in text/template syntax; the
// template data must have a field IPFS of type Config.
const Template = `
###############################################################################
###                        IPFS (content addressing)                        ###
###############################################################################

[ipfs]

# Store and serve dataset content. CIDs are computed and checked either way.
enable = {{ .IPFS.Enable }}

# "embedded": run an IPFS node inside tributaryd (libp2p + bitswap + gateway).
# "remote":   push content to an external kubo daemon at remote_rpc_url.
# "off":      store nothing.
mode = "{{ .IPFS.Mode }}"

# libp2p listen multiaddrs of the embedded node (loopback by default; use
# /ip4/0.0.0.0/tcp/4101 to serve other machines).
listen_addresses = [{{ range $i, $a := .IPFS.ListenAddresses }}{{ if $i }}, {{ end }}"{{ $a }}"{{ end }}]

# Trustless HTTP gateway (application/vnd.ipld.raw and .car); "" disables it.
# It serves only blocks this node holds: it never fetches for a client.
gateway_address = "{{ .IPFS.GatewayAddress }}"

# kubo-compatible RPC used by "tributaryd content ..."; it has no
# authentication, so only a loopback address is accepted ("" disables it).
api_address = "{{ .IPFS.APIAddress }}"

# Peers to stay connected to, as multiaddrs ending in /p2p/<peer id>.
peers = [{{ range $i, $a := .IPFS.Peers }}{{ if $i }}, {{ end }}"{{ $a }}"{{ end }}]

# Accept inbound libp2p connections from any peer. Off: only the peers above
# may connect (and bitswap serves only them).
accept_any_peer = {{ .IPFS.AcceptAnyPeer }}

# kubo RPC URL for mode = "remote".
remote_rpc_url = "{{ .IPFS.RemoteRPCURL }}"

# Block storage, relative to the node home unless absolute.
storage_path = "{{ .IPFS.StoragePath }}"

# Maximum bytes of blocks kept ("10GiB", "500MB", bytes; "0" = unlimited).
# Nothing is evicted: new content is refused once it is full.
storage_limit = "{{ .IPFS.StorageLimit }}"

# Garbage collection (delete every block no pin reaches) this often, e.g. "24h";
# "0" never (run "tributaryd content gc" yourself). At least "1m".
gc_interval = "{{ .IPFS.GCInterval }}"

# Fetch (over bitswap, verified) and keep the content of every asset registered
# on chain, so that every node serves it (embedded mode; reads the chain through
# this node's gRPC server or REST API, so keep one of them enabled). Assets
# already revoked when the node reaches them are not fetched.
replicate = {{ .IPFS.Replicate }}

# Give up a replication fetch when no block has arrived for this long; it is
# retried a few times with backoff, then listed as given up
# ("tributaryd content replicate status"; "... replicate retry CID").
replicate_stall_timeout = "{{ .IPFS.ReplicateStallTimeout }}"

# Skip assets whose registered size_bytes is above this ("0" = no ceiling
# other than storage_limit); "tributaryd content replicate retry CID" fetches
# one anyway. A DAG larger than its registered size plus an eighth plus 1 MiB
# (the DAG overhead) is abandoned and its blocks removed, whatever this says.
replicate_max_asset_size = "{{ .IPFS.ReplicateMaxAssetSize }}"

# Slowest average rate (per second) a replication fetch may have: a DAG of N
# bytes is abandoned after replicate_stall_timeout + N / replicate_min_rate.
replicate_min_rate = "{{ .IPFS.ReplicateMinRate }}"
`
