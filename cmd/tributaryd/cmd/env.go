package cmd

import "github.com/tributary-ai/tributary/client/flagenv"

// EnvPrefix is the prefix of the environment variables that stand for flags (TRIBUTARYD_HOME for
// --home ...; client/flagenv).
const EnvPrefix = flagenv.Prefix
