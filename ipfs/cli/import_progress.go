package cli

import (
	"io"

	"github.com/tributary-ai/tributary/ipfs/dagio"
)

// WithProgress makes opts draw the progress bar `content add` draws on w, when
// w is a terminal, so that other commands that import (register-dataset
// --store) show the same bar. The returned function ends the bar's line.
func WithProgress(w io.Writer, opts *dagio.ImportOptions) (finish func()) {
	bar := newProgressBar(w)
	if bar == nil {
		return func() {}
	}
	opts.Start, opts.Progress = bar.start, bar.update
	return bar.finish
}
