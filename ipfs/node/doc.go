// Package node is Tributary's embedded IPFS node, the only package of the content layer that
// links libp2p. Each file has one job:
//
//	node.go                  Node: the libp2p host, bitswap, the peering loop, Import/ImportCAR
//	                         (all or nothing) and ExportCAR from the local store.
//	gater.go                 the ConnectionGater: inbound connections from configured peers only.
//	node_http.go             the trustless gateway and the kubo-compatible RPC; both serve only
//	                         what the store holds and never fetch for a caller.
//	node_replication_http.go the RPC's replication status and retry routes.
//	node_pins_http.go        the RPC's pin, ls, stat and gc routes.
//	node_pins.go             Pin/Unpin/Pins/Stat for the operator, and Revoke.
//	pins.go                  the pin set: one boxo dspinner per reason (registered, local).
//	pinds.go                 the goleveldb datastore the pin set lives in.
//	gc.go                    GC: mark from the pins, sweep the rest, under the GC lock.
//	serve.go                 what strangers read: the store less revoked content.
//	fetch.go                 FetchBounded: an iterative, size-bounded DAG fetch over bitswap.
//	replicate.go             the Replicator of registered content: scheduling and outcomes.
//	replicate_state.go       its capped, persisted progress and Status.
//	replicate_revocations.go following the chain's revocation index from a persisted cursor.
//	replicate_pins.go        the adoption of pre-pin content on upgrade.
//	metrics.go               the node's Prometheus metrics (through the SDK's go-metrics sink).
//	service.go               the Service `tributaryd start` runs for the [ipfs] section.
//
// docs/content.md says what a node stores and serves and why, and the replication limits.
package node
