package cmd

import (
	"context"
	"fmt"
	"path/filepath"

	"golang.org/x/sync/errgroup"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server"

	ipfsconfig "github.com/tributary-ai/tributary/ipfs/config"
	ipfsnode "github.com/tributary-ai/tributary/ipfs/node"
)

// startOptions extends `tributaryd start` with the services that run beside consensus.
func startOptions() server.StartCmdOptions {
	return server.StartCmdOptions{
		PostSetup:           runIPFS,
		PostSetupStandalone: runIPFS,
	}
}

// runIPFS starts the [ipfs] service (embedded node, remote kubo check, or nothing) with the node,
// and the replication of registered content if enabled, and stops them when the node shuts down
// (replication first, then the node, so the block store is closed cleanly before exit).
func runIPFS(svrCtx *server.Context, clientCtx client.Context, ctx context.Context, g *errgroup.Group) error {
	home := svrCtx.Config.RootDir
	cfg, err := ipfsconfig.FromViper(svrCtx.Viper)
	if err != nil {
		return fmt.Errorf("reading the [ipfs] section of %s/config/app.toml: %w", home, err)
	}
	svc, err := ipfsnode.NewService(cfg, home, svrCtx.Logger.With("module", "ipfs"))
	if err != nil {
		return err
	}
	if err := svc.Start(ctx); err != nil {
		return fmt.Errorf("starting IPFS (%s mode): %w", cfg.EffectiveMode(), err)
	}
	// Replication is a side job: a problem with it (an unreadable progress file) is logged with its
	// remedy, and the node still starts and validates.
	replicator, err := newReplicator(svrCtx, clientCtx, cfg, svc)
	if err != nil {
		svrCtx.Logger.Error("registered content is not replicated", "err", err)
	}
	g.Go(func() error {
		if replicator != nil {
			_ = replicator.Run(ctx) // returns when ctx ends
		}
		<-ctx.Done()
		svrCtx.Logger.Info("stopping IPFS")
		return svc.Stop()
	})
	return nil
}

// newReplicator returns the replicator of registered content when the embedded node runs and
// [ipfs] replicate is on, else nil.
func newReplicator(svrCtx *server.Context, clientCtx client.Context, cfg ipfsconfig.Config, svc *ipfsnode.Service) (*ipfsnode.Replicator, error) {
	node := svc.Node()
	if node == nil || !cfg.Replicate {
		return nil, nil
	}
	logger := svrCtx.Logger.With("module", "ipfs-replication")
	// The replicator reads the chain through the node's own query services, which exist only if
	// the gRPC server or the REST API is enabled (the SDK sets the client up for those).
	if clientCtx.Client == nil && clientCtx.GRPCClient == nil {
		logger.Error("[ipfs] replicate is on but neither [grpc] nor [api] is enabled: registered content is not replicated")
		return nil, nil
	}
	set, err := cfg.Parse()
	if err != nil {
		return nil, err
	}
	return ipfsnode.NewReplicator(node, newChainContent(clientCtx), ipfsnode.ReplicatorOptions{
		StatePath:    filepath.Join(cfg.ResolvedStoragePath(svrCtx.Config.RootDir), ipfsnode.ReplicationStateFile),
		StallTimeout: set.ReplicateStallTimeout,
		MinRate:      set.ReplicateMinRate,
		MaxAssetSize: set.ReplicateMaxAssetSize,
		Logger:       logger,
	})
}
