package sqlite

import (
	"context"
	"database/sql"

	"balasan/internal/comment"
)

// UpdateContent stores a moderator's edit of a comment's text (raw and
// sanitised) with its audit entry.
func (s *Store) UpdateContent(ctx context.Context, c *comment.Comment, audit comment.AuditEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE comments SET raw_content = ?, content_html = ?, updated_at = ? WHERE id = ?`,
			c.Raw, c.HTML, ms(c.UpdatedAt), c.ID)
		if err != nil {
			return wrap(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return comment.Errorf(comment.ENotFound, "not_found")
		}
		return insertAudit(ctx, tx, audit)
	})
}

// CreateStaffComment inserts a moderator's own comment (a reply from the
// queue) with its audit entry and outbox jobs in one transaction.
func (s *Store) CreateStaffComment(ctx context.Context, c *comment.Comment, audit comment.AuditEntry, jobs []comment.Job) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		id, err := insertComment(ctx, tx, s.box.Seal(c.Email), s.box.Hash(c.Email), c, "", "")
		if err != nil {
			return err
		}
		c.ID = id
		audit.CommentID = id
		if err := insertAudit(ctx, tx, audit); err != nil {
			return err
		}
		return enqueue(ctx, tx, jobs, c.CreatedAt)
	})
}

// AddAudit records an act that changes no comment (an account change).
func (s *Store) AddAudit(ctx context.Context, audit comment.AuditEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return insertAudit(ctx, tx, audit) })
}
