package sqlite

import (
	"context"
	"database/sql"
	"strings"

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

// AddAudit records an act that changes no comment (an account change).
func (s *Store) AddAudit(ctx context.Context, audit comment.AuditEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return insertAudit(ctx, tx, audit) })
}

// RecordAudit writes one audit entry on its own.
func (s *Store) RecordAudit(ctx context.Context, a comment.AuditEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return insertAudit(ctx, tx, a) })
}

// LastAuditID returns the id of the newest audit entry (0: none).
func (s *Store) LastAuditID(ctx context.Context) (int64, error) {
	var id int64
	err := s.r.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM audit_log`).Scan(&id)
	return id, wrap(err)
}

// AuditAfter returns the id of the newest entry after id whose action is
// one of actions, or id itself when there is none. It reads only entries
// newer than id.
func (s *Store) AuditAfter(ctx context.Context, id int64, actions ...string) (int64, error) {
	if len(actions) == 0 {
		return id, nil
	}
	args := []any{id}
	for _, a := range actions {
		args = append(args, a)
	}
	var newest int64
	err := s.r.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM audit_log WHERE id > ? AND action IN (?`+
		strings.Repeat(", ?", len(actions)-1)+`)`, args...).Scan(&newest)
	if err != nil {
		return id, wrap(err)
	}
	return max(id, newest), nil
}
