package sqlite

import (
	"context"
	"database/sql"

	"balasan/internal/comment"
)

func insertAudit(ctx context.Context, tx *sql.Tx, a comment.AuditEntry) error {
	var cid any
	if a.CommentID > 0 {
		cid = a.CommentID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (moderator_id, moderator, action, comment_id, article_key, detail, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, a.ModeratorID, a.Moderator, a.Action, cid, a.ArticleKey, a.Detail, ms(a.CreatedAt))
	return wrap(err)
}

// Audit lists moderation acts, newest first, optionally of one moderator,
// before the id cursor (0: from the newest).
func (s *Store) Audit(ctx context.Context, moderator string, before int64, limit int) ([]comment.AuditEntry, error) {
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id, COALESCE(moderator_id, 0), moderator, action, COALESCE(comment_id, 0),
		article_key, detail, created_at FROM audit_log
		WHERE (? = '' OR moderator = ?) AND id < ? ORDER BY id DESC LIMIT ?`, moderator, moderator, before, limit)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	var out []comment.AuditEntry
	for rows.Next() {
		var a comment.AuditEntry
		var created int64
		if err := rows.Scan(&a.ID, &a.ModeratorID, &a.Moderator, &a.Action, &a.CommentID, &a.ArticleKey, &a.Detail, &created); err != nil {
			return nil, wrap(err)
		}
		a.CreatedAt = fromMS(created)
		out = append(out, a)
	}
	return out, wrap(rows.Err())
}

// Settings returns every stored setting.
func (s *Store) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT name, value FROM settings`)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, wrap(err)
		}
		out[k] = v
	}
	return out, wrap(rows.Err())
}

// SaveSettings upserts settings with an audit entry.
func (s *Store) SaveSettings(ctx context.Context, values map[string]string, audit comment.AuditEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for k, v := range values {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES (?, ?)
				ON CONFLICT (name) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return wrap(err)
			}
		}
		return insertAudit(ctx, tx, audit)
	})
}
