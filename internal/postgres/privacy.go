package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

// CommentsByEmail returns every comment written with this address, found
// through its keyed hash, oldest first.
func (s *Store) CommentsByEmail(ctx context.Context, email string) ([]comment.Comment, error) {
	return s.queryComments(ctx, nil, `SELECT `+commentColumns+` FROM comments WHERE email_hash = $1 ORDER BY id`,
		s.box.Hash(email))
}

// EraseByEmail anonymises every comment of an address (name "Anonim";
// email, URL, IP and user agent removed; text kept), or with del removes
// them, moving their replies up. It returns the articles touched. The
// audit entry is written in the same transaction, and so is the scrubbing
// of the outbox (erase_outbox.go). The search column is generated from the
// row, so it forgets the name with it; the old row versions are dead
// tuples, reclaimed by autovacuum, that no query can read.
func (s *Store) EraseByEmail(ctx context.Context, email string, del bool, audit comment.AuditEntry) (n int, articles []string, err error) {
	hash := s.box.Hash(email)
	err = s.tx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, article_key FROM comments WHERE email_hash = $1 ORDER BY id FOR UPDATE`, hash)
		if err != nil {
			return err
		}
		var ids []int64
		articles = articles[:0]
		seen := map[string]bool{}
		for rows.Next() {
			var id int64
			var key string
			if err := rows.Scan(&id, &key); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
			if !seen[key] {
				seen[key] = true
				articles = append(articles, key)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		n = len(ids)
		if del {
			if err := deleteComments(ctx, tx, ids); err != nil {
				return err
			}
		} else if _, err := tx.Exec(ctx, `UPDATE comments SET author = $1, email = '', email_hash = '',
			author_url = '', ip = '', user_agent = '', notify = 0, updated_at = $2 WHERE email_hash = $3`,
			comment.AnonymousName, ms(audit.CreatedAt), hash); err != nil {
			return err
		}
		if err := scrubOutbox(ctx, tx, ids, del); err != nil {
			return err
		}
		audit.Detail = fmt.Sprintf("comments: %d", n)
		return insertAudit(ctx, tx, audit)
	})
	return n, articles, err
}

// ipBatch bounds one step of EraseIPs so no transaction holds many rows.
const ipBatch = 500

// EraseIPs blanks the IP address and user agent of every comment written
// before cutoff, in small transactions; it returns how many it changed.
func (s *Store) EraseIPs(ctx context.Context, cutoff time.Time) (int64, error) {
	var total int64
	for {
		tag, err := s.db.Exec(ctx, `UPDATE comments SET ip = '', user_agent = '' WHERE id IN (
			SELECT id FROM comments WHERE (ip <> '' OR user_agent <> '') AND created_at < $1 LIMIT $2
			FOR UPDATE SKIP LOCKED)`, ms(cutoff), ipBatch)
		if err != nil {
			return total, wrap(err)
		}
		total += tag.RowsAffected()
		if tag.RowsAffected() < ipBatch {
			return total, nil
		}
		if err := ctx.Err(); err != nil {
			return total, err
		}
	}
}

// scrubOutbox removes an erased person's data from the outbox, in the
// erase's transaction, as the SQLite store does. Delivered and abandoned
// jobs about their comments are deleted (no one needs them again). Waiting
// ones are kept, so a receiver still learns of the change, but with the
// name and URL replaced as the comment's own were; when the comments are
// deleted, the waiting jobs go too, as they would tell what was deleted.
// balasan_job_comment (migration 2) reads the comment a payload names.
func scrubOutbox(ctx context.Context, tx pgx.Tx, ids []int64, del bool) error {
	if len(ids) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `DELETE FROM outbox
		WHERE ($2 OR sent_at IS NOT NULL OR next_attempt_at = $3) AND balasan_job_comment(payload) = ANY($1)`,
		ids, del, int64(neverDue)); err != nil {
		return err
	}
	// CASE keeps the cast away from payloads that are not JSON.
	_, err := tx.Exec(ctx, `UPDATE outbox SET payload = jsonb_set(jsonb_set(payload::jsonb,
			'{author}', to_jsonb($2::text)), '{author_url}', '""')::text
		WHERE CASE WHEN balasan_job_comment(payload) = ANY($1) THEN payload::jsonb ? 'author' ELSE false END`,
		ids, comment.AnonymousName)
	return err
}
