package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

// commentColumns is the one column list every comment query reads, in
// the order scanComment expects.
const commentColumns = `id, article_key, COALESCE(parent_id, 0), author, author_url, email, ip,
	user_agent, raw_content, content_html, status, prev_status, reason, spam_score, is_staff,
	moderation_hash, notify, created_at, updated_at`

func (s *Store) scanComment(row pgx.Row) (comment.Comment, error) {
	var c comment.Comment
	var status, prev, email string
	var created, updated int64
	var notify int
	err := row.Scan(&c.ID, &c.ArticleKey, &c.ParentID, &c.Author, &c.AuthorURL, &email, &c.IP,
		&c.UserAgent, &c.Raw, &c.HTML, &status, &prev, &c.Reason, &c.SpamScore, &c.Staff,
		&c.Hash, &notify, &created, &updated)
	if err != nil {
		return c, wrap(err)
	}
	c.Status, c.PrevStatus, c.Notify = comment.Status(status), comment.Status(prev), comment.NotifyState(notify)
	c.CreatedAt, c.UpdatedAt = fromMS(created), fromMS(updated)
	if c.Email, err = s.box.Open(email); err != nil {
		return c, err
	}
	return c, nil
}

func (s *Store) queryComments(ctx context.Context, q pgx.Tx, sql string, args ...any) ([]comment.Comment, error) {
	var rows pgx.Rows
	var err error
	if q != nil {
		rows, err = q.Query(ctx, sql, args...)
	} else {
		rows, err = s.db.Query(ctx, sql, args...)
	}
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	var out []comment.Comment
	for rows.Next() {
		c, err := s.scanComment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, wrap(rows.Err())
}

// Comment returns one comment by id.
func (s *Store) Comment(ctx context.Context, id int64) (comment.Comment, error) {
	return s.scanComment(s.db.QueryRow(ctx, `SELECT `+commentColumns+` FROM comments WHERE id = $1`, id))
}

// Approved returns an article's approved comments, oldest first.
func (s *Store) Approved(ctx context.Context, articleKey string) ([]comment.Comment, error) {
	return s.queryComments(ctx, nil, `SELECT `+commentColumns+`
		FROM comments WHERE article_key = $1 AND status = 'approved' ORDER BY id`, articleKey)
}

// PublicApproved returns an article's approved comments with only what
// the public sees: no email (nothing to decrypt), IP, agent or raw text.
func (s *Store) PublicApproved(ctx context.Context, articleKey string) ([]comment.Comment, error) {
	rows, err := s.db.Query(ctx, `SELECT id, COALESCE(parent_id, 0), author, author_url, content_html, is_staff,
		created_at, updated_at FROM comments WHERE article_key = $1 AND status = 'approved' ORDER BY id`, articleKey)
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

// CommentsByID returns the comments with the given ids that exist.
func (s *Store) CommentsByID(ctx context.Context, ids []int64) (map[int64]comment.Comment, error) {
	out := make(map[int64]comment.Comment, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	list, err := s.queryComments(ctx, nil, `SELECT `+commentColumns+` FROM comments WHERE id = ANY($1)`, ids)
	for _, c := range list {
		out[c.ID] = c
	}
	return out, err
}

// duplicateSQL is the duplicate rule, WordPress's: a stored comment d
// duplicates a new comment v when the same email (by its keyed hash) left
// the same text under the same article, unless d is in the trash. Every
// query that looks for duplicates uses it, naming the new comment v.
const duplicateSQL = `d.email_hash = v.email_hash AND d.article_key = v.article_key
	AND d.raw_content = v.raw_content AND d.status <> 'trash'`

// HasDuplicate reports whether the same email already said the same thing
// on the same article (duplicateSQL).
func (s *Store) HasDuplicate(ctx context.Context, c *comment.Comment) (bool, error) {
	var found bool
	err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM comments d,
		(SELECT $1::text AS email_hash, $2::text AS article_key, $3::text AS raw_content) AS v WHERE `+duplicateSQL+`)`,
		s.box.Hash(c.Email), c.ArticleKey, c.Raw).Scan(&found)
	return found, wrap(err)
}

// LastCommentFrom returns when the client at ip last commented.
func (s *Store) LastCommentFrom(ctx context.Context, ip string) (time.Time, error) {
	var last *int64
	if err := s.db.QueryRow(ctx, `SELECT MAX(created_at) FROM comments WHERE ip = $1`, ip).Scan(&last); err != nil || last == nil {
		return time.Time{}, wrap(err)
	}
	return fromMS(*last), nil
}

// UpdateStatus stores a moderation decision with its audit entry and jobs.
func (s *Store) UpdateStatus(ctx context.Context, c *comment.Comment, audit comment.AuditEntry, jobs []comment.Job) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE comments SET status = $1, prev_status = $2, moderation_hash = $3, updated_at = $4
			WHERE id = $5`, string(c.Status), string(c.PrevStatus), c.Hash, ms(c.UpdatedAt), c.ID)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return comment.Errorf(comment.ENotFound, "not_found")
		}
		if err := insertAudit(ctx, tx, audit); err != nil {
			return err
		}
		return enqueue(ctx, tx, jobs, c.UpdatedAt)
	})
}

// UpdateContent stores a moderator's edit of a comment's text with its
// audit entry.
func (s *Store) UpdateContent(ctx context.Context, c *comment.Comment, audit comment.AuditEntry) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE comments SET raw_content = $1, content_html = $2, updated_at = $3 WHERE id = $4`,
			c.Raw, c.HTML, ms(c.UpdatedAt), c.ID)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return comment.Errorf(comment.ENotFound, "not_found")
		}
		return insertAudit(ctx, tx, audit)
	})
}

// insertCommentSQL inserts one comment and returns its id.
const insertCommentSQL = `INSERT INTO comments (article_key, parent_id, author, author_url,
	email, email_hash, ip, user_agent, raw_content, content_html, status, reason, spam_score,
	is_staff, moderation_hash, notify, created_at, updated_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`

// CreateStaffComment inserts a moderator's own comment (a reply from the
// queue) with its audit entry and outbox jobs in one transaction.
func (s *Store) CreateStaffComment(ctx context.Context, c *comment.Comment, audit comment.AuditEntry, jobs []comment.Job) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		var parent *int64
		if c.ParentID > 0 {
			parent = &c.ParentID
		}
		if err := tx.QueryRow(ctx, insertCommentSQL, c.ArticleKey, parent, c.Author, c.AuthorURL,
			s.box.Seal(c.Email), s.box.Hash(c.Email), c.IP, c.UserAgent, c.Raw, c.HTML, string(c.Status), c.Reason,
			c.SpamScore, c.Staff, c.Hash, int(c.Notify), ms(c.CreatedAt), ms(c.UpdatedAt)).Scan(&c.ID); err != nil {
			return err
		}
		audit.CommentID = c.ID
		if err := insertAudit(ctx, tx, audit); err != nil {
			return err
		}
		return enqueue(ctx, tx, jobs, c.CreatedAt)
	})
}

// DeleteComment removes a comment for good; its replies are kept, moved up
// to its parent as WordPress does.
func (s *Store) DeleteComment(ctx context.Context, c *comment.Comment, audit comment.AuditEntry, jobs []comment.Job) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		if err := deleteComments(ctx, tx, []int64{c.ID}); err != nil {
			return err
		}
		if err := insertAudit(ctx, tx, audit); err != nil {
			return err
		}
		return enqueue(ctx, tx, jobs, audit.CreatedAt)
	})
}

// deleteComments removes comments one by one, each reply moved up to the
// parent of the comment it answered.
func deleteComments(ctx context.Context, tx pgx.Tx, ids []int64) error {
	for _, id := range ids {
		if _, err := tx.Exec(ctx, `UPDATE comments SET parent_id = (SELECT parent_id FROM comments WHERE id = $1)
			WHERE parent_id = $1`, id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM comments WHERE id = $1`, id); err != nil {
			return err
		}
	}
	return nil
}

// ConfirmNotify moves a comment's reply mail from asked to confirmed.
func (s *Store) ConfirmNotify(ctx context.Context, id int64) (bool, error) {
	tag, err := s.db.Exec(ctx, `UPDATE comments SET notify = $1 WHERE id = $2 AND notify IN ($3, $1)`,
		int(comment.NotifyConfirmed), id, int(comment.NotifyAsked))
	return err == nil && tag.RowsAffected() > 0, wrap(err)
}

// StopNotify ends reply mail for every comment with the email of comment id.
func (s *Store) StopNotify(ctx context.Context, id int64) error {
	_, err := s.db.Exec(ctx, `UPDATE comments SET notify = 0
		WHERE email_hash = (SELECT email_hash FROM comments WHERE id = $1) AND notify <> 0`, id)
	return wrap(err)
}

// CreateComment inserts a comment and its outbox jobs through the group
// commit. A duplicate is refused with a comment.EConflict error.
func (s *Store) CreateComment(ctx context.Context, c *comment.Comment, jobs []comment.Job) error {
	r := &createReq{ctx: ctx, c: c, jobs: jobs, done: make(chan error, 1)}
	select {
	case s.gc.reqs <- r:
	case <-s.gc.quit:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once queued, the answer always comes: the workers drain the queue
	// before they end.
	return <-r.done
}
