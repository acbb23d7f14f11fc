package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"balasan"
)

// migrations are applied in order after the base schema (version 1);
// migrations[i] brings the database to version i+2. Append, never edit.
var migrations = []func(*sql.Tx) error{
	deferFullText,
	secureDeleteFullText,
	articleTrust,
}

// secureDeleteFullText (version 3) turns on FTS5's secure-delete, so a
// changed or deleted comment's words are removed from the index's
// segments instead of being masked by a later "delete" entry (a privacy
// erase must leave no trace of a name), and rewrites the index once
// ('optimize') so what earlier erasures only masked is gone too.
func secureDeleteFullText(tx *sql.Tx) error {
	if _, err := tx.Exec(`INSERT INTO comments_fts (comments_fts, rank) VALUES ('secure-delete', 1)`); err != nil {
		return err
	}
	_, err := tx.Exec(`INSERT INTO comments_fts (comments_fts) VALUES ('optimize')`)
	return err
}

// articleTrust (version 4) adds articles.verified. Every article already
// stored stays unverified (0): nothing tells whether its URL and title
// came from an import or from whoever posted first, so until a moderator
// or a new import confirms them they are treated as a reader's. A fresh
// database has the column from the schema already.
func articleTrust(tx *sql.Tx) error {
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM pragma_table_info('articles') WHERE name = 'verified'`).Scan(&n); err != nil || n > 0 {
		return err
	}
	_, err := tx.Exec(`ALTER TABLE articles ADD COLUMN verified INTEGER NOT NULL DEFAULT 0`)
	return err
}

// deferFullText (version 2) replaces the triggers that indexed every
// comment inside its own insert with the deferred indexing of fts_pending;
// the schema, applied again, creates the new table and triggers. What the
// old triggers indexed stays indexed.
func deferFullText(tx *sql.Tx) error {
	for _, t := range []string{"comments_fts_insert", "comments_fts_delete", "comments_fts_update"} {
		if _, err := tx.Exec(`DROP TRIGGER IF EXISTS ` + t); err != nil {
			return err
		}
	}
	_, err := tx.Exec(balasan.Schema)
	return err
}

// SchemaVersion is the newest schema this binary knows.
func SchemaVersion() int { return len(migrations) + 1 }

// ErrSchemaTooNew is a database written by a newer Balasan: running on
// it could misread or damage what the newer version stored.
var ErrSchemaTooNew = errors.New("database schema newer than this balasan")

func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.w.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > SchemaVersion() {
		return fmt.Errorf("%w: the database is at schema version %d, this binary knows up to %d. "+
			"Run the newer balasan that upgraded it, or, to go back to this one, restore the backup "+
			"taken before the upgrade (see \"Upgrading and rolling back\" in the README)",
			ErrSchemaTooNew, version, SchemaVersion())
	}
	if version == 0 {
		if err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.Exec(balasan.Schema); err != nil {
				return fmt.Errorf("apply schema: %w", err)
			}
			_, err := tx.Exec(`PRAGMA user_version = 1`)
			return err
		}); err != nil {
			return err
		}
		version = 1
	}
	for v := version + 1; v-2 < len(migrations); v++ {
		if err := s.tx(ctx, func(tx *sql.Tx) error {
			if err := migrations[v-2](tx); err != nil {
				return fmt.Errorf("migration to version %d: %w", v, err)
			}
			_, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v))
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// settingEmailsSealed marks a database whose every email is ciphertext.
const settingEmailsSealed = "emails_sealed"

// migrateEmails seals any address stored before encryption at rest, in
// place, so an older database file stops revealing emails. When it sealed
// any, it rewrites the file (VACUUM) and empties the WAL, so no copy of a
// plaintext address survives in free pages or old WAL frames.
//
// It runs once: a setting records that every address is sealed (new ones
// always are), so later starts skip a scan of every comment.
func (s *Store) migrateEmails(ctx context.Context) error {
	var done string
	err := s.w.QueryRowContext(ctx, `SELECT value FROM settings WHERE name = ?`, settingEmailsSealed).Scan(&done)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if done == "1" {
		return nil
	}
	sealed := 0
	err = s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, email FROM comments WHERE email <> '' AND email NOT LIKE 'v1:%'`)
		if err != nil {
			return err
		}
		plain := map[int64]string{}
		for rows.Next() {
			var id int64
			var email string
			if err := rows.Scan(&id, &email); err != nil {
				rows.Close()
				return err
			}
			plain[id] = email
		}
		rows.Close()
		for id, email := range plain {
			if _, err := tx.ExecContext(ctx, `UPDATE comments SET email = ?, email_hash = ? WHERE id = ?`,
				s.box.Seal(email), s.box.Hash(email), id); err != nil {
				return err
			}
		}
		sealed = len(plain)
		if err := rows.Err(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES (?, '1')
			ON CONFLICT (name) DO UPDATE SET value = excluded.value`, settingEmailsSealed)
		return err
	})
	if err != nil || sealed == 0 {
		return err
	}
	if _, err := s.w.ExecContext(ctx, `VACUUM`); err != nil {
		return fmt.Errorf("rewrite after sealing emails: %w", err)
	}
	_, err = s.w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}
