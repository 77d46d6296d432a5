package config

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/viper"
)

// AppTomlPath is where a node home keeps its app.toml.
func AppTomlPath(home string) string { return filepath.Join(home, "config", "app.toml") }

// LoadHome reads the [ipfs] section of home's app.toml and returns it with
// the file's path; a home without app.toml gives DefaultConfig and "".
func LoadHome(home string) (Config, string, error) {
	appToml := AppTomlPath(home)
	if _, err := os.Stat(appToml); err != nil {
		return DefaultConfig(), "", nil
	}
	v := viper.New()
	v.SetConfigFile(appToml)
	if err := v.ReadInConfig(); err != nil {
		return Config{}, "", fmt.Errorf("cannot read %s: %w", appToml, err)
	}
	cfg, err := FromViper(v)
	if err != nil {
		return Config{}, "", fmt.Errorf("%s: %w", appToml, err)
	}
	return cfg, appToml, nil
}

// ClientAPIURL is how every command (`content ...`, `register-* --store`)
// finds the IPFS RPC of a node home: override (the --ipfs-api flag) if set;
// else the remote kubo or the embedded node's api_address, as the [ipfs]
// section of <home>/config/app.toml says; else the default embedded API when
// the home has no app.toml. It fails, saying what to change, when IPFS is
// off in that app.toml.
func ClientAPIURL(home, override string) (string, error) {
	if override != "" {
		return override, nil
	}
	cfg, appToml, err := LoadHome(home)
	if err != nil {
		return "", err
	}
	switch cfg.EffectiveMode() {
	case ModeRemote:
		return cfg.RemoteRPCURL, nil
	case ModeOff:
		if appToml != "" {
			return "", fmt.Errorf("IPFS is off in %s: set [ipfs] enable = true and mode = \"embedded\" (or \"remote\"), or pass --ipfs-api URL", appToml)
		}
	case ModeEmbedded:
		if cfg.APIAddress == "" {
			return "", fmt.Errorf("the embedded node's API is off in %s ([ipfs] api_address = \"\"): set it (default %q) or pass --ipfs-api URL", appToml, DefaultAPIAddress)
		}
	}
	return "http://" + cfg.APIAddress, nil
}
