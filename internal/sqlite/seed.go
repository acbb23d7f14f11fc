package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Seed fills the database with synthetic comments for load tests: n
// comments spread over articles articles (keys "a-0", "a-1", …), four in
// five approved, three in twenty pending, one in twenty spam, all from one
// sealed test address. It inserts in batches through the same triggers as
// real comments, so the kept counts stay right.
func (s *Store) Seed(ctx context.Context, n, articles int, email string) error {
	defer s.articles.forget("")
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
