package node

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ipfs/boxo/bitswap"
	bsnet "github.com/ipfs/boxo/bitswap/network/bsnet"
	"github.com/ipfs/boxo/blockservice"
	"github.com/ipfs/boxo/blockstore"
	"github.com/ipfs/boxo/peering"
	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p"
	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"

	"github.com/tributary-ai/tributary/ipfs/dagio"

	"github.com/tributary-ai/tributary/ipfs/peerid"
)

// NodeOptions configure a Node. Addresses may use port 0 to let the system
// choose (tests); the chosen ones are reported by the Node's accessors.
type NodeOptions struct {
	// ListenAddresses are libp2p multiaddrs.
	ListenAddresses []string
	// Peers are multiaddrs ending in /p2p/<id>, kept connected.
	Peers []string
	// GatewayAddress is host:port of the trustless gateway; "" for none.
	GatewayAddress string
	// APIAddress is host:port of the RPC; "" for none.
	APIAddress string
	// StoragePath holds blocks/ (the flatfs store) and identity.key.
	StoragePath string
	// StorageLimit caps the block store in bytes; 0 is unlimited.
	StorageLimit uint64
	// AcceptAnyPeer lets any libp2p peer connect; otherwise only Peers (and peers added with
	// AddPeer) may open connections to the node.
	AcceptAnyPeer bool
	// GCInterval runs GC this often while the node runs (0: only when asked).
	GCInterval time.Duration
	// Logger receives the node's log lines; nil discards them.
	Logger Logger
}

// Node is Tributary's embedded IPFS node: a libp2p host that stays
// connected to the configured peers (no DHT, no public bootstrap), boxo
// bitswap serving and fetching blocks, a trustless HTTP gateway
// (application/vnd.ipld.raw and application/vnd.ipld.car only) and a small
// kubo-compatible RPC (/api/v0/id, dag/import, dag/export, block/get) so that
// `tributaryd content` and APIClient talk to it exactly as they talk to a
// kubo daemon.
//
// The gateway and the RPC serve what the node holds and never fetch: a
// stranger who reaches them cannot make the node download and keep blocks of
// their choosing, and an unknown CID answers 404 at once. Only the
// replicator (registered content, bounded by its registered size) and Fetch
// ask peers for blocks. Inbound libp2p connections are limited to the
// configured peers (peerGater) unless AcceptAnyPeer is set.
//
// Blocks live in a dagio.Store under the configured storage path. Everything read
// is checked against its CID: bitswap verifies blocks it receives, the store
// re-hashes blocks it reads, and CAR uploads are checked block by block.
// What the node keeps is its pin set (registered content it replicated whole, and what the
// operator added or pinned); GC deletes every other block. Revoked content is not served by
// bitswap or the gateway from the moment the replicator sees the revocation.
type Node struct {
	log   Logger
	store *dagio.Store
	host  host.Host
	bswap *bitswap.Bitswap
	bserv blockservice.BlockService // fetches missing blocks over bitswap
	local blockservice.BlockService // the store alone, less revoked content: what the gateway serves
	pins  *pinSet
	gcl   blockstore.GCLocker // GC takes it exclusively; imports and replication attempts share it
	// denied are the blocks of revoked content, which bitswap and the gateway do not serve.
	denied atomic.Pointer[blockSet]
	// denyMu serialises refreshDenied, so that a slower, older computation cannot overwrite a newer one.
	denyMu sync.Mutex
	// adoptPending is set while an upgraded node's replicator has not yet pinned what it
	// replicated before pins existed; GC refuses to run meanwhile.
	adoptPending atomic.Bool
	gater        *peerGater
	peering      *peering.PeeringService
	// replicator, once one is attached (NewReplicator), answers the RPC's replication requests.
	replicator atomic.Pointer[Replicator]

	servers   []*http.Server
	gatewayLn net.Listener
	apiLn     net.Listener
	wg        sync.WaitGroup

	ctx    context.Context // cancelled by Close, ends background dials
	cancel context.CancelFunc

	closeOnce sync.Once
	closeErr  error
}

// New opens the store, starts the libp2p host, bitswap, the peering loop
// and the HTTP listeners. Close releases all of them.
func NewNode(ctx context.Context, o NodeOptions) (n *Node, err error) {
	if o.StoragePath == "" {
		return nil, errors.New("ipfs: NodeOptions.StoragePath is required")
	}
	var log Logger = discardLogger{}
	if o.Logger != nil {
		log = o.Logger
	}
	// The cleanup holds its own reference: every failing return below sets the named result n to
	// nil before deferred calls run, so closing n there would dereference nil and panic instead of
	// returning the error (a gateway port in use made `tributaryd start` die with a panic trace).
	node := &Node{log: log}
	node.ctx, node.cancel = context.WithCancel(context.Background())
	n = node
	defer func() {
		if err != nil {
			node.Close()
		}
	}()

	if n.store, err = dagio.OpenStore(filepath.Join(o.StoragePath, "blocks"), o.StorageLimit); err != nil {
		return nil, err
	}
	n.gcl = blockstore.NewGCLocker()
	served := servedStore{Blockstore: n.store, denied: &n.denied}
	n.local = blockservice.New(served, nil)
	if n.pins, err = openPinSet(ctx, o.StoragePath, blockservice.New(n.store, nil)); err != nil {
		return nil, err
	}
	if err := n.refreshDenied(ctx); err != nil {
		return nil, fmt.Errorf("cannot load revoked content: %w", err)
	}
	key, err := loadKey(o.StoragePath)
	if err != nil {
		return nil, err
	}
	n.gater = newPeerGater(o.AcceptAnyPeer)
	n.host, err = libp2p.New(
		libp2p.Identity(key),
		libp2p.ConnectionGater(n.gater),
		libp2p.ListenAddrStrings(o.ListenAddresses...),
		libp2p.DisableRelay(),
		libp2p.UserAgent("tributary"),
	)
	if err != nil {
		return nil, fmt.Errorf("cannot start libp2p on %v: %w", o.ListenAddresses, err)
	}
	// No content routing: peers are the configured ones, and bitswap asks
	// every connected peer.
	// Bitswap serves through servedStore (revoked content answers as absent); what it fetches for
	// the replicator is stored through bserv.
	n.bswap = bitswap.New(context.WithoutCancel(ctx), bsnet.NewFromIpfsHost(n.host), nil, served)
	n.bserv = blockservice.New(n.store, n.bswap)

	// The peering service reconnects with backoff forever, but waits up to
	// 5 s before its first attempt; dial once right away so a fresh node is
	// useful at once.
	n.peering = peering.NewPeeringService(n.host)
	for _, p := range o.Peers {
		ai, err := peer.AddrInfoFromString(p)
		if err != nil {
			return nil, fmt.Errorf("peer %q: %w", p, err)
		}
		n.AddPeer(*ai)
	}
	if err := n.peering.Start(); err != nil {
		return nil, err
	}
	n.wg.Add(1)
	go n.publishStoreGauges()
	if o.GCInterval > 0 {
		n.wg.Add(1)
		go n.collectEvery(o.GCInterval)
	}

	if o.GatewayAddress != "" {
		h, err := newGatewayHandler(n.local)
		if err != nil {
			return nil, err
		}
		if n.gatewayLn, err = n.serve(o.GatewayAddress, h); err != nil {
			return nil, fmt.Errorf("cannot start the IPFS gateway: %w", err)
		}
	}
	if o.APIAddress != "" {
		if n.apiLn, err = n.serve(o.APIAddress, n.apiHandler()); err != nil {
			return nil, fmt.Errorf("cannot start the IPFS API: %w", err)
		}
	}
	log.Info("IPFS node started", "peer_id", n.host.ID().String(), "addrs", n.Addrs(),
		"gateway", n.GatewayURL(), "api", n.APIURL())
	return n, nil
}

func (n *Node) serve(addr string, h http.Handler) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	n.servers = append(n.servers, srv)
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			n.log.Error("IPFS HTTP server stopped", "addr", addr, "err", err)
		}
	}()
	return ln, nil
}

// Close stops the listeners, bitswap and the host, and closes the store.
// It is safe to call more than once.
func (n *Node) Close() error {
	n.closeOnce.Do(func() {
		var errs []error
		n.cancel()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		for _, s := range n.servers {
			if err := s.Shutdown(ctx); err != nil {
				errs = append(errs, s.Close())
			}
		}
		n.wg.Wait()
		if n.peering != nil {
			n.peering.Stop()
		}
		if n.bserv != nil {
			errs = append(errs, n.bserv.Close())
		} else if n.bswap != nil {
			errs = append(errs, n.bswap.Close())
		}
		if n.host != nil {
			errs = append(errs, n.host.Close())
		}
		if n.pins != nil {
			errs = append(errs, n.pins.Close())
		}
		if n.store != nil {
			errs = append(errs, n.store.Close())
		}
		n.closeErr = errors.Join(errs...)
	})
	return n.closeErr
}

// ID is the node's libp2p peer ID.
func (n *Node) ID() peer.ID { return n.host.ID() }

// Addrs are the node's listen addresses with its /p2p/ID, ready for
// another node's peers list.
func (n *Node) Addrs() []string {
	p2p, err := ma.NewMultiaddr("/p2p/" + n.host.ID().String())
	if err != nil {
		return nil
	}
	var out []string
	for _, a := range n.host.Addrs() {
		out = append(out, a.Encapsulate(p2p).String())
	}
	return out
}

// Peers are the currently connected peers.
func (n *Node) Peers() []peer.ID { return n.host.Network().Peers() }

// GatewayURL is the gateway's http:// base URL, or "" without a gateway.
func (n *Node) GatewayURL() string { return listenerURL(n.gatewayLn) }

// APIURL is the RPC's http:// base URL, or "" without an API.
func (n *Node) APIURL() string { return listenerURL(n.apiLn) }

func listenerURL(ln net.Listener) string {
	if ln == nil {
		return ""
	}
	return "http://" + ln.Addr().String()
}

// Store is the node's block store.
func (n *Node) Store() *dagio.Store { return n.store }

// AddPeer adds a peer to keep connected to, admits its inbound connections and dials it now.
func (n *Node) AddPeer(ai peer.AddrInfo) {
	n.gater.allow(ai.ID)
	n.peering.AddPeer(ai)
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		ctx, cancel := context.WithTimeout(n.ctx, 10*time.Second)
		defer cancel()
		if err := n.host.Connect(ctx, ai); err != nil {
			n.log.Info("IPFS peer not reachable yet; will retry", "peer", ai.ID.String(), "err", err)
		}
	}()
}

// Import stores the file or directory at path, pins its root as PinLocal and returns what was
// added. A failed import leaves no blocks behind (dagio.Store.AllOrNothing). It holds the GC's pin
// lock, so a collection cannot remove blocks between their write and the pin.
func (n *Node) Import(ctx context.Context, path string, opts dagio.ImportOptions) (res dagio.ImportResult, err error) {
	defer n.gcl.PinLock(ctx).Unlock(context.WithoutCancel(ctx))
	err = n.store.AllOrNothing(ctx, func(bs dagio.BlockStore) error {
		if res, err = dagio.Import(ctx, path, bs, opts); err != nil {
			return err
		}
		return n.pins.add(ctx, res.Root, PinLocal, "")
	})
	return res, err
}

// ImportCAR stores a CAR stream (see dagio.ImportCAR) and pins its roots as PinLocal, like
// kubo's `dag import --pin-roots`. A rejected or aborted import leaves no blocks behind
// (dagio.Store.AllOrNothing); the GC's pin lock is held from the first block to the pin.
func (n *Node) ImportCAR(ctx context.Context, r io.Reader) (roots []cid.Cid, err error) {
	defer n.gcl.PinLock(ctx).Unlock(context.WithoutCancel(ctx))
	err = n.store.AllOrNothing(ctx, func(bs dagio.BlockStore) error {
		if roots, err = dagio.ImportCAR(ctx, bs, r); err != nil {
			return err
		}
		for _, c := range roots {
			if err := n.pins.add(ctx, c, PinLocal, ""); err != nil {
				return err
			}
		}
		return nil
	})
	return roots, err
}

// Fetch makes the whole DAG under root local, asking connected peers over
// bitswap for what is missing; every block received is verified. It has no
// size bound: it is for content the operator asked for, never for what a
// stranger or a registrant names (see FetchBounded).
func (n *Node) Fetch(ctx context.Context, root cid.Cid) error {
	_, err := n.FetchBounded(ctx, root, ^uint64(0))
	return err
}

// ExportCAR writes the DAG under root as CAR v1 from the local store; a block
// the node does not hold is an error, never a fetch.
func (n *Node) ExportCAR(ctx context.Context, root cid.Cid, w io.Writer) error {
	return dagio.ExportCAR(ctx, n.store, root, w)
}

// loadKey loads (or creates) the node's identity with ipfs/peerid, which
// writes libp2p's key format, so peers can list a node before it ever runs.
func loadKey(storagePath string) (crypto.PrivKey, error) {
	raw, err := peerid.LoadOrCreate(storagePath)
	if err != nil {
		return nil, err
	}
	return crypto.UnmarshalEd25519PrivateKey(raw)
}
