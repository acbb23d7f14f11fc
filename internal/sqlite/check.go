package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"balasan/internal/comment"
)

// Check verifies the database: SQLite's own integrity_check, and that the
// trigger-kept counts (status_counts, articles.approved_count) match the rows.
func (s *Store) Check(ctx context.Context) error {
	var result string
	// On the writer: FTS5's part of integrity_check reports false
	// corruption from a query_only reader once the index has merged
	// segments (found by FuzzSubmit); searches on readers are unaffected.
	if err := s.w.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&result); err != nil {
		return err
	}
	if result != "ok" {
		return fmt.Errorf("integrity_check: %s", result)
	}
	var status string
	var kept, rows int
	err := s.r.QueryRowContext(ctx, `SELECT s.status, s.n, (SELECT COUNT(*) FROM comments c WHERE c.status = s.status) AS rows
		FROM status_counts s WHERE s.n <> rows LIMIT 1`).Scan(&status, &kept, &rows)
	if err == nil {
		return fmt.Errorf("status_counts: %s holds %d, comments have %d", status, kept, rows)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var key string
	err = s.r.QueryRowContext(ctx, `SELECT a.key, a.approved_count, (SELECT COUNT(*) FROM comments c
		WHERE c.article_key = a.key AND c.status = 'approved') AS rows FROM articles a WHERE a.approved_count <> rows LIMIT 1`).
		Scan(&key, &kept, &rows)
	if err == nil {
		return fmt.Errorf("approved_count of %q holds %d, comments have %d", key, kept, rows)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return nil
}

// LimitPages caps the database at pages pages (PRAGMA max_page_count on
// the writer), so tests can meet a full disk; it returns the cap SQLite
// took (never below the current size).
func (s *Store) LimitPages(ctx context.Context, pages int) (int, error) {
	var n int
	err := s.w.QueryRowContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)).Scan(&n)
	return n, err
}

// PageCount is the database's size in pages.
func (s *Store) PageCount(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&n)
	return n, err
}

// QueuedJobs counts undelivered outbox jobs of a family: the kind itself
// and its sub-kinds ("mail" counts "mail.reply", "mail.confirm", …).
func (s *Store) QueuedJobs(ctx context.Context, family string) (int, error) {
	var n int
	// "family." ≤ kind < "family/" selects the sub-kinds ('/' follows '.').
	err := s.readRow(ctx, `SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND (kind = ? OR (kind >= ? AND kind < ?))`,
		family, family+".", family+"/").Scan(&n)
	return n, wrap(err)
}

// PublicApproved returns an article's approved comments, oldest first,
// with only what the public sees: no email (so nothing to decrypt), IP,
// agent or raw text. The read path builds its cache from it.
func (s *Store) PublicApproved(ctx context.Context, articleKey string) ([]comment.Comment, error) {
	rows, err := s.readRows(ctx, `SELECT id, COALESCE(parent_id, 0), author, author_url, content_html, is_staff,
		created_at, updated_at FROM comments WHERE article_key = ? AND status = 'approved' ORDER BY id`, articleKey)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	var out []comment.Comment
	for rows.Next() {
		c := comment.Comment{ArticleKey: articleKey, Status: comment.Approved}
		var created, updated int64
		if err := rows.Scan(&c.ID, &c.ParentID, &c.Author, &c.AuthorURL, &c.HTML, &c.Staff, &created, &updated); err != nil {
			return nil, wrap(err)
		}
		c.CreatedAt, c.UpdatedAt = fromMS(created), fromMS(updated)
		out = append(out, c)
	}
	return out, wrap(rows.Err())
}
