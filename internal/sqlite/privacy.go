package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
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

// RecordAudit writes one audit entry on its own.
func (s *Store) RecordAudit(ctx context.Context, a comment.AuditEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return insertAudit(ctx, tx, a) })
}

// ipBatch bounds one step of EraseIPs so the writer is never held long.
const ipBatch = 500

// EraseIPs blanks the IP address and user agent of every comment written
// before cutoff, in small transactions; it returns how many it changed.
// Between two transactions it rests as long as the last one took, so a
// catch-up (after importing years of comments) takes at most half of the
// writer's time from readers' submissions.
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
		case <-time.After(time.Since(began)):
		}
	}
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

// Backup writes a consistent copy of the live database to path with
// VACUUM INTO: it reads one snapshot, so the server keeps running and
// writing meanwhile, and the copy is compact. path must not exist yet.
// The copy is made readable by its owner only: it holds names, IPs and
// sealed emails.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists already; choose a new file", path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	// VACUUM INTO accepts an existing empty file; created first, it keeps
	// the 0600 mode instead of the umask's.
	if _, err := s.w.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return wrap(err)
	}
	return nil
}
