package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/ipfs/go-cid"
	"github.com/spf13/cobra"

	"github.com/tributary-ai/tributary/ipfs/cids"
	"github.com/tributary-ai/tributary/ipfs/client"
)

// pinCmds are `content pin|unpin|ls|stat|gc`: the running node's pin set, what it holds and its
// garbage collection, through its RPC (Tributary routes; a kubo does not answer them).
func pinCmds() []*cobra.Command {
	pin := cidCall("pin CID", "Keep CID's DAG on the running node (reason local), fetching what it lacks from its peers",
		(*client.APIClient).Pin)
	pin.Flags().Duration(flagTimeout, defaultFetchTimeout, "give up after this long (the node also gives up when no block arrives for a minute)")
	return []*cobra.Command{
		pin,
		cidCall("unpin CID", "Remove the local pin of CID (a registered pin follows the chain and stays); GC then frees what nothing else pins",
			(*client.APIClient).Unpin),
		{
			Use:   "ls",
			Short: "List the running node's pins: CID, reason (registered: replicated for an asset; local: added or pinned), size held, complete or not",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				raw, err := call(cmd, (*client.APIClient).Pins)
				if err != nil {
					return err
				}
				return printPins(cmd.OutOrStdout(), raw)
			},
		},
		jsonCall("stat", "Print (JSON) the running node's blocks, bytes, storage limit, pins by reason, CIDs owed and given up", (*client.APIClient).ContentStat),
		jsonCall("gc", "Delete every block no pin reaches (partial fetches, revoked content not pinned locally, unpinned imports); prints (JSON) what was freed", (*client.APIClient).GC),
	}
}

// call runs one request against the node of --home / --ipfs-api, within --timeout if the command
// has that flag.
func call(cmd *cobra.Command, fn func(*client.APIClient, context.Context) (json.RawMessage, error)) (json.RawMessage, error) {
	api, err := apiURL(cmd)
	if err != nil {
		return nil, err
	}
	ctx := cmd.Context()
	if d, err := cmd.Flags().GetDuration(flagTimeout); err == nil && d > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, d)
		defer cancel()
	}
	raw, err := fn(client.NewAPIClient(api, nil), ctx)
	if err != nil {
		return nil, apiError(api, err)
	}
	return raw, nil
}

// jsonCall is a command without arguments that prints the node's JSON answer.
func jsonCall(use, short string, fn func(*client.APIClient, context.Context) (json.RawMessage, error)) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			raw, err := call(cmd, fn)
			if err != nil {
				return err
			}
			return printJSON(cmd.OutOrStdout(), raw)
		},
	}
}

// cidCall is a command of one CID argument that prints the node's JSON answer.
func cidCall(use, short string, fn func(*client.APIClient, context.Context, cid.Cid) (json.RawMessage, error)) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := cids.ParseCID(args[0])
			if err != nil {
				return err
			}
			raw, err := call(cmd, func(a *client.APIClient, ctx context.Context) (json.RawMessage, error) { return fn(a, ctx, c) })
			if err != nil {
				return err
			}
			return printJSON(cmd.OutOrStdout(), raw)
		},
	}
}

func printJSON(w io.Writer, raw json.RawMessage) error {
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, out.String())
	return err
}

// printPins writes the pin listing as a table.
func printPins(w io.Writer, raw json.RawMessage) error {
	var pins []struct {
		CID      string `json:"cid"`
		Reason   string `json:"reason"`
		Name     string `json:"name"`
		Blocks   int    `json:"blocks"`
		Bytes    uint64 `json:"bytes"`
		Complete bool   `json:"complete"`
		Revoked  bool   `json:"revoked"`
	}
	if err := json.Unmarshal(raw, &pins); err != nil {
		return fmt.Errorf("%w: bad pin listing: %v", client.ErrAPI, err)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CID\tREASON\tASSET\tBLOCKS\tBYTES\tCOMPLETE\tREVOKED")
	for _, p := range pins {
		name := p.Name
		if name == "" {
			name = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%v\t%v\n", p.CID, p.Reason, name, p.Blocks, p.Bytes, p.Complete, p.Revoked)
	}
	return tw.Flush()
}
