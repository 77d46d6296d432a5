package cli

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
)

// progressBar draws "[#####.....] 42% 1.2 GiB / 2.9 GiB" on a terminal,
// at most ten times a second.
type progressBar struct {
	w     io.Writer
	mu    sync.Mutex
	total int64
	last  time.Time
	drawn bool
}

// newProgressBar returns nil (no bar) unless w is a terminal.
func newProgressBar(w io.Writer) *progressBar {
	pw, ok := w.(progressWriter)
	if !ok || !(isatty.IsTerminal(pw.Fd()) || isatty.IsCygwinTerminal(pw.Fd())) {
		return nil
	}
	return &progressBar{w: w}
}

func (b *progressBar) start(total int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.total = total
}

func (b *progressBar) update(done int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if time.Since(b.last) < 100*time.Millisecond && done < b.total {
		return
	}
	b.last = time.Now()
	b.drawn = true
	const width = 30
	pct := int64(100)
	if b.total > 0 {
		pct = min(100, done*100/b.total)
	}
	filled := int(pct * width / 100)
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = '.'
		if i < filled {
			bar[i] = '#'
		}
	}
	fmt.Fprintf(b.w, "\r[%s] %3d%% %s / %s ", bar, pct, humanBytes(done), humanBytes(b.total))
}

func (b *progressBar) finish() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.drawn {
		fmt.Fprintln(b.w)
	}
}

func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
