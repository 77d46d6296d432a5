package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestBuildMismatch(t *testing.T) {
	base := func() *debug.BuildInfo {
		return &debug.BuildInfo{
			GoVersion: "go1.26.5",
			Settings:  []debug.BuildSetting{{Key: "-ldflags", Value: "-X v.Commit=abc"}, {Key: "vcs.revision", Value: "abc"}},
			Deps: []*debug.Module{
				{Path: "github.com/ipfs/boxo", Version: "v0.42.1"},
				{Path: "github.com/99designs/keyring", Version: "v1.2.1", Replace: &debug.Module{Path: "github.com/cosmos/keyring", Version: "v1.2.0"}},
			},
		}
	}
	cases := []struct {
		name   string
		change func(theirs *debug.BuildInfo)
		want   string // substring of the reason; "" for the same build
	}{
		{"same build", func(*debug.BuildInfo) {}, ""},
		{"a module only one side links", func(b *debug.BuildInfo) {
			b.Deps = append(b.Deps, &debug.Module{Path: "github.com/cosmos/cosmos-sdk", Version: "v0.55.0"})
		}, ""},
		{"Go release", func(b *debug.BuildInfo) { b.GoVersion = "go1.26.6" }, "Go go1.26.5 vs go1.26.6"},
		{"ldflags (make stamps the commit)", func(b *debug.BuildInfo) { b.Settings[0].Value = "-X v.Commit=def" }, "-ldflags"},
		{"vcs revision", func(b *debug.BuildInfo) { b.Settings[1].Value = "def" }, `revision "abc" vs "def"`},
		{"dependency version", func(b *debug.BuildInfo) { b.Deps[0].Version = "v0.43.0" }, "github.com/ipfs/boxo v0.42.1 vs v0.43.0"},
		{"replacement", func(b *debug.BuildInfo) { b.Deps[1].Replace = nil }, "github.com/99designs/keyring"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			theirs := base()
			tc.change(theirs)
			got := buildMismatch(base(), theirs)
			if tc.want == "" && got != "" {
				t.Fatalf("mismatch %q for one build", got)
			}
			if tc.want != "" && !strings.Contains(got, tc.want) {
				t.Fatalf("mismatch = %q, want one mentioning %q", got, tc.want)
			}
		})
	}
}
