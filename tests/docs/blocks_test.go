package docs

import (
	"errors"
	"strings"
	"testing"
)

// TestParse finds blocks, their marks and whether they run tributaryd, as the documentation
// writes them (indented fences in lists, comments that only mention tributaryd, data fences).
func TestParse(t *testing.T) {
	text := strings.Join([]string{
		"intro",
		"<!-- docs-test: chain -->",
		"```sh",
		"tributaryd q royalty params   # a query",
		"```",
		"```",
		"make install   # tributaryd into GOPATH/bin",
		"```",
		"1. a list item",
		"   <!-- docs-test: skip needs a second machine -->",
		"   ```sh",
		"   echo $(tributaryd keys show alice -a)",
		"   ```",
		"```toml",
		"x = \"tributaryd start\"",
		"```",
		"```",
		"cmd/tributaryd/   the node",
		"```",
	}, "\n")
	blocks, err := Parse("X.md", text)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		line   int
		mode   Mode
		reason string
		runs   bool
		script string
	}{
		{3, Chain, "", true, "tributaryd q royalty params   # a query"},
		{6, "", "", false, "make install   # tributaryd into GOPATH/bin"},
		{11, Skip, "needs a second machine", true, "echo $(tributaryd keys show alice -a)"},
		{14, "", "", false, "x = \"tributaryd start\""},
		{17, "", "", false, "cmd/tributaryd/   the node"},
	}
	if len(blocks) != len(want) {
		t.Fatalf("%d blocks, want %d: %+v", len(blocks), len(want), blocks)
	}
	for i, w := range want {
		b := blocks[i]
		if b.Line != w.line || b.Mode != w.mode || b.Reason != w.reason || b.RunsTributaryd() != w.runs || b.Script != w.script {
			t.Errorf("block %d = %+v (runs %v), want %+v", i, b, b.RunsTributaryd(), w)
		}
	}
}

// TestParseRefusesBadMarks: a skip without a reason, an unknown mode and an unclosed fence are errors.
func TestParseRefusesBadMarks(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		markErr    bool
	}{
		{"skip without reason", "<!-- docs-test: skip -->\n```sh\ntributaryd version\n```\n", true},
		{"unknown mode", "<!-- docs-test: maybe -->\n```sh\ntributaryd version\n```\n", true},
		{"unclosed fence", "```sh\ntributaryd version\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("X.md", tc.text)
			if err == nil || errors.Is(err, ErrBadMark) != tc.markErr {
				t.Fatalf("err = %v, want an error (ErrBadMark: %v)", err, tc.markErr)
			}
		})
	}
}

// TestSubstitute fills the documented placeholders and refuses any other.
func TestSubstitute(t *testing.T) {
	values := Placeholders("docs-1")
	got, err := Substitute("tributaryd init <moniker> --chain-id <chain-id>   # <not a placeholder in a comment>", values)
	if err != nil || got != "tributaryd init docs-node --chain-id docs-1   # <not a placeholder in a comment>" {
		t.Fatalf("Substitute = %q, %v", got, err)
	}
	if _, err := Substitute("tributaryd tx gov vote <proposal id> yes", values); err == nil || !strings.Contains(err.Error(), "<proposal id>") {
		t.Fatalf("an unknown placeholder: %v, want an error naming it", err)
	}
}

// TestEveryCommandBlockIsMarked: every shell block of the documentation that runs tributaryd
// says how it is tested, so new documentation cannot slip by untested.
func TestEveryCommandBlockIsMarked(t *testing.T) {
	blocks, err := Collect(repoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[Mode]int{}
	for _, b := range blocks {
		if !b.RunsTributaryd() {
			if b.Mode != "" {
				t.Errorf("%s: marked %s but runs no tributaryd command (remove the mark)", b, b.Mode)
			}
			continue
		}
		if b.Mode == "" {
			t.Errorf("%s: a tributaryd example without a mark; put <!-- docs-test: offline|chain|skip REASON --> on the line above its fence (tests/docs/doc.go)", b)
		}
		counts[b.Mode]++
	}
	t.Logf("documentation examples: %d offline, %d chain, %d skipped", counts[Offline], counts[Chain], counts[Skip])
}
