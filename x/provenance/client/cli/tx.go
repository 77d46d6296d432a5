// Package cli holds the module's hand-written commands: registering a
// dataset or model hashes local content first, which AutoCLI cannot do.
package cli

import (
	"context"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"

	ipfsclient "github.com/tributary-ai/tributary/ipfs/client"
	ipfsconfig "github.com/tributary-ai/tributary/ipfs/config"
	"github.com/tributary-ai/tributary/ipfs/dagio"
	"github.com/tributary-ai/tributary/x/provenance/types"
)

// Flags of the register commands.
const (
	FlagCID                   = "cid"
	FlagSize                  = "size"
	FlagName                  = "name"
	FlagDescription           = "description"
	FlagLicense               = "license"
	FlagMetadataCID           = "metadata-cid"
	FlagContributors          = "contributors"
	FlagContributorsFile      = "contributors-file"
	FlagMembersOut            = "members-out"
	FlagParent                = "parent"
	FlagUpstreamShareBps      = "upstream-share-bps"
	FlagMinDerivativeShareBps = "min-derivative-share-bps"
	FlagStore                 = "store"
	FlagIPFSAPI               = "ipfs-api"
)

// GetTxCmd returns the module's tx command with the register commands;
// AutoCLI adds the other messages to it.
func GetTxCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "Provenance transactions: register and manage datasets and models",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(
		registerCmd(types.AssetKind_ASSET_KIND_DATASET),
		registerCmd(types.AssetKind_ASSET_KIND_MODEL),
		GetMembersCmd(), // offline: a member builds the proof for `tx royalty claim-merkle`
	)
	return cmd
}

func registerCmd(kind types.AssetKind) *cobra.Command {
	noun := "dataset"
	if kind == types.AssetKind_ASSET_KIND_MODEL {
		noun = "model"
	}
	cmd := &cobra.Command{
		Use:   fmt.Sprintf("register-%s [path]", noun),
		Short: fmt.Sprintf("Register a %s by its content: the CID is computed locally from PATH (or given with --cid)", noun),
		Long: fmt.Sprintf(`Register a %[1]s. The CID of PATH (a file or directory) is computed locally exactly as
the chain's IPFS profile does; with --store the content is also added to the IPFS node at --ipfs-api.
Without PATH, give --cid and --size.

Contributors are --contributors ADDR:UNITS,... or --contributors-file FILE (a members file: the header
"address,units" then one ADDRESS,UNITS line per member). A list longer than the chain's max_contributors
becomes a Merkle commitment: the canonical members file is written to --members-out and its CID is
committed on chain (with --store it is added to the IPFS node too); publish it so members can build their
proofs. Without contributors, the signer is the only contributor with 1 unit.`, noun),
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			msg, err := buildRegisterMsg(cmd, clientCtx, kind, args)
			if err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	f := cmd.Flags()
	f.String(FlagCID, "", "content CID, instead of PATH")
	f.Uint64(FlagSize, 0, "content size in bytes (with --cid)")
	f.String(FlagName, "", "asset name (default: the base name of PATH)")
	f.String(FlagDescription, "", "asset description")
	f.String(FlagLicense, "", "SPDX license expression, e.g. Apache-2.0 or LicenseRef-acme (required)")
	f.String(FlagMetadataCID, "", "CID of a dataset card, model card or Croissant file")
	f.String(FlagContributors, "", "contributors as ADDR:UNITS,ADDR:UNITS,...")
	f.String(FlagContributorsFile, "", "members file (address,units CSV) of the contributors")
	f.String(FlagMembersOut, "", "where to write the canonical members file of a Merkle commitment (default: members-<root>.csv)")
	f.Uint32(FlagMinDerivativeShareBps, 0, "least part of a direct child's revenue that must flow to this asset, in bps")
	f.Bool(FlagStore, false, "also add the content (and members file) to the IPFS node")
	f.String(FlagIPFSAPI, "", "RPC URL of the IPFS node used by --store (default: the [ipfs] section of the home's app.toml)")
	if kind == types.AssetKind_ASSET_KIND_MODEL {
		f.StringArray(FlagParent, nil, "parent as ID:WEIGHT_BPS:RELATION (repeat; weights sum to 10000), e.g. 3:10000:finetuned-from")
		f.Uint32(FlagUpstreamShareBps, 0, "part of this model's revenue that flows to its parents, in bps")
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

func buildRegisterMsg(cmd *cobra.Command, clientCtx client.Context, kind types.AssetKind, args []string) (*types.MsgRegisterAsset, error) {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	ac := clientCtx.InterfaceRegistry.SigningContext().AddressCodec()
	f := cmd.Flags()
	owner, err := ac.BytesToString(clientCtx.GetFromAddress())
	if err != nil {
		return nil, fmt.Errorf("signer: %w", err)
	}
	cidText, _ := f.GetString(FlagCID)
	size, _ := f.GetUint64(FlagSize)
	name, _ := f.GetString(FlagName)
	store, _ := f.GetBool(FlagStore)
	var apiURL string
	if store {
		if apiURL, err = storeAPIURL(cmd); err != nil {
			return nil, err
		}
	}

	switch {
	case len(args) == 1 && cidText != "":
		return nil, fmt.Errorf("give PATH or --%s, not both", FlagCID)
	case len(args) == 1:
		path := args[0]
		var c fmt.Stringer
		if store {
			root, n, err := ipfsclient.AddPathToAPI(ctx, apiURL, path, dagio.ImportOptions{})
			if err != nil {
				return nil, fmt.Errorf("add %s to the IPFS node at %s: %w", path, apiURL, err)
			}
			c, size = root, n
		} else {
			root, n, err := dagio.CIDOfPath(ctx, path, dagio.ImportOptions{})
			if err != nil {
				return nil, fmt.Errorf("compute the CID of %s: %w", path, err)
			}
			c, size = root, n
		}
		cidText = c.String()
		if name == "" {
			name = filepath.Base(filepath.Clean(path))
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "content %s: %s (%d bytes)\n", path, cidText, size)
	case cidText == "":
		return nil, fmt.Errorf("give PATH or --%s", FlagCID)
	}
	description, _ := f.GetString(FlagDescription)
	license, _ := f.GetString(FlagLicense)
	metadataCID, _ := f.GetString(FlagMetadataCID)
	minShare, _ := f.GetUint32(FlagMinDerivativeShareBps)
	msg := &types.MsgRegisterAsset{
		Owner: owner, Kind: kind, Cid: cidText, SizeBytes: size, Name: name, Description: description,
		License: license, MetadataCid: metadataCID,
		Policy: types.RoyaltyPolicy{MinDerivativeShareBps: minShare},
	}
	if kind == types.AssetKind_ASSET_KIND_MODEL {
		parents, _ := f.GetStringArray(FlagParent)
		for _, p := range parents {
			edge, err := ParseParent(p)
			if err != nil {
				return nil, err
			}
			msg.Parents = append(msg.Parents, edge)
		}
		msg.Policy.UpstreamShareBps, _ = f.GetUint32(FlagUpstreamShareBps)
	}
	if msg.Contributors, err = contributorsFromFlags(cmd, clientCtx, ac, owner); err != nil {
		return nil, err
	}
	return msg, nil
}

// contributorsFromFlags builds the contributors: an explicit list up to the
// chain's max_contributors, a Merkle commitment above it.
func contributorsFromFlags(cmd *cobra.Command, clientCtx client.Context, ac address.Codec, owner string) (types.Contributors, error) {
	f := cmd.Flags()
	listText, _ := f.GetString(FlagContributors)
	file, _ := f.GetString(FlagContributorsFile)
	var members []types.Member
	switch {
	case listText != "" && file != "":
		return types.Contributors{}, fmt.Errorf("give --%s or --%s, not both", FlagContributors, FlagContributorsFile)
	case listText != "":
		var err error
		if members, err = ParseContributors(ac, listText); err != nil {
			return types.Contributors{}, err
		}
	case file != "":
		r, err := os.Open(file)
		if err != nil {
			return types.Contributors{}, err
		}
		defer r.Close()
		if members, err = types.ParseMembersFile(r, ac); err != nil {
			return types.Contributors{}, fmt.Errorf("%s: %w", file, err)
		}
	default:
		return types.NewContributorList(types.Contributor{Address: owner, Units: 1}), nil
	}
	if uint64(len(members)) <= uint64(maxContributors(cmd, clientCtx)) {
		return ContributorList(ac, members)
	}
	return merkleContributors(cmd, ac, members)
}

// maxContributors asks the chain for max_contributors; offline (e.g.
// --generate-only without a node) it assumes the default.
func maxContributors(cmd *cobra.Command, clientCtx client.Context) uint32 {
	res, err := types.NewQueryClient(clientCtx).Params(cmd.Context(), &types.QueryParamsRequest{})
	if err != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "could not query params (%v); assuming max_contributors = %d\n", err, types.DefaultMaxContributors)
		return types.DefaultMaxContributors
	}
	return res.Params.MaxContributors
}

func merkleContributors(cmd *cobra.Command, ac address.Codec, members []types.Member) (types.Contributors, error) {
	ctx := cmd.Context()
	f := cmd.Flags()
	commitment, tree, err := types.BuildCommitment(members, "")
	if err != nil {
		return types.Contributors{}, err
	}
	root := tree.Root()
	out, _ := f.GetString(FlagMembersOut)
	if out == "" {
		out = fmt.Sprintf("members-%s.csv", hex.EncodeToString(root[:8]))
	}
	bz, err := types.MembersFileBytes(ac, members)
	if err != nil {
		return types.Contributors{}, err
	}
	if err := os.WriteFile(out, bz, 0o644); err != nil {
		return types.Contributors{}, fmt.Errorf("write the members file: %w", err)
	}
	store, _ := f.GetBool(FlagStore)
	var membersCID fmt.Stringer
	if store {
		apiURL, err := storeAPIURL(cmd)
		if err != nil {
			return types.Contributors{}, err
		}
		c, _, err := ipfsclient.AddPathToAPI(ctx, apiURL, out, dagio.ImportOptions{})
		if err != nil {
			return types.Contributors{}, fmt.Errorf("add the members file to the IPFS node at %s: %w", apiURL, err)
		}
		membersCID = c
	} else {
		c, _, err := dagio.CIDOfPath(ctx, out, dagio.ImportOptions{})
		if err != nil {
			return types.Contributors{}, fmt.Errorf("compute the CID of the members file: %w", err)
		}
		membersCID = c
	}
	commitment.MembersCid = membersCID.String()
	note := "publish it (or rerun with --store) so members can build their proofs"
	if store {
		note = "added to the IPFS node"
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "%d contributors: Merkle commitment %s; members file %s (%s), %s\n",
		len(members), strings.ToLower(hex.EncodeToString(root[:])), out, membersCID, note)
	return types.NewMerkleContributors(commitment), nil
}

// storeAPIURL is --ipfs-api, else the IPFS API that the [ipfs] section of the home's app.toml names
// (the embedded node's, or the remote kubo's), as `tributaryd content add` uses.
func storeAPIURL(cmd *cobra.Command) (string, error) {
	override, _ := cmd.Flags().GetString(FlagIPFSAPI)
	return ipfsconfig.ClientAPIURL(client.GetClientContextFromCmd(cmd).HomeDir, override)
}
