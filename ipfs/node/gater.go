package node

import (
	"sync"

	"github.com/libp2p/go-libp2p/core/control"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
)

// peerGater is the node's libp2p ConnectionGater: inbound connections are accepted only from the
// configured peers (the validators' [ipfs] peers lists, which localnet and the operators guide
// write both ways) unless the operator set accept_any_peer. Outbound dials are never gated: the
// node only dials its peers. Without it anybody could connect and use the node's bitswap: ask it
// for content, or, with a gateway that fetched, make it fetch and keep blocks they chose.
//
// The decision is taken once the connection is secured, the first point where the remote peer
// ID is authenticated (an address says nothing about who is behind it).
type peerGater struct {
	acceptAny bool

	mu      sync.RWMutex
	allowed map[peer.ID]struct{}
}

func newPeerGater(acceptAny bool) *peerGater {
	return &peerGater{acceptAny: acceptAny, allowed: map[peer.ID]struct{}{}}
}

// allow admits inbound connections from p.
func (g *peerGater) allow(p peer.ID) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.allowed[p] = struct{}{}
}

func (g *peerGater) admits(p peer.ID) bool {
	if g.acceptAny {
		return true
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	_, ok := g.allowed[p]
	return ok
}

// InterceptPeerDial allows every outbound dial.
func (g *peerGater) InterceptPeerDial(peer.ID) bool { return true }

// InterceptAddrDial allows every outbound dial.
func (g *peerGater) InterceptAddrDial(peer.ID, ma.Multiaddr) bool { return true }

// InterceptAccept lets the handshake run: the peer is not known before it.
func (g *peerGater) InterceptAccept(network.ConnMultiaddrs) bool { return true }

// InterceptSecured refuses an inbound connection from a peer that is not configured.
func (g *peerGater) InterceptSecured(dir network.Direction, p peer.ID, _ network.ConnMultiaddrs) bool {
	return dir == network.DirOutbound || g.admits(p)
}

// InterceptUpgraded allows what InterceptSecured let through.
func (g *peerGater) InterceptUpgraded(network.Conn) (bool, control.DisconnectReason) { return true, 0 }
