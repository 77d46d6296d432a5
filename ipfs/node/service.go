package node

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/tributary-ai/tributary/ipfs/client"

	"github.com/tributary-ai/tributary/ipfs/config"
)

// Logger is what the service and node log through; *slog.Logger and the
// Cosmos SDK's log.Logger both satisfy it.
type Logger interface {
	Info(msg string, keyvals ...any)
	Error(msg string, keyvals ...any)
}

// remoteCheckTimeout bounds the reachability check of a remote kubo.
const remoteCheckTimeout = 5 * time.Second

// Service is what `tributaryd start` runs for the [ipfs] section: an
// embedded Node, a reachability check of a remote kubo, or nothing.
type Service struct {
	cfg  config.Config
	home string
	log  Logger

	mu   sync.Mutex
	node *Node
}

// NewService validates cfg; home is the node home that relative paths are
// resolved against. logger nil discards log lines.
func NewService(cfg config.Config, home string, logger Logger) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = discardLogger{}
	}
	return &Service{cfg: cfg, home: home, log: logger}, nil
}

// Start brings the configured mode up. In remote mode an unreachable kubo
// is logged, not fatal: the chain does not need it to make blocks, only
// `content add` does, and that reports the problem where it matters.
func (s *Service) Start(ctx context.Context) error {
	switch s.cfg.EffectiveMode() {
	case config.ModeOff:
		s.log.Info("IPFS content storage is off ([ipfs] enable = false or mode = \"off\")")
		return nil
	case config.ModeRemote:
		cctx, cancel := context.WithTimeout(ctx, remoteCheckTimeout)
		defer cancel()
		id, err := client.NewAPIClient(s.cfg.RemoteRPCURL, nil).ID(cctx)
		if err != nil {
			s.log.Error("remote IPFS (kubo) RPC is not reachable; content add will fail until it is", "url", s.cfg.RemoteRPCURL, "err", err)
			return nil
		}
		s.log.Info("using remote IPFS (kubo)", "url", s.cfg.RemoteRPCURL, "peer_id", id.ID, "agent", id.AgentVersion)
		return nil
	case config.ModeEmbedded:
		set, err := s.cfg.Parse()
		if err != nil {
			return err
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.node != nil {
			return errors.New("ipfs: service already started")
		}
		n, err := NewNode(ctx, NodeOptions{
			ListenAddresses: s.cfg.ListenAddresses,
			Peers:           s.cfg.Peers,
			GatewayAddress:  s.cfg.GatewayAddress,
			APIAddress:      s.cfg.APIAddress,
			StoragePath:     s.cfg.ResolvedStoragePath(s.home),
			StorageLimit:    set.StorageLimit,
			AcceptAnyPeer:   s.cfg.AcceptAnyPeer,
			GCInterval:      set.GCInterval,
			Logger:          s.log,
		})
		if err != nil {
			return fmt.Errorf("cannot start the embedded IPFS node: %w", err)
		}
		s.node = n
		return nil
	}
	return fmt.Errorf("%w: mode %q", config.ErrInvalidConfig, s.cfg.Mode)
}

// Stop shuts the embedded node down, releasing its ports and datastore.
func (s *Service) Stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.node == nil {
		return nil
	}
	err := s.node.Close()
	s.node = nil
	return err
}

// Node is the embedded node while it runs, else nil.
func (s *Service) Node() *Node {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.node
}

type discardLogger struct{}

func (discardLogger) Info(string, ...any)  {}
func (discardLogger) Error(string, ...any) {}
