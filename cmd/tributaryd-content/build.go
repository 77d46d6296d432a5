package main

import (
	"debug/buildinfo"
	"fmt"
	"os"
	"runtime/debug"
	"syscall"
)

// Environment variables shared with cmd/tributaryd/content_helper.go.
const (
	// envParent is set by tributaryd's constructor to its own path before it execs this binary.
	envParent = "TRIBUTARYD_CONTENT_PARENT"
	// envInProcess makes tributaryd run content commands itself instead of handing them over.
	envInProcess = "TRIBUTARYD_CONTENT_INPROCESS"
)

// deferToParentIfStale re-runs the command in process in the tributaryd that handed it over
// when this binary is not from the same build: a helper left behind by an upgrade could
// otherwise compute CIDs with an older profile or library. It returns only when the build
// matches, when the parent's build information cannot be read (then the helper runs: it is
// what was installed beside it), or when this binary was started directly.
func deferToParentIfStale() {
	parent := os.Getenv(envParent)
	if parent == "" {
		return
	}
	_ = os.Unsetenv(envParent)
	theirs, err := buildinfo.ReadFile(parent)
	if err != nil {
		return
	}
	ours, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	if why := buildMismatch(ours, theirs); why != "" {
		fmt.Fprintf(os.Stderr, "warning: %s is not from the same build as %s (%s); running the command in tributaryd itself — install both from one build\n", os.Args[0], parent, why)
		env := append(os.Environ(), envInProcess+"=1")
		err := syscall.Exec(parent, os.Args, env) //nolint:gosec // the path is the tributaryd that started us
		fmt.Fprintf(os.Stderr, "warning: could not run %s: %v; continuing here\n", parent, err)
	}
}

// buildMismatch says how two binaries' builds differ, or "" if they look like one build: the
// same Go release, the same -ldflags (which `make build` stamps with the commit), and the same
// version of every module both link.
func buildMismatch(ours, theirs *debug.BuildInfo) string {
	if ours.GoVersion != theirs.GoVersion {
		return fmt.Sprintf("Go %s vs %s", ours.GoVersion, theirs.GoVersion)
	}
	if a, b := setting(ours, "-ldflags"), setting(theirs, "-ldflags"); a != b {
		return fmt.Sprintf("-ldflags %q vs %q", a, b)
	}
	if a, b := setting(ours, "vcs.revision"), setting(theirs, "vcs.revision"); a != b {
		return fmt.Sprintf("revision %q vs %q", a, b)
	}
	theirDeps := make(map[string]string, len(theirs.Deps))
	for _, d := range theirs.Deps {
		theirDeps[d.Path] = moduleVersion(d)
	}
	for _, d := range ours.Deps {
		if v, ok := theirDeps[d.Path]; ok && v != moduleVersion(d) {
			return fmt.Sprintf("%s %s vs %s", d.Path, moduleVersion(d), v)
		}
	}
	return ""
}

func setting(info *debug.BuildInfo, key string) string {
	for _, s := range info.Settings {
		if s.Key == key {
			return s.Value
		}
	}
	return ""
}

// moduleVersion is a dependency's effective version (after replace directives).
func moduleVersion(m *debug.Module) string {
	if m.Replace != nil {
		return m.Replace.Path + "@" + m.Replace.Version
	}
	return m.Version
}
