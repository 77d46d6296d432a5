package cli

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"cosmossdk.io/core/address"

	"github.com/cosmos/cosmos-sdk/client"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/tributary-ai/tributary/client/txcli"
	ipfscli "github.com/tributary-ai/tributary/ipfs/cli"
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
	FlagHidden                = "hidden"
	FlagExternalID            = "external-id"
)

// placeholderCID stands in for the content's CID while the rest of the
// registration is checked, before anything is hashed or uploaded: the CIDv1
// (raw, sha2-256) of zero bytes, valid under every check the chain makes.
const placeholderCID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"

func registerCmd(kind types.AssetKind) *cobra.Command {
	noun := nounOf(kind)
	cmd := &cobra.Command{
		Use:   fmt.Sprintf("register-%s [path]", noun),
		Short: fmt.Sprintf("Register a %s by its content: the CID is computed locally from PATH (or given with --cid)", noun),
		Long: fmt.Sprintf(`Register a %[1]s. The CID of PATH (a file or directory) is computed locally exactly as
the chain's IPFS profile does (hidden files only with --hidden, as "content add"); with --store the content
is also added to the IPFS node at --ipfs-api. Without PATH, give --cid, --size and --name.

Everything else is checked first (licence, contributors, parents, shares, the signer), so a typo costs
neither the hashing nor the upload. The command then waits until the registration is in a block and prints
the new asset id; a refusal is printed with the chain's reason and the command exits non-zero.

When PATH is a directory with a Hugging Face card (README.md front matter) or a Croissant file
(croissant.json, or --croissant FILE), the command reads name, description, licence (Hub ids mapped to
SPDX), the asset's own identifier and its parents from them: base_model (with base_model_relation),
datasets and source_datasets, resolved to assets through their external identifiers (hf:ORG/NAME,
hf-datasets:ORG/NAME), equal weights unless --weight. Flags override the card. A parent claimed by several
active assets, or by none, is refused with the candidates listed (--skip-unregistered goes on without
unregistered ones). Every sha256 the Croissant file declares is checked against PATH's files, and the
Croissant file becomes the metadata CID. What was read and resolved is printed before anything is signed.

Contributors are --contributors ADDR:UNITS,... (ADDR an address or a key name) or --contributors-file FILE
(a members file: the header "address,units" then one ADDRESS,UNITS line per member). A list longer than the
chain's max_contributors becomes a Merkle commitment: the canonical members file is written to --members-out
and its CID is committed on chain (with --store it is added to the IPFS node too); publish it so members can
build their proofs. Without contributors, the signer is the only contributor with 1 unit.`, noun),
		Example: registerExample(kind),
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			p, err := planRegister(cmd, clientCtx, kind, args)
			if err != nil {
				return err
			}
			msg, err := p.finish(cmd, clientCtx)
			if err != nil {
				return err
			}
			return txcli.Run(cmd, clientCtx, describeRegistered(noun), msg)
		},
	}
	f := cmd.Flags()
	f.String(FlagCID, "", "content CID, instead of PATH (then --size and --name are required)")
	f.Uint64(FlagSize, 0, "content size in bytes, with --cid (computed from PATH otherwise)")
	f.String(FlagName, "", "asset name (default: the base name of PATH)")
	f.String(FlagDescription, "", "asset description")
	f.String(FlagLicense, "", "SPDX license expression, e.g. Apache-2.0 or LicenseRef-acme (required)")
	f.String(FlagMetadataCID, "", "CID of a dataset card, model card or Croissant file")
	f.String(FlagContributors, "", "contributors as ADDR:UNITS,... where ADDR is an address or a key name")
	f.String(FlagContributorsFile, "", "members file (address,units CSV) of the contributors")
	f.String(FlagMembersOut, "", "where to write the canonical members file of a Merkle commitment (default: members-<root>.csv)")
	f.Uint32(FlagMinDerivativeShareBps, 0, "least part of a direct child's revenue that must flow to this asset, in bps")
	f.Bool(FlagStore, false, "also add the content (and members file) to the IPFS node")
	f.Bool(FlagHidden, false, "include hidden (dot) files such as .gitattributes, like content add --hidden")
	f.String(FlagIPFSAPI, "", "RPC URL of the IPFS node used by --store (default: the [ipfs] section of the home's app.toml)")
	f.StringArray(FlagExternalID, nil, "identifier naming the asset elsewhere (repeat, at most 8): hf:ORG/NAME, hf-datasets:ORG/NAME, doi:10.NNNN/X or an https:// URL")
	if kind == types.AssetKind_ASSET_KIND_MODEL {
		f.StringArray(FlagParent, nil, "parent as ID:WEIGHT_BPS:RELATION (repeat; weights sum to 10000), e.g. 3:10000:finetuned-from")
	}
	f.Uint32(FlagUpstreamShareBps, 0, fmt.Sprintf("part of this %s's revenue that flows to its parents, in bps", noun))
	addCardFlags(cmd)
	txcli.AddTxFlags(cmd)
	return cmd
}

func nounOf(kind types.AssetKind) string {
	if kind == types.AssetKind_ASSET_KIND_MODEL {
		return "model"
	}
	return "dataset"
}

func registerExample(kind types.AssetKind) string {
	if kind == types.AssetKind_ASSET_KIND_MODEL {
		return `  tributaryd tx provenance register-model ./my-model --license Apache-2.0 --parent 1:10000:trained-on \
    --upstream-share-bps 2000 --store --from alice --fees 20000utrib -y`
	}
	return `  tributaryd tx provenance register-dataset ./corpus --license CC-BY-4.0 --contributors alice:3,bob:1 \
    --store --from alice --fees 20000utrib -y`
}

func describeRegistered(noun string) txcli.Describe {
	return func(res *sdk.TxResponse) string {
		ev := txcli.Event(res, "tributary.provenance.v1.EventAssetRegistered")
		if ev == nil {
			return txcli.Fallback(res)
		}
		return fmt.Sprintf("registered %s #%s (%s) in block %d", noun, ev["asset_id"], ev["cid"], res.Height)
	}
}

// registerPlan is a registration checked in full except for its content,
// which is hashed (and uploaded) only once everything else is known good.
type registerPlan struct {
	msg     *types.MsgRegisterAsset
	ac      address.Codec
	path    string // "" with --cid
	members []types.Member
	merkle  bool
	// croissant is the Croissant file that becomes the metadata CID in
	// finish ("" without one, or when --metadata-cid overrides it).
	croissant string
}

// planRegister reads and checks every flag, and the registration as the
// chain will check it (with a placeholder CID), without reading the content.
func planRegister(cmd *cobra.Command, clientCtx client.Context, kind types.AssetKind, args []string) (*registerPlan, error) {
	f := cmd.Flags()
	ac := clientCtx.InterfaceRegistry.SigningContext().AddressCodec()
	if !clientCtx.GenerateOnly {
		if err := txcli.CheckSigner(clientCtx); err != nil {
			return nil, err
		}
	}
	owner, err := ac.BytesToString(clientCtx.GetFromAddress())
	if err != nil || clientCtx.GetFromAddress().Empty() {
		return nil, txcli.ErrNoSigner
	}
	cidText, _ := f.GetString(FlagCID)
	size, _ := f.GetUint64(FlagSize)
	name, _ := f.GetString(FlagName)
	store, _ := f.GetBool(FlagStore)
	reading, err := readCards(cmd, kind, args)
	if err != nil {
		return nil, err
	}
	license, _ := f.GetString(FlagLicense)
	if !f.Changed(FlagLicense) && reading != nil {
		if reading.LicenseErr != nil {
			return nil, reading.LicenseErr
		}
		license = reading.License
	}
	if strings.TrimSpace(license) == "" {
		return nil, fmt.Errorf("--%s is required (the card names none): an SPDX expression such as Apache-2.0, CC-BY-4.0 or MIT, or LicenseRef-<name> for a custom licence", FlagLicense)
	}

	p := &registerPlan{ac: ac}
	switch {
	case len(args) == 1 && cidText != "":
		return nil, fmt.Errorf("give PATH or --%s, not both", FlagCID)
	case len(args) == 1:
		p.path = args[0]
		if _, err := os.Stat(p.path); err != nil {
			return nil, fmt.Errorf("%s: %w", p.path, errors.Unwrap(err))
		}
		if f.Changed(FlagSize) {
			return nil, fmt.Errorf("--%s is computed from PATH; give it only with --%s", FlagSize, FlagCID)
		}
		if name == "" && reading != nil {
			name = reading.Name
		}
		if name == "" {
			name = defaultName(p.path)
		}
		if name == "" {
			return nil, fmt.Errorf("%s has no usable base name: give --%s", p.path, FlagName)
		}
		size = 1 // placeholder until the content is hashed
		cidText = placeholderCID
	case cidText == "":
		return nil, fmt.Errorf("give PATH (a file or directory) or --%s", FlagCID)
	default:
		if store {
			return nil, fmt.Errorf("--%s uploads PATH; with --%s there is nothing to upload (add the content with `tributaryd content add`)", FlagStore, FlagCID)
		}
		if name == "" {
			return nil, fmt.Errorf("--%s needs --%s: there is no PATH to take the name from", FlagCID, FlagName)
		}
		if size == 0 {
			return nil, fmt.Errorf("--%s needs --%s, the content's size in bytes (positive)", FlagCID, FlagSize)
		}
	}

	description, _ := f.GetString(FlagDescription)
	metadataCID, _ := f.GetString(FlagMetadataCID)
	minShare, _ := f.GetUint32(FlagMinDerivativeShareBps)
	externalIDs, _ := f.GetStringArray(FlagExternalID)
	if reading != nil {
		description, metadataCID, externalIDs = cardDefaults(f, reading, description, metadataCID, externalIDs)
		if !f.Changed(FlagMetadataCID) {
			p.croissant = reading.CroissantPath
		}
	}
	p.msg = &types.MsgRegisterAsset{
		Owner: owner, Kind: kind, Cid: cidText, SizeBytes: size, Name: name, Description: description,
		License: license, MetadataCid: metadataCID,
		Policy:      types.RoyaltyPolicy{MinDerivativeShareBps: minShare},
		ExternalIds: externalIDs,
	}
	if kind == types.AssetKind_ASSET_KIND_MODEL {
		parents, _ := f.GetStringArray(FlagParent)
		for _, s := range parents {
			edge, err := ParseParent(s)
			if err != nil {
				return nil, err
			}
			p.msg.Parents = append(p.msg.Parents, edge)
		}
	}
	if reading != nil {
		cp := &cardPlan{reading: reading}
		if !f.Changed(FlagParent) {
			if cp, err = resolveCardParents(cmd, clientCtx, reading); err != nil {
				return nil, err
			}
			p.msg.Parents = cp.parents
		}
		cp.report(cmd.ErrOrStderr(), p.msg, f.Changed(FlagParent))
	}
	if err := CheckParents(p.msg.Parents); err != nil {
		return nil, err
	}
	p.msg.Policy.UpstreamShareBps, _ = f.GetUint32(FlagUpstreamShareBps)
	if p.msg.Policy.UpstreamShareBps != 0 && len(p.msg.Parents) == 0 {
		return nil, fmt.Errorf("--%s is %d but the %s has no parents to share with: drop it or cite parents",
			FlagUpstreamShareBps, p.msg.Policy.UpstreamShareBps, nounOf(kind))
	}
	if p.members, err = contributorsFromFlags(cmd, clientCtx, ac); err != nil {
		return nil, err
	}
	params := chainParams(cmd, clientCtx)
	if err := p.setContributors(owner, params.MaxContributors, ""); err != nil {
		return nil, err
	}
	if _, err := types.NormalizeRegisterAsset(ac, p.msg, params); err != nil {
		return nil, errors.New(txcli.CleanLog(err.Error()))
	}
	if err := txcli.Validate(p.msg); err != nil {
		return nil, err
	}
	if !clientCtx.GenerateOnly && !clientCtx.Offline {
		if err := checkParentsExist(cmd.Context(), clientCtx, p.msg.Parents); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// defaultName is the base name of path, made absolute first so that "." and
// "./" name the directory rather than register an asset called ".".
func defaultName(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	base := filepath.Base(abs)
	if base == "." || base == string(filepath.Separator) {
		return ""
	}
	return base
}

// setContributors sets the message's contributors: the signer alone, an
// explicit list, or a Merkle commitment with membersCID (a placeholder while
// planning).
func (p *registerPlan) setContributors(owner string, maxContributors uint32, membersCID string) error {
	switch {
	case p.members == nil:
		p.msg.Contributors = types.NewContributorList(types.Contributor{Address: owner, Units: 1})
	case uint64(len(p.members)) <= uint64(maxContributors):
		c, err := ContributorList(p.ac, p.members)
		if err != nil {
			return err
		}
		p.msg.Contributors = c
	default:
		if membersCID == "" {
			membersCID = placeholderCID
		}
		commitment, _, err := types.BuildCommitment(p.members, membersCID)
		if err != nil {
			return err
		}
		p.merkle = true
		p.msg.Contributors = types.NewMerkleContributors(commitment)
	}
	return nil
}

// finish hashes (and with --store uploads) the content, writes the members
// file of a Merkle commitment, and returns the registration to sign.
func (p *registerPlan) finish(cmd *cobra.Command, clientCtx client.Context) (*types.MsgRegisterAsset, error) {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	f := cmd.Flags()
	store, _ := f.GetBool(FlagStore)
	if p.path != "" {
		hidden, _ := f.GetBool(FlagHidden)
		opts := dagio.ImportOptions{IncludeHidden: hidden}
		done := ipfscli.WithProgress(cmd.ErrOrStderr(), &opts)
		var (
			root fmt.Stringer
			size uint64
			err  error
		)
		if store {
			var apiURL string
			if apiURL, err = storeAPIURL(cmd); err != nil {
				done()
				return nil, err
			}
			root, size, err = ipfsclient.AddPathToAPI(ctx, apiURL, p.path, opts)
			done()
			if err != nil {
				return nil, fmt.Errorf("add %s to the IPFS node at %s: %w", p.path, apiURL, err)
			}
		} else {
			root, size, err = dagio.CIDOfPath(ctx, p.path, opts)
			done()
			if err != nil {
				return nil, fmt.Errorf("compute the CID of %s: %w", p.path, err)
			}
		}
		p.msg.Cid, p.msg.SizeBytes = root.String(), size
		stored := "not stored: rerun with --store, or add it with `tributaryd content add`, so validators can replicate it"
		if store {
			stored = "stored in the IPFS node"
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "content %s: %s, %d bytes, %s\n", p.path, p.msg.Cid, size, stored)
		if size == 0 {
			fmt.Fprintf(cmd.ErrOrStderr(), "warning: %s has no content (0 bytes)%s; registering it anyway\n", p.path, hiddenHint(hidden))
		}
	}
	if p.croissant != "" {
		c, err := croissantCID(cmd, p.croissant, store)
		if err != nil {
			return nil, err
		}
		p.msg.MetadataCid = c
	}
	if p.merkle {
		c, err := merkleContributors(cmd, p.ac, p.members)
		if err != nil {
			return nil, err
		}
		p.msg.Contributors = c
	}
	return p.msg, nil
}

func hiddenHint(hidden bool) string {
	if hidden {
		return ""
	}
	return " (hidden files are left out without --hidden)"
}

// chainParams asks the chain for the module params; offline (e.g.
// --generate-only without a node) it assumes the defaults.
func chainParams(cmd *cobra.Command, clientCtx client.Context) types.Params {
	res, err := types.NewQueryClient(clientCtx).Params(cmd.Context(), &types.QueryParamsRequest{})
	if err != nil {
		if !clientCtx.GenerateOnly && !clientCtx.Offline {
			fmt.Fprintf(cmd.ErrOrStderr(), "could not query the chain's params (%s); assuming the defaults\n", txcli.CleanLog(err.Error()))
		}
		return types.DefaultParams()
	}
	return res.Params
}

// checkParentsExist refuses a parent id the chain does not know before
// anything is hashed.
func checkParentsExist(ctx context.Context, clientCtx client.Context, parents []types.ParentEdge) error {
	q := types.NewQueryClient(clientCtx)
	for i, p := range parents {
		if _, err := q.Asset(ctx, &types.QueryAssetRequest{Id: p.AssetId}); err != nil {
			if strings.Contains(err.Error(), "not found") {
				return fmt.Errorf("--parent %d: there is no asset #%d (see `tributaryd query provenance assets`)", i+1, p.AssetId)
			}
			return errors.New(txcli.CleanLog(err.Error()))
		}
	}
	return nil
}

// contributorsFromFlags reads --contributors (addresses or key names) or
// --contributors-file; nil means neither was given.
func contributorsFromFlags(cmd *cobra.Command, clientCtx client.Context, ac address.Codec) ([]types.Member, error) {
	f := cmd.Flags()
	listText, _ := f.GetString(FlagContributors)
	file, _ := f.GetString(FlagContributorsFile)
	switch {
	case listText != "" && file != "":
		return nil, fmt.Errorf("give --%s or --%s, not both", FlagContributors, FlagContributorsFile)
	case listText != "":
		return ParseContributors(ac, listText, func(s string) (string, error) { return resolveAddress(clientCtx, ac, s) })
	case file != "":
		r, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		defer r.Close()
		members, err := types.ParseMembersFile(r, ac)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		return members, nil
	}
	return nil, nil
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
