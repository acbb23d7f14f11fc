package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Tools are what tests and load tests do to a store and the server never
// does: fill it with synthetic comments, cap the file to meet a full disk.
// They are kept off Store so its method set is the port plus what the
// commands use (Backup, Import), and a call site says plainly that it is
// a test's. A separate package could not reach the writer connection a
// page cap must be set on; export_test.go would hide them from the load
// test and from other packages' tests, which need them.
type Tools struct{ s *Store }

// ToolsFor returns the test tools of s.
func ToolsFor(s *Store) Tools { return Tools{s} }

// Seed fills the database with synthetic comments for load tests: n
// comments spread over articles articles (keys "a-0", "a-1", …), four in
// five approved, three in twenty pending, one in twenty spam, all from one
// sealed test address. It inserts in batches through the same triggers as
// real comments, so the kept counts stay right.
func (t Tools) Seed(ctx context.Context, n, articles int, email string) error {
	s := t.s
	defer s.articles.Forget("")
	now := ms(s.Now())
	if err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i + 1 < ?)
			INSERT OR IGNORE INTO articles (key, url, title, created_at)
			SELECT 'a-' || i, '', 'Artikel ' || i, ? FROM k`, articles, now-int64(n))
		return err
	}); err != nil {
		return fmt.Errorf("seed articles: %w", err)
	}
	sealed, hash := s.box.Seal(email), s.box.Hash(email)
	text := strings.Repeat("Isi komentar pembaca tentang berita hari ini, cukup panjang seperti biasanya. ", 3)
	const batch = 50000
	for from := 0; from < n; from += batch {
		to := min(from+batch, n)
		if err := s.tx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `WITH RECURSIVE c(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ?)
				INSERT INTO comments (article_key, author, email, email_hash, ip, raw_content, content_html,
					status, moderation_hash, created_at, updated_at)
				SELECT 'a-' || (i % ?), 'Pembaca ' || (i % 997), ?, ?, '10.0.' || (i % 250) || '.' || (i % 199),
					'Komentar ' || i || '. ' || ?, '<p>Komentar ' || i || '. ' || ? || '</p>',
					CASE WHEN i % 20 < 16 THEN 'approved' WHEN i % 20 < 19 THEN 'pending' ELSE 'spam' END,
					lower(hex(randomblob(16))), ? + i, ? + i FROM c`,
				from, to, articles, sealed, hash, text, text, now-int64(n), now-int64(n))
			return err
		}); err != nil {
			return fmt.Errorf("seed comments: %w", err)
		}
	}
	return s.indexAll(ctx, 0)
}

// LimitPages caps the database at pages pages (PRAGMA max_page_count on
// the writer), so tests can meet a full disk; it returns the cap SQLite
// took (never below the current size).
func (t Tools) LimitPages(ctx context.Context, pages int) (int, error) {
	s := t.s
	var n int
	err := s.w.QueryRowContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)).Scan(&n)
	return n, err
}

// PageCount is the database's size in pages.
func (t Tools) PageCount(ctx context.Context) (int, error) {
	s := t.s
	var n int
	err := s.r.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&n)
	return n, err
}
