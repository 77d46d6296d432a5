# shellcheck shell=bash
# Sourced by the scripts that edit a node's config files (localnet.sh, demo.sh, bench-chain.sh).
# The caller defines die().

# set_toml FILE SECTION KEY VALUE — set KEY in [SECTION] (empty SECTION = top level) of a TOML file.
# VALUE is written as given (quote strings yourself). Fails, through die, if the key is not there: a
# renamed key in a new SDK or CometBFT release must not be skipped silently.
set_toml() {
  local file=$1 section=$2 key=$3 value=$4 tmp
  tmp=$(mktemp)
  awk -v section="$section" -v key="$key" -v value="$value" '
    /^\[/ { cur = $0; gsub(/^\[|\]$/, "", cur) }
    {
      if (cur == section && $0 ~ "^" key " *= ") { print key " = " value; found = 1; next }
      print
    }
    END { if (!found) exit 3 }
  ' "$file" >"$tmp" || { rm -f "$tmp"; die "no key $key in [$section] of $file"; }
  mv "$tmp" "$file"
}
