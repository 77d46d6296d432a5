package docs

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Mode says how a marked block is tested.
type Mode string

// The marks a block may carry.
const (
	Offline Mode = "offline"
	Chain   Mode = "chain"
	Skip    Mode = "skip"
)

// ErrBadMark is a docs-test mark that names no known mode or skips without a reason.
var ErrBadMark = errors.New("bad docs-test mark")

// Block is one fenced code block of a Markdown file.
type Block struct {
	File   string // path relative to the repository root
	Line   int    // 1-based line of the opening fence
	Lang   string // the fence's info string ("sh", "" ...)
	Mode   Mode   // "" when the block carries no mark
	Reason string // why a skipped block is skipped
	Script string // the block's text, fences excluded, indentation of the fence removed
}

// String names the block as an editor jumps to it.
func (b Block) String() string { return fmt.Sprintf("%s:%d", b.File, b.Line) }

var (
	fenceRE = regexp.MustCompile("^( *)```\\s*([A-Za-z0-9_-]*)\\s*$")
	markRE  = regexp.MustCompile(`^\s*<!--\s*docs-test:\s*(\S+)\s*(.*?)\s*-->\s*$`)
	// commandRE finds tributaryd in command position: at the start of a line or after a shell
	// operator or $( — not inside a path (cmd/tributaryd/), a word (`tributaryd content`) or prose
	// in parentheses.
	commandRE = regexp.MustCompile(`(^|[\s;&|]|\$\()tributaryd(\s|$)`)
	commentRE = regexp.MustCompile(`(^|\s)#.*$`)
)

// shellLangs are the fences whose text is a shell script; toml, json, ini and text are data.
var shellLangs = map[string]bool{"": true, "sh": true, "bash": true, "shell": true, "console": true}

// RunsTributaryd reports whether a shell block runs a tributaryd command (comments aside).
func (b Block) RunsTributaryd() bool {
	if !shellLangs[b.Lang] {
		return false
	}
	for _, line := range strings.Split(b.Script, "\n") {
		if commandRE.MatchString(commentRE.ReplaceAllString(line, "")) {
			return true
		}
	}
	return false
}

// Files lists the documentation the tests read: README.md, docs/*.md and x/*/README.md.
func Files(root string) ([]string, error) {
	files := []string{"README.md"}
	for _, pattern := range []string{"docs/*.md", "x/*/README.md"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			return nil, err
		}
		sort.Strings(m)
		for _, f := range m {
			rel, err := filepath.Rel(root, f)
			if err != nil {
				return nil, err
			}
			files = append(files, rel)
		}
	}
	return files, nil
}

// Collect returns every fenced block of the documentation files, in file then document order.
func Collect(root string) ([]Block, error) {
	files, err := Files(root)
	if err != nil {
		return nil, err
	}
	var all []Block
	for _, f := range files {
		text, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			return nil, err
		}
		blocks, err := Parse(f, string(text))
		if err != nil {
			return nil, err
		}
		all = append(all, blocks...)
	}
	return all, nil
}

// Parse returns the fenced blocks of one Markdown text with the mark right above each.
func Parse(file, text string) ([]Block, error) {
	var (
		blocks []Block
		open   *Block
		indent int
		body   []string
		prev   string
	)
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		m := fenceRE.FindStringSubmatch(line)
		switch {
		case open == nil && m != nil:
			open = &Block{File: file, Line: n, Lang: m[2]}
			indent = len(m[1])
			body = body[:0]
			if mm := markRE.FindStringSubmatch(prev); mm != nil {
				open.Mode, open.Reason = Mode(mm[1]), mm[2]
				if err := checkMark(*open); err != nil {
					return nil, err
				}
			}
		case open != nil && m != nil && m[2] == "":
			open.Script = strings.Join(body, "\n")
			blocks = append(blocks, *open)
			open = nil
		case open != nil:
			body = append(body, trimIndent(line, indent))
		}
		prev = line
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if open != nil {
		return nil, fmt.Errorf("%s: the block opened here is never closed", open)
	}
	return blocks, nil
}

func checkMark(b Block) error {
	switch b.Mode {
	case Offline, Chain:
		return nil
	case Skip:
		if b.Reason == "" {
			return fmt.Errorf("%w at %s: a skip says why", ErrBadMark, b)
		}
		return nil
	}
	return fmt.Errorf("%w at %s: %q is not offline, chain or skip", ErrBadMark, b, b.Mode)
}

// trimIndent removes up to n leading spaces (a fence indented inside a list item).
func trimIndent(line string, n int) string {
	for i := 0; i < n && strings.HasPrefix(line, " "); i++ {
		line = line[1:]
	}
	return line
}
