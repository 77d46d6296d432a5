package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/tributary-ai/tributary/client/txcli"
	ipfsclient "github.com/tributary-ai/tributary/ipfs/client"
	"github.com/tributary-ai/tributary/ipfs/dagio"
	"github.com/tributary-ai/tributary/x/provenance/client/cards"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Flags of registration from cards.
const (
	FlagCroissant        = "croissant"
	FlagWeight           = "weight"
	FlagSkipUnregistered = "skip-unregistered"
)

// claimantsPage bounds the claimants fetched per identifier: one active
// claimant is the answer, two already make it ambiguous, so the first page
// is enough to decide and to list the candidates.
const claimantsPage = 100

func addCardFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.String(FlagCroissant, "", "Croissant file describing PATH's files (default: PATH/croissant.json when present); its sha256s are checked and it becomes the metadata CID")
	f.StringArray(FlagWeight, nil, "weight of a parent the card names, as ID=BPS with ID its external identifier or asset id (repeat); the others share the rest equally")
	f.Bool(FlagSkipUnregistered, false, "register without the card's parents that no asset on chain claims (said on stderr)")
}

// cardPlan is what PATH's card and Croissant file add to a registration.
type cardPlan struct {
	reading  *cards.Reading
	resolved []cards.Resolved
	parents  []types.ParentEdge // resolved[i] weighed
	skipped  []cards.Ref
}

// readCards reads PATH's README.md card and Croissant file; nil when there
// is no PATH or neither file.
func readCards(cmd *cobra.Command, kind types.AssetKind, args []string) (*cards.Reading, error) {
	croissant, _ := cmd.Flags().GetString(FlagCroissant)
	if len(args) == 0 {
		if croissant != "" {
			return nil, fmt.Errorf("--%s describes the files of PATH: give PATH", FlagCroissant)
		}
		return nil, nil
	}
	r, err := cards.Read(args[0], croissant, kind)
	if err != nil {
		return nil, err
	}
	if r.Empty() {
		return nil, nil
	}
	return r, nil
}

// resolveCardParents turns the card's parents into edges through the
// chain's external-identifier index, unless --parent overrides them.
func resolveCardParents(cmd *cobra.Command, clientCtx client.Context, r *cards.Reading) (*cardPlan, error) {
	cp := &cardPlan{reading: r}
	if r.RefsErr != nil {
		if cmd.Flags().Lookup(FlagParent) != nil {
			return nil, fmt.Errorf("%w; or give the parents with --%s", r.RefsErr, FlagParent)
		}
		return nil, r.RefsErr
	}
	if len(r.Refs) == 0 {
		return cp, nil
	}
	if clientCtx.GenerateOnly || clientCtx.Offline {
		return nil, fmt.Errorf("the card names %d parents, resolved through the chain's external identifiers: run with a node, or give --%s", len(r.Refs), FlagParent)
	}
	f := cmd.Flags()
	skip, _ := f.GetBool(FlagSkipUnregistered)
	weightTexts, _ := f.GetStringArray(FlagWeight)
	weights := make(map[string]uint32, len(weightTexts))
	for _, s := range weightTexts {
		k, bps, err := cards.ParseWeight(s)
		if err != nil {
			return nil, err
		}
		if _, dup := weights[k]; dup {
			return nil, fmt.Errorf("--%s names %s twice", FlagWeight, k)
		}
		weights[k] = bps
	}
	resolved, skipped, err := cards.Resolve(cmd.Context(), r.Refs, chainLookup(clientCtx), skip)
	if err != nil {
		return nil, err
	}
	cp.resolved, cp.skipped = resolved, skipped
	if cp.parents, err = cards.Edges(resolved, weights); err != nil {
		return nil, err
	}
	return cp, nil
}

// chainLookup asks the chain which assets claim an external identifier.
func chainLookup(clientCtx client.Context) cards.Lookup {
	q := types.NewQueryClient(clientCtx)
	return func(ctx context.Context, id string) ([]cards.Claimant, error) {
		if ctx == nil {
			ctx = context.Background()
		}
		res, err := q.AssetsByExternalID(ctx, &types.QueryAssetsByExternalIDRequest{
			ExternalId: id, Pagination: &query.PageRequest{Limit: claimantsPage},
		})
		if err != nil {
			return nil, errors.New(txcli.CleanLog(err.Error()))
		}
		out := make([]cards.Claimant, len(res.Claimants))
		for i, c := range res.Claimants {
			out[i] = cards.Claimant{AssetID: c.AssetId, Owner: c.Owner, Status: c.Status, Kind: c.Kind}
		}
		return out, nil
	}
}

// report prints what was read and resolved, before anything is hashed or
// signed, so that the user sees what the card made of the registration.
func (cp *cardPlan) report(w io.Writer, msg *types.MsgRegisterAsset, parentsFromFlags bool) {
	r := cp.reading
	if r.CardPath != "" {
		fmt.Fprintf(w, "card %s\n", r.CardPath)
	}
	if r.CroissantPath != "" {
		fmt.Fprintf(w, "croissant %s: becomes the metadata CID\n", r.CroissantPath)
		for _, fc := range r.Files {
			if fc.Checked {
				fmt.Fprintf(w, "  file %s: sha256 matches\n", fc.Path)
			} else {
				fmt.Fprintf(w, "  file %s: not checked (%s)\n", fc.Name, fc.Reason)
			}
		}
	}
	fmt.Fprintf(w, "  name %q, license %s", msg.Name, msg.License)
	if r.HubLicense != "" && r.HubLicense != msg.License {
		fmt.Fprintf(w, " (card: %s)", r.HubLicense)
	}
	fmt.Fprintln(w)
	if len(msg.ExternalIds) > 0 {
		fmt.Fprintf(w, "  external ids %s\n", strings.Join(msg.ExternalIds, ", "))
	}
	if parentsFromFlags && len(r.Refs) > 0 {
		fmt.Fprintf(w, "  parents from --%s; the card's %d are not used\n", FlagParent, len(r.Refs))
		return
	}
	for i, e := range cp.parents {
		fmt.Fprintf(w, "  parent %s %s -> #%d, %s, %d bps\n",
			cp.resolved[i].Field, cp.resolved[i].ExternalID, e.AssetId, relationName(e.Relation), e.WeightBps)
	}
	for _, s := range cp.skipped {
		fmt.Fprintf(w, "WARNING: card %s %s is not registered on chain: registering WITHOUT this parent (--%s)\n",
			s.Field, s.ExternalID, FlagSkipUnregistered)
	}
}

func relationName(r types.Relation) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(r.String(), "RELATION_"), "_", "-"))
}

// cardDefaults fills description, metadata CID and external identifiers
// from the card where the flags did not set them; the metadata CID is a
// placeholder until finish computes the Croissant file's.
func cardDefaults(f *pflag.FlagSet, r *cards.Reading, description, metadataCID string, externalIDs []string) (string, string, []string) {
	if !f.Changed(FlagDescription) && r.Description != "" {
		description = r.Description
	}
	if !f.Changed(FlagMetadataCID) && r.CroissantPath != "" {
		metadataCID = placeholderCID
	}
	if !f.Changed(FlagExternalID) && r.OwnID != "" {
		externalIDs = []string{r.OwnID}
	}
	return description, metadataCID, externalIDs
}

// croissantCID computes the Croissant file's CID, adding it to the IPFS
// node with --store, so that the metadata CID names a file anyone can fetch.
func croissantCID(cmd *cobra.Command, path string, store bool) (string, error) {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	if !store {
		c, _, err := dagio.CIDOfPath(ctx, path, dagio.ImportOptions{})
		if err != nil {
			return "", fmt.Errorf("compute the CID of %s: %w", path, err)
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "croissant %s: %s (not stored: rerun with --store to add it to the IPFS node)\n", path, c)
		return c.String(), nil
	}
	apiURL, err := storeAPIURL(cmd)
	if err != nil {
		return "", err
	}
	c, _, err := ipfsclient.AddPathToAPI(ctx, apiURL, path, dagio.ImportOptions{})
	if err != nil {
		return "", fmt.Errorf("add %s to the IPFS node at %s: %w", path, apiURL, err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "croissant %s: %s, stored in the IPFS node\n", path, c)
	return c.String(), nil
}
