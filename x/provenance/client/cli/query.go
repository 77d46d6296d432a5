package cli

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	gogoproto "github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"

	"github.com/tributary-ai/tributary/x/provenance/types"
)

// QueryCommands returns the hand-written queries that print assets; the
// root command puts them in place of AutoCLI's. AutoCLI prints with the
// amino JSON encoder, which wraps the contributors oneof as
// `Set: {type: tributary/provenance/ContributorList, value: ...}` and
// Merkle roots in base64; these print the asset as a person reads it:
// `contributors: {list: [...]}` or `contributors: {merkle: {root: <hex>}}`,
// kinds and relations as the CLI takes them (dataset, trained-on).
func QueryCommands() []*cobra.Command {
	return []*cobra.Command{assetQueryCmd(), assetByCIDQueryCmd(), assetsQueryCmd(), exportQueryCmd()}
}

func assetQueryCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "asset [id]",
		Short:   "Show an asset by id",
		Example: "  tributaryd query provenance asset 4",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			id, err := ParseAssetID(args[0])
			if err != nil {
				return err
			}
			res, err := types.NewQueryClient(clientCtx).Asset(cmd.Context(), &types.QueryAssetRequest{Id: id})
			if err != nil {
				return queryError(err)
			}
			return PrintReadable(clientCtx, res)
		},
	}
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

func assetByCIDQueryCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "asset-by-cid [cid]",
		Short:   "Show the asset registered for a CID (any multibase, CIDv0 or CIDv1)",
		Example: "  tributaryd query provenance asset-by-cid bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			res, err := types.NewQueryClient(clientCtx).AssetByCID(cmd.Context(), &types.QueryAssetByCIDRequest{Cid: args[0]})
			if err != nil {
				return queryError(err)
			}
			return PrintReadable(clientCtx, res)
		},
	}
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

func assetsQueryCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "assets",
		Short:   "List assets, optionally of one --kind (dataset or model) and/or --owner (an address or a key name)",
		Example: "  tributaryd query provenance assets --kind model --owner alice --limit 20",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			req := &types.QueryAssetsRequest{}
			if kind, _ := cmd.Flags().GetString("kind"); kind != "" {
				if req.Kind, err = ParseKind(kind); err != nil {
					return err
				}
			}
			if owner, _ := cmd.Flags().GetString("owner"); owner != "" {
				ac := clientCtx.InterfaceRegistry.SigningContext().AddressCodec()
				if req.Owner, err = ResolveAddress(clientCtx, ac, "--owner", owner); err != nil {
					return err
				}
			}
			if req.Pagination, err = client.ReadPageRequest(cmd.Flags()); err != nil {
				return err
			}
			res, err := types.NewQueryClient(clientCtx).Assets(cmd.Context(), req)
			if err != nil {
				return queryError(err)
			}
			return PrintReadable(clientCtx, res)
		},
	}
	cmd.Flags().String("kind", "", "only assets of this kind: dataset or model")
	cmd.Flags().String("owner", "", "only assets of this owner (an address or a key name)")
	flags.AddQueryFlagsToCmd(cmd)
	flags.AddPaginationFlagsToCmd(cmd, "assets")
	return cmd
}

// ParseKind parses an asset kind as the CLI writes it (dataset, model), or
// its full enum name.
func ParseKind(s string) (types.AssetKind, error) {
	name := strings.ToUpper(strings.ReplaceAll(s, "-", "_"))
	if !strings.HasPrefix(name, "ASSET_KIND_") {
		name = "ASSET_KIND_" + name
	}
	v, ok := types.AssetKind_value[name]
	if !ok || v == 0 {
		return 0, fmt.Errorf("unknown kind %q: dataset or model", s)
	}
	return types.AssetKind(v), nil
}

// PrintReadable prints a query response in the output format asked for
// (YAML-like text or JSON), with the contributors oneof unwrapped, Merkle
// roots in hex (the encoding `members proof` prints and claim-merkle takes)
// and enums as the CLI writes them.
func PrintReadable(clientCtx client.Context, res gogoproto.Message) error {
	bz, err := clientCtx.Codec.MarshalJSON(res)
	if err != nil {
		return err
	}
	var doc any
	if err := json.Unmarshal(bz, &doc); err != nil {
		return err
	}
	bz, err = json.Marshal(readable(doc, ""))
	if err != nil {
		return err
	}
	return clientCtx.PrintRaw(bz)
}

// enumPrefixes are the enum name prefixes the CLI leaves out.
var enumPrefixes = []string{"ASSET_KIND_", "ASSET_STATUS_", "RELATION_"}

func readable(v any, key string) any {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			t[k] = readable(child, k)
		}
		if key == "contributors" {
			if list, ok := t["list"].(map[string]any); ok {
				return map[string]any{"list": list["members"]}
			}
		}
		return t
	case []any:
		for i, child := range t {
			t[i] = readable(child, key)
		}
		return t
	case string:
		if key == "root" {
			if bz, err := base64.StdEncoding.DecodeString(t); err == nil {
				return hex.EncodeToString(bz)
			}
		}
		for _, p := range enumPrefixes {
			if strings.HasPrefix(t, p) {
				return strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(t, p), "_", "-"))
			}
		}
		return t
	default:
		return v
	}
}
