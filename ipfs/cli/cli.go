package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/ipfs/go-cid"
	"github.com/spf13/cobra"

	"github.com/tributary-ai/tributary/client/flagenv"
	"github.com/tributary-ai/tributary/ipfs/cids"
	"github.com/tributary-ai/tributary/ipfs/client"
	"github.com/tributary-ai/tributary/ipfs/config"
	"github.com/tributary-ai/tributary/ipfs/dagio"
	"github.com/tributary-ai/tributary/ipfs/peerid"
)

// defaultFetchTimeout bounds `content get` and `content export`. A Tributary node answers at once
// for content it does not hold; the wait is for a kubo (--ipfs-api) searching the network.
const defaultFetchTimeout = 2 * time.Minute

const (
	flagHome    = "home"
	flagAPI     = "ipfs-api" // not "api": the SDK fills unset flags from app.toml, whose [api] section would win
	flagHidden  = "hidden"
	flagTimeout = "timeout"
)

// ContentCommand returns `content` and its subcommands.
func ContentCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "content",
		Short: "Compute, verify and move dataset content by CID (IPFS unixfs-v1-2025)",
		Long: `Content addressing of datasets. CIDs are those of kubo's
"ipfs add -r" under the unixfs-v1-2025 profile, so anybody can check them with
stock IPFS tools.`,
	}
	// TRIBUTARYD_HOME and the other variables stand for flags here too: this command is also
	// the tributaryd-content helper, a binary of its own that the chain's root command never sees.
	cmd.PersistentPreRunE = func(c *cobra.Command, _ []string) error { return flagenv.Apply(c) }
	home := os.Getenv("HOME")
	cmd.PersistentFlags().String(flagHome, filepath.Join(home, ".tributary"), "node home, whose config/app.toml [ipfs] section gives the API URL")
	cmd.PersistentFlags().String(flagAPI, "", "IPFS RPC URL (embedded node api_address or kubo); default from app.toml")
	cmd.AddCommand(cidCmd(), addCmd(), getCmd(), verifyCmd(), exportCmd(), importCmd(), peerIDCmd(), replicateCmd())
	cmd.AddCommand(pinCmds()...)
	return cmd
}

func cidCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cid PATH",
		Short: "Print the CID of a file or directory (stores nothing)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			hidden, _ := cmd.Flags().GetBool(flagHidden)
			c, _, err := dagio.CIDOfPath(cmd.Context(), args[0], dagio.ImportOptions{IncludeHidden: hidden})
			if err != nil {
				return pathError(args[0], err)
			}
			fmt.Fprintln(cmd.OutOrStdout(), c)
			return nil
		},
	}
	cmd.Flags().Bool(flagHidden, false, "include hidden (dot) files, like ipfs add --hidden")
	return cmd
}

func verifyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "verify CID PATH",
		Short: "Check that PATH has the given CID (exit status 1 if not)",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			want, err := cids.ParseCID(args[0])
			if err != nil {
				return err
			}
			hidden, _ := cmd.Flags().GetBool(flagHidden)
			got, _, err := dagio.CIDOfPath(cmd.Context(), args[1], dagio.ImportOptions{IncludeHidden: hidden})
			if err != nil {
				return pathError(args[1], err)
			}
			if !got.Equals(want) {
				return fmt.Errorf("mismatch: %s has CID %s, not %s (hidden files included: %v)", args[1], got, want, hidden)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "ok: %s is %s\n", args[1], got)
			return nil
		},
	}
	cmd.Flags().Bool(flagHidden, false, "include hidden (dot) files, like ipfs add --hidden")
	return cmd
}

func addCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "add PATH",
		Short: "Add a file or directory to the running node (or the configured kubo)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			api, err := apiURL(cmd)
			if err != nil {
				return err
			}
			hidden, _ := cmd.Flags().GetBool(flagHidden)
			opts := dagio.ImportOptions{IncludeHidden: hidden}
			bar := newProgressBar(cmd.ErrOrStderr())
			if bar != nil {
				opts.Start, opts.Progress = bar.start, bar.update
			}
			res, err := client.NewAPIClient(api, nil).AddPath(cmd.Context(), args[0], opts)
			bar.finish()
			if err != nil {
				return apiError(api, pathError(args[0], err))
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s %d\n", res.Root, res.Size)
			return nil
		},
	}
	cmd.Flags().Bool(flagHidden, false, "include hidden (dot) files, like ipfs add --hidden")
	return cmd
}

func getCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "get CID [OUT]",
		Short: "Fetch content the running node holds (or a kubo finds) into OUT (default: ./CID), verified",
		Args:  cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			root, err := cids.ParseCID(args[0])
			if err != nil {
				return err
			}
			out := root.String()
			if len(args) == 2 {
				out = args[1]
			}
			if _, err := os.Lstat(out); err == nil {
				return fmt.Errorf("%s already exists; choose another OUT", out)
			}
			return withFetched(cmd, root, func(ctx context.Context, s *dagio.Store) error {
				return dagio.WriteUnixFS(ctx, s, root, out)
			})
		},
	}
	cmd.Flags().Duration(flagTimeout, defaultFetchTimeout, "give up after this long")
	return cmd
}

func exportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export CID FILE.car",
		Short: "Write the DAG of CID as a CAR v1 file, verified",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			root, err := cids.ParseCID(args[0])
			if err != nil {
				return err
			}
			return withFetched(cmd, root, func(ctx context.Context, s *dagio.Store) error {
				f, err := os.Create(args[1])
				if err != nil {
					return err
				}
				if err := dagio.ExportCAR(ctx, s, root, f); err != nil {
					f.Close()
					return err
				}
				return f.Close()
			})
		},
	}
	cmd.Flags().Duration(flagTimeout, defaultFetchTimeout, "give up after this long")
	return cmd
}

func importCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE.car",
		Short: "Add the DAGs of a CAR file to the running node (or the configured kubo)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			api, err := apiURL(cmd)
			if err != nil {
				return err
			}
			f, err := os.Open(args[0])
			if err != nil {
				return pathError(args[0], err)
			}
			defer f.Close()
			roots, err := client.NewAPIClient(api, nil).DagImport(cmd.Context(), f)
			if err != nil {
				return apiError(api, err)
			}
			for _, r := range roots {
				fmt.Fprintln(cmd.OutOrStdout(), r)
			}
			return nil
		},
	}
}

// withFetched downloads the DAG of root through the API into a scratch
// store (verifying every block), runs fn on it and removes the store.
func withFetched(cmd *cobra.Command, root cid.Cid, fn func(context.Context, *dagio.Store) error) error {
	api, err := apiURL(cmd)
	if err != nil {
		return err
	}
	timeout, _ := cmd.Flags().GetDuration(flagTimeout)
	ctx, cancel := context.WithTimeout(cmd.Context(), timeout)
	defer cancel()
	return dagio.WithScratchStore(func(s *dagio.Store) error {
		if err := client.NewAPIClient(api, nil).FetchDAG(ctx, root, s); err != nil {
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("%s: not received within %s (--timeout); the node at %s is still looking for it or moving it", root, timeout, api)
			}
			if errors.Is(err, client.ErrNotFound) {
				return fmt.Errorf("%s is not held by the node at %s: a Tributary node serves only what it stores (content added to it, and registered content it replicated; `tributaryd content replicate status` shows what it still owes)", root, api)
			}
			return apiError(api, err)
		}
		return fn(ctx, s)
	})
}

// apiURL is where this command's node answers: config.ClientAPIURL of
// --home and --ipfs-api.
func apiURL(cmd *cobra.Command) (string, error) {
	home, _ := cmd.Flags().GetString(flagHome)
	override, _ := cmd.Flags().GetString(flagAPI)
	return config.ClientAPIURL(home, override)
}

func peerIDCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "peer-id",
		Short: "Print the embedded IPFS node's peer ID, creating its identity if the node never ran",
		Long: `Print the libp2p peer ID of the embedded IPFS node of --home (its identity key lives in the
[ipfs] storage_path). If the node has no identity yet it is created now and kept: the node uses it when it
starts. Works offline, so a network's [ipfs] peers lists (/ip4/.../tcp/PORT/p2p/<peer id>) can be written
before any node runs.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			home, _ := cmd.Flags().GetString(flagHome)
			cfg, _, err := config.LoadHome(home)
			if err != nil {
				return err
			}
			key, err := peerid.LoadOrCreate(cfg.ResolvedStoragePath(home))
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), peerid.ID(key))
			return nil
		},
	}
}

// apiError makes "nothing listens" actionable.
func apiError(api string, err error) error {
	if errors.Is(err, client.ErrNodeUnreachable) {
		return fmt.Errorf("no IPFS node answers at %s: is `tributaryd start` running with [ipfs] enable = true and mode = \"embedded\"? (or pass --ipfs-api URL of a kubo RPC): %w", api, err)
	}
	return err
}

// pathError names the path in file system errors.
func pathError(path string, err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s does not exist: %w", path, err)
	case errors.Is(err, os.ErrPermission):
		return fmt.Errorf("%s is not readable: %w", path, err)
	}
	return err
}

// progressWriter is where the bar draws; only a terminal gets one.
type progressWriter interface {
	io.Writer
	Fd() uintptr
}
