package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

func insertAudit(ctx context.Context, tx pgx.Tx, a comment.AuditEntry) error {
	var cid *int64
	if a.CommentID > 0 {
		cid = &a.CommentID
	}
	_, err := tx.Exec(ctx, `INSERT INTO audit_log (moderator_id, moderator, action, comment_id, article_key, detail, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, a.ModeratorID, a.Moderator, a.Action, cid, a.ArticleKey, a.Detail, ms(a.CreatedAt))
	return err
}

// AddAudit records an act that changes no comment (an account change).
func (s *Store) AddAudit(ctx context.Context, a comment.AuditEntry) error {
	return s.tx(ctx, func(tx pgx.Tx) error { return insertAudit(ctx, tx, a) })
}

// RecordAudit writes one audit entry on its own.
func (s *Store) RecordAudit(ctx context.Context, a comment.AuditEntry) error {
	return s.AddAudit(ctx, a)
}

// Audit lists moderation acts, newest first, optionally of one moderator,
// before the id cursor (0: from the newest).
func (s *Store) Audit(ctx context.Context, moderator string, before int64, limit int) ([]comment.AuditEntry, error) {
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := s.db.Query(ctx, `SELECT id, COALESCE(moderator_id, 0), moderator, action, COALESCE(comment_id, 0),
		article_key, detail, created_at FROM audit_log
		WHERE ($1 = '' OR moderator = $1) AND id < $2 ORDER BY id DESC LIMIT $3`, moderator, before, limit)
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

// LastAuditID returns the id of the newest audit entry (0: none).
func (s *Store) LastAuditID(ctx context.Context) (int64, error) {
	var id int64
	return id, wrap(s.db.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM audit_log`).Scan(&id))
}

// AuditAfter returns the id of the newest entry after id whose action is
// one of actions, or id itself when there is none.
func (s *Store) AuditAfter(ctx context.Context, id int64, actions ...string) (int64, error) {
	if len(actions) == 0 {
		return id, nil
	}
	var newest int64
	if err := s.db.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM audit_log WHERE id > $1 AND action = ANY($2)`,
		id, actions).Scan(&newest); err != nil {
		return id, wrap(err)
	}
	return max(id, newest), nil
}
