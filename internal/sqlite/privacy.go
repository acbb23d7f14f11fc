package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"balasan/internal/comment"
)

// CommentsByEmail returns every comment written with this address, found
// through its keyed hash, oldest first.
func (s *Store) CommentsByEmail(ctx context.Context, email string) ([]comment.Comment, error) {
	return s.scanComments(s.r.QueryContext(ctx, `SELECT `+commentColumns+` FROM comments
		WHERE email_hash = ? ORDER BY id`, s.box.Hash(email)))
}

// EraseByEmail anonymises every comment of an address (name "Anonim";
// email, URL, IP and user agent removed; text kept), or with del removes
// them, moving their replies up as DeleteComment does. It returns the
// articles touched. The audit entry is written in the same transaction,
// and so is the scrubbing of the outbox (erase_outbox.go); the full-text
// index forgets the old words through its secure-delete mode (migrate.go).
func (s *Store) EraseByEmail(ctx context.Context, email string, del bool, audit comment.AuditEntry) (n int, articles []string, err error) {
	hash := s.box.Hash(email)
	err = s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, article_key FROM comments WHERE email_hash = ? ORDER BY id`, hash)
		if err != nil {
			return wrap(err)
		}
		var ids []int64
		seen := map[string]bool{}
		for rows.Next() {
			var id int64
			var key string
			if err := rows.Scan(&id, &key); err != nil {
				rows.Close()
				return wrap(err)
			}
			ids = append(ids, id)
			if !seen[key] {
				seen[key] = true
				articles = append(articles, key)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return wrap(err)
		}
		n = len(ids)
		if del {
			for _, id := range ids {
				if _, err := tx.ExecContext(ctx, `UPDATE comments SET parent_id = (SELECT parent_id FROM comments WHERE id = ?)
					WHERE parent_id = ?`, id, id); err != nil {
					return wrap(err)
				}
				if _, err := tx.ExecContext(ctx, `DELETE FROM comments WHERE id = ?`, id); err != nil {
					return wrap(err)
				}
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE comments SET author = ?, email = '', email_hash = '',
			author_url = '', ip = '', user_agent = '', notify = 0, updated_at = ? WHERE email_hash = ?`,
			comment.AnonymousName, ms(audit.CreatedAt), hash); err != nil {
			return wrap(err)
		}
		if err := scrubOutbox(ctx, tx, ids, del); err != nil {
			return err
		}
		audit.Detail = fmt.Sprintf("comments: %d", n)
		return insertAudit(ctx, tx, audit)
	})
	if err == nil && n > 0 {
		// secure_delete zeroes what the change freed; a checkpoint also
		// moves the new pages over the old ones and empties the WAL, so
		// the old name does not linger in either file. A reader of a
		// running server can hold it back for a moment: then it tries
		// again a few times, and past that the next checkpoint does it.
		for try := 0; try < 5; try++ {
			var busy, frames, done int
			err := s.w.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &frames, &done)
			if err != nil || busy == 0 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return n, articles, err
}

// ipBatch bounds one step of EraseIPs so the writer is never held long.
const ipBatch = 500

// ipRest is how long EraseIPs rests between two transactions, in
// multiples of the last one's time: a catch-up (after importing years of
// comments) then takes at most a third of the writer's time, and of a
// core, from readers' submissions and moderators' pages (on 2 cores, a
// job at half the writer's time kept the dashboard's p99 over 50 ms).
const ipRest = 2

// EraseIPs blanks the IP address and user agent of every comment written
// before cutoff, in small transactions, resting between them (ipRest);
// it returns how many it changed.
func (s *Store) EraseIPs(ctx context.Context, cutoff time.Time) (int64, error) {
	var total int64
	for {
		var n int64
		began := time.Now()
		err := s.tx(ctx, func(tx *sql.Tx) error {
			res, err := tx.ExecContext(ctx, `UPDATE comments SET ip = '', user_agent = '' WHERE id IN (
				SELECT id FROM comments WHERE (ip <> '' OR user_agent <> '') AND created_at < ? LIMIT ?)`,
				ms(cutoff), ipBatch)
			if err != nil {
				return wrap(err)
			}
			n, err = res.RowsAffected()
			return err
		})
		total += n
		if err != nil || n < ipBatch {
			return total, err
		}
		select {
		case <-ctx.Done():
			return total, ctx.Err()
		case <-time.After(ipRest * time.Since(began)):
		}
	}
}

// jobCommentSQL is the comment a job's payload names: payloads are JSON
// with "id" (webhooks) or "comment_id" (mail). A payload that is not JSON
// names none, rather than failing the erase.
const jobCommentSQL = `CASE WHEN json_valid(payload)
	THEN COALESCE(json_extract(payload, '$.id'), json_extract(payload, '$.comment_id')) END`

// scrubOutbox removes an erased person's data from the outbox, in the
// erase's transaction. Delivered and abandoned jobs about their comments
// are deleted (no one needs them again). Waiting ones are kept, so a
// receiver still learns of the change, but with the name and URL replaced
// as the comment's own were; when the comments are deleted, the waiting
// jobs go too, as they would tell what was deleted.
func scrubOutbox(ctx context.Context, tx *sql.Tx, ids []int64, del bool) error {
	if len(ids) == 0 {
		return nil
	}
	list, _ := json.Marshal(ids) // a list of numbers cannot fail
	concerned := jobCommentSQL + ` IN (SELECT value FROM json_each(?))`
	gone := `sent_at IS NOT NULL OR next_attempt_at = ?`
	if del {
		gone = `1 OR ? = 0`
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE (`+gone+`) AND `+concerned,
		int64(neverDue), string(list)); err != nil {
		return wrap(err)
	}
	_, err := tx.ExecContext(ctx, `UPDATE outbox SET payload = json_set(payload, '$.author', ?, '$.author_url', '')
		WHERE `+concerned+` AND json_type(payload, '$.author') IS NOT NULL`, comment.AnonymousName, string(list))
	return wrap(err)
}
