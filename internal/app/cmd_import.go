package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"balasan/internal/comment"
	"balasan/internal/disqus"
	"balasan/internal/sanitize"
	"balasan/internal/sqlite"
	"balasan/internal/wxr"
)

const importUsage = "balasan import wxr|disqus FILE [--db FILE]"

// importCmd imports a WordPress (WXR) or Disqus export into the database,
// in one transaction: a malformed file imports nothing.
func importCmd(ctx context.Context, env Env, args []string) error {
	fs := newFlags("import", importUsage)
	db := dbFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || (pos[0] != "wxr" && pos[0] != "disqus") {
		return badUsage(fs, "import: want wxr or disqus, then the file")
	}
	kind := pos[0]
	pos = pos[1:]
	cfg, err := commandConfig(env, *db)
	if err != nil {
		return err
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	opened, _, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer opened.Close()
	st, ok := opened.(*sqlite.Store)
	if !ok {
		return usageError{"import works on a SQLite file (--db FILE), not on PostgreSQL"}
	}
	sum, err := runImport(ctx, st, kind, f, filepath.Base(pos[0]), newProgress(env.Stderr, size))
	if err != nil {
		return fmt.Errorf("import %s %s: %w (nothing was imported)", kind, pos[0], err)
	}
	sum.print(env.Stdout, kind, pos[0])
	return nil
}

// runImport reads r as a kind export into st in one transaction.
func runImport(ctx context.Context, st *sqlite.Store, kind string, r io.Reader, name string, p *progress) (*summary, error) {
	run := &importRun{ctx: ctx, san: sanitize.New(), now: time.Now().UTC(), sum: newSummary(), progress: p}
	audit := &comment.AuditEntry{Moderator: "cli", Action: "import", CreatedAt: run.now}
	res, err := st.Import(ctx, kind, audit, func(im *sqlite.Import) error {
		run.im = im
		var err error
		if kind == "wxr" {
			err = wxr.ReadWithProgress(r, run.wxrPost, p.update)
		} else {
			err = disqus.ReadWithProgress(r, run.disqusThread, run.disqusPost, p.update)
		}
		if err == nil {
			audit.Detail = fmt.Sprintf("%s %s: %d comments", kind, name, run.sum.added())
		}
		return err
	})
	p.done()
	if err != nil {
		return nil, err
	}
	run.sum.orphans += res.Orphans
	return run.sum, nil
}

// importRun is the state of one import: the open transaction and the tally.
type importRun struct {
	ctx      context.Context
	im       *sqlite.Import
	san      *sanitize.Policy
	now      time.Time
	sum      *summary
	progress *progress
}

// article creates or completes the article and counts it once.
func (r *importRun) article(a comment.Article) error {
	created, err := r.im.Article(a)
	if err != nil {
		return err
	}
	if created {
		r.sum.articlesNew++
	} else {
		r.sum.articlesOld++
	}
	return nil
}

// fill completes an imported comment: name, sanitised HTML, URL, date.
// It returns a skip reason when the comment cannot be kept.
func (r *importRun) fill(c *comment.Comment) string {
	c.Author = strings.TrimSpace(r.san.Text(c.Author))
	if c.Author == "" {
		c.Author = comment.AnonymousName
	}
	if c.AuthorURL != "" {
		c.AuthorURL, _ = comment.NormalizeURL(c.AuthorURL)
	}
	c.Email = strings.TrimSpace(c.Email)
	if c.HTML = r.san.Comment(c.Raw); c.HTML == "" {
		return "empty content"
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = r.now
	}
	c.UpdatedAt = c.CreatedAt
	return ""
}

// add stores a filled comment and counts it.
func (r *importRun) add(c *comment.Comment, importID string) error {
	if err := r.im.Add(c, importID); err != nil {
		return err
	}
	r.sum.byStatus[c.Status]++
	if r.progress != nil {
		r.progress.comments++
	}
	return nil
}

// summary is what an import did, printed at the end.
type summary struct {
	articlesNew, articlesOld int
	byStatus                 map[comment.Status]int
	already                  int
	orphans                  int
	skipped                  map[string]int
}

func newSummary() *summary {
	return &summary{byStatus: map[comment.Status]int{}, skipped: map[string]int{}}
}

func (s *summary) added() int {
	n := 0
	for _, v := range s.byStatus {
		n += v
	}
	return n
}

func (s *summary) skip(reason string) { s.skipped[reason]++ }

func (s *summary) print(w io.Writer, kind, file string) {
	fmt.Fprintf(w, "Imported %s (%s):\n", file, kind)
	fmt.Fprintf(w, "  articles: %s new, %s already there\n", thousands(s.articlesNew), thousands(s.articlesOld))
	fmt.Fprintf(w, "  comments: %s added (%s approved, %s pending, %s spam, %s trash)\n", thousands(s.added()),
		thousands(s.byStatus[comment.Approved]), thousands(s.byStatus[comment.Pending]),
		thousands(s.byStatus[comment.Spam]), thousands(s.byStatus[comment.Trash]))
	if s.already > 0 {
		fmt.Fprintf(w, "  already imported, left as they were: %s\n", thousands(s.already))
	}
	if s.orphans > 0 {
		fmt.Fprintf(w, "  replies whose parent is not in the file, kept as top-level comments: %s\n", thousands(s.orphans))
	}
	reasons := make([]string, 0, len(s.skipped))
	for k := range s.skipped {
		reasons = append(reasons, k)
	}
	sort.Strings(reasons)
	total := 0
	for _, k := range reasons {
		total += s.skipped[k]
	}
	if total == 0 {
		fmt.Fprintln(w, "  skipped: none")
		return
	}
	fmt.Fprintf(w, "  skipped: %s\n", thousands(total))
	for _, k := range reasons {
		fmt.Fprintf(w, "    %s: %s\n", k, thousands(s.skipped[k]))
	}
}

// thousands writes n with thousands separators (1,234,567).
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// progress draws one self-overwriting line on a terminal; elsewhere (a
// log file, a pipe) it stays silent.
type progress struct {
	w        io.Writer
	on       bool
	total    int64
	last     time.Time
	shown    bool
	comments int
}

func newProgress(w io.Writer, total int64) *progress {
	return &progress{w: w, on: isTerminal(w), total: total}
}

func (p *progress) update(n int64) {
	if p == nil || !p.on {
		return
	}
	if now := time.Now(); now.Sub(p.last) >= 200*time.Millisecond {
		p.last = now
		pct := 0
		if p.total > 0 {
			pct = int(n * 100 / p.total)
		}
		fmt.Fprintf(p.w, "\rimporting: %.1f of %.1f MB (%d%%), %s comments ", float64(n)/1e6, float64(p.total)/1e6,
			pct, thousands(p.comments))
		p.shown = true
	}
}

func (p *progress) done() {
	if p != nil && p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
