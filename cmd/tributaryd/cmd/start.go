package cmd

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/server"

	"github.com/tributary-ai/tributary/ipfs"
)

// startOptions extends `tributaryd start` with the services that run beside consensus.
func startOptions() server.StartCmdOptions {
	return server.StartCmdOptions{
		PostSetup:           runIPFS,
		PostSetupStandalone: runIPFS,
	}
}

// runIPFS starts the [ipfs] service (embedded node, remote kubo check, or nothing) with the node
// and stops it when the node shuts down, so the block store is closed cleanly before exit.
func runIPFS(svrCtx *server.Context, _ client.Context, ctx context.Context, g *errgroup.Group) error {
	home := svrCtx.Config.RootDir
	cfg, err := ipfs.ConfigFromViper(svrCtx.Viper, home)
	if err != nil {
		return fmt.Errorf("reading the [ipfs] section of %s/config/app.toml: %w", home, err)
	}
	svc, err := ipfs.NewService(cfg, home, svrCtx.Logger.With("module", "ipfs"))
	if err != nil {
		return err
	}
	if err := svc.Start(ctx); err != nil {
		return fmt.Errorf("starting IPFS (%s mode): %w", cfg.EffectiveMode(), err)
	}
	g.Go(func() error {
		<-ctx.Done()
		svrCtx.Logger.Info("stopping IPFS")
		return svc.Stop()
	})
	return nil
}
