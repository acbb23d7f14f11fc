package sqlite

import (
	"context"
	"database/sql"
	"time"

	"balasan/internal/comment"
)

// commentColumns is the one column list every comment query reads, in
// the order scanComment expects.
const commentColumns = `id, article_key, COALESCE(parent_id, 0), author, author_url, email, ip,
	user_agent, raw_content, content_html, status, prev_status, reason, spam_score, is_staff,
	moderation_hash, notify, created_at, updated_at`

type scanner interface{ Scan(...any) error }

func (s *Store) scanComment(row scanner) (comment.Comment, error) {
	var c comment.Comment
	var status, prev string
	var score sql.NullFloat64
	var created, updated int64
	var email string
	err := row.Scan(&c.ID, &c.ArticleKey, &c.ParentID, &c.Author, &c.AuthorURL, &email, &c.IP,
		&c.UserAgent, &c.Raw, &c.HTML, &status, &prev, &c.Reason, &score, &c.Staff,
		&c.Hash, &c.Notify, &created, &updated)
	if err != nil {
		return c, wrap(err)
	}
	c.Status, c.PrevStatus = comment.Status(status), comment.Status(prev)
	if score.Valid {
		c.SpamScore = &score.Float64
	}
	c.CreatedAt, c.UpdatedAt = fromMS(created), fromMS(updated)
	if c.Email, err = s.box.Open(email); err != nil {
		return c, err
	}
	return c, nil
}

func (s *Store) scanComments(rows *sql.Rows, err error) ([]comment.Comment, error) {
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
	return s.scanComment(s.readRow(ctx, `SELECT `+commentColumns+` FROM comments WHERE id = ?`, id))
}

// Approved returns an article's approved comments, oldest first.
func (s *Store) Approved(ctx context.Context, articleKey string) ([]comment.Comment, error) {
	return s.scanComments(s.readRows(ctx, `SELECT `+commentColumns+`
		FROM comments WHERE article_key = ? AND status = 'approved' ORDER BY id`, articleKey))
}

// duplicateSQL is the duplicate rule, WordPress's: a stored comment d
// duplicates a new comment v when the same email (by its keyed hash) left
// the same text under the same article, unless d is in the trash. Every
// query that looks for duplicates uses it, naming the new comment v.
const duplicateSQL = `d.email_hash = v.email_hash AND d.article_key = v.article_key
	AND d.raw_content = v.raw_content AND d.status <> 'trash'`

// CreateComment inserts a comment and its outbox jobs in one transaction,
// shared with the comments that arrive together (groupcommit.go); it
// returns once the comment is committed. A duplicate (duplicateSQL) is
// refused with a comment.EConflict error.
func (s *Store) CreateComment(ctx context.Context, c *comment.Comment, jobs []comment.Job) error {
	return s.gc.submit(ctx, c, jobs)
}

// HasDuplicate reports whether the same email already said the same thing
// on the same article (duplicateSQL). CreateComment refuses duplicates on
// its own; this only names one that another rule refuses first.
func (s *Store) HasDuplicate(ctx context.Context, c *comment.Comment) (bool, error) {
	var one int
	err := s.readRow(ctx, `SELECT 1 FROM comments d,
		(SELECT ? AS email_hash, ? AS article_key, ? AS raw_content) AS v WHERE `+duplicateSQL+` LIMIT 1`,
		s.box.Hash(c.Email), c.ArticleKey, c.Raw).Scan(&one)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, wrap(err)
}

// LastCommentFrom returns when the client at ip last commented.
func (s *Store) LastCommentFrom(ctx context.Context, ip string) (time.Time, error) {
	var last sql.NullInt64
	err := s.readRow(ctx, `SELECT MAX(created_at) FROM comments WHERE ip = ?`, ip).Scan(&last)
	if err != nil || !last.Valid {
		return time.Time{}, wrap(err)
	}
	return fromMS(last.Int64), nil
}

// insertCommentSQL inserts one comment; commentArgs gives its arguments.
const insertCommentSQL = insertCommentHead + ` VALUES ` + insertCommentRow

// insertCommentHead and insertCommentRow build inserts of one or many rows.
const (
	insertCommentHead = `INSERT INTO comments (article_key, parent_id, author, author_url,
		email, email_hash, ip, user_agent, raw_content, content_html, status, reason, spam_score,
		is_staff, moderation_hash, notify, import_source, import_id, created_at, updated_at)`
	insertCommentRow = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	// valuesAsColumns names the columns of VALUES rows in the order of
	// insertCommentHead, so a multi-row insert can read them by name.
	valuesAsColumns = `column1 AS article_key, column2 AS parent_id, column3 AS author, column4 AS author_url,
		column5 AS email, column6 AS email_hash, column7 AS ip, column8 AS user_agent, column9 AS raw_content,
		column10 AS content_html, column11 AS status, column12 AS reason, column13 AS spam_score,
		column14 AS is_staff, column15 AS moderation_hash, column16 AS notify, column17 AS import_source,
		column18 AS import_id, column19 AS created_at, column20 AS updated_at`
)

func commentArgs(sealed, hash string, c *comment.Comment, source, sourceID string) []any {
	var parent, src, srcID any
	if c.ParentID > 0 {
		parent = c.ParentID
	}
	if source != "" {
		src, srcID = source, sourceID
	}
	var score any
	if c.SpamScore != nil {
		score = *c.SpamScore
	}
	return []any{c.ArticleKey, parent, c.Author, c.AuthorURL, sealed, hash, c.IP, c.UserAgent, c.Raw, c.HTML,
		string(c.Status), c.Reason, score, c.Staff, c.Hash, c.Notify, src, srcID,
		ms(c.CreatedAt), ms(c.UpdatedAt)}
}

func insertComment(ctx context.Context, tx *sql.Tx, sealed, hash string, c *comment.Comment, source, sourceID string) (int64, error) {
	res, err := tx.ExecContext(ctx, insertCommentSQL, commentArgs(sealed, hash, c, source, sourceID)...)
	if err != nil {
		return 0, wrap(err)
	}
	return res.LastInsertId()
}

// UpdateStatus stores a moderation decision with its audit entry and jobs.
func (s *Store) UpdateStatus(ctx context.Context, c *comment.Comment, audit comment.AuditEntry, jobs []comment.Job) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE comments SET status = ?, prev_status = ?, moderation_hash = ?, updated_at = ? WHERE id = ?`,
			string(c.Status), string(c.PrevStatus), c.Hash, ms(c.UpdatedAt), c.ID)
		if err != nil {
			return wrap(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return comment.Errorf(comment.ENotFound, "not_found")
		}
		if err := insertAudit(ctx, tx, audit); err != nil {
			return err
		}
		return enqueue(ctx, tx, jobs, c.UpdatedAt)
	})
}

// DeleteComment removes a comment for good; its replies are kept, moved up
// to its parent as WordPress does.
func (s *Store) DeleteComment(ctx context.Context, c *comment.Comment, audit comment.AuditEntry, jobs []comment.Job) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var parent any
		if c.ParentID > 0 {
			parent = c.ParentID
		}
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET parent_id = ? WHERE parent_id = ?`, parent, c.ID); err != nil {
			return wrap(err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM comments WHERE id = ?`, c.ID); err != nil {
			return wrap(err)
		}
		if err := insertAudit(ctx, tx, audit); err != nil {
			return err
		}
		return enqueue(ctx, tx, jobs, audit.CreatedAt)
	})
}

// ConfirmNotify moves a comment's reply mail from asked to confirmed.
func (s *Store) ConfirmNotify(ctx context.Context, id int64) (bool, error) {
	var ok bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE comments SET notify = ? WHERE id = ? AND notify IN (?, ?)`,
			comment.NotifyConfirmed, id, comment.NotifyAsked, comment.NotifyConfirmed)
		if err != nil {
			return wrap(err)
		}
		n, _ := res.RowsAffected()
		ok = n > 0
		return nil
	})
	return ok, err
}

// StopNotify ends reply mail for every comment with the email of comment id.
func (s *Store) StopNotify(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE comments SET notify = 0
			WHERE email_hash = (SELECT email_hash FROM comments WHERE id = ?) AND notify <> 0`, id)
		return wrap(err)
	})
}

// CommentsByID returns the comments with the given ids that exist, in one
// query: the queue's parents in context.
func (s *Store) CommentsByID(ctx context.Context, ids []int64) (map[int64]comment.Comment, error) {
	out := make(map[int64]comment.Comment, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	list, err := s.scanComments(s.r.QueryContext(ctx, `SELECT `+commentColumns+` FROM comments WHERE id IN (`+
		placeholders(len(ids))+`)`, args...))
	for _, c := range list {
		out[c.ID] = c
	}
	return out, err
}

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

// PublicApproved returns an article's approved comments, oldest first,
// with only what the public sees: no email (so nothing to decrypt), IP,
// agent or raw text. The read path builds its cache from it.
func (s *Store) PublicApproved(ctx context.Context, articleKey string) ([]comment.Comment, error) {
	// Asked first: the list's rows hold a reader connection until closed.
	var hint int
	if err := s.readRow(ctx, `SELECT approved_count FROM articles WHERE key = ?`, articleKey).Scan(&hint); err != nil && err != sql.ErrNoRows {
		return nil, wrap(err)
	}
	rows, err := s.readRows(ctx, `SELECT id, COALESCE(parent_id, 0), author, author_url, content_html, is_staff,
		created_at, updated_at FROM comments WHERE article_key = ? AND status = 'approved' ORDER BY id`, articleKey)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	// Sized by the trigger-kept count (a hint: it may move meanwhile),
	// and scanned into one comment: a 20,000-comment thread otherwise
	// allocated twice its size in regrowth and a comment per row, paid by
	// the moderator whose approval rebuilds it and by readers' GC assists.
	out := make([]comment.Comment, 0, min(max(hint, 0)+16, 1<<20))
	var c comment.Comment
	var created, updated int64
	dest := []any{&c.ID, &c.ParentID, &c.Author, &c.AuthorURL, &c.HTML, &c.Staff, &created, &updated}
	for rows.Next() {
		c = comment.Comment{ArticleKey: articleKey, Status: comment.Approved}
		if err := rows.Scan(dest...); err != nil {
			return nil, wrap(err)
		}
		c.CreatedAt, c.UpdatedAt = fromMS(created), fromMS(updated)
		out = append(out, c)
	}
	return out, wrap(rows.Err())
}
