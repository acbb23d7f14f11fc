package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"balasan"
	"balasan/internal/migrate"
)

// steps are the schema's versions for the shared migration runner
// (internal/migrate), recorded in PRAGMA user_version: steps[i] makes
// version i+1. Append, never edit.
var steps = []migrate.Step[*sql.Tx]{
	baseSchema,
	deferFullText,
	secureDeleteFullText,
	articleTrust,
	apiTokens,
	telegramChat,
	articleCounts,
	displayName,
}

// apiTokens (version 5) adds the moderation API's tokens: only the
// SHA-256 of each secret is kept (a token is 32 random bytes, so a plain
// hash resists guessing as a slow one would), with its name and role.
func apiTokens(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS api_tokens (
		id           INTEGER PRIMARY KEY,
		name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
		role         TEXT NOT NULL CHECK (role IN ('admin', 'moderator')),
		token_hash   TEXT NOT NULL UNIQUE,
		created_at   INTEGER NOT NULL,
		last_used_at INTEGER NOT NULL DEFAULT 0
	)`)
	return err
}

// articleCounts (version 7) counts every status per article, not only
// the approved, for the dashboard's articles page: the columns, the
// triggers that keep them (dropped and made again by the schema), the
// articles' index by age and the trash's by age, then one count of what
// is there.
func articleCounts(ctx context.Context, tx *sql.Tx) error {
	for _, col := range []string{"pending_count", "spam_count", "trash_count"} {
		if err := addColumn(ctx, tx, "articles", col, "INTEGER NOT NULL DEFAULT 0"); err != nil {
			return err
		}
	}
	for _, t := range []string{"comments_counted_insert", "comments_counted_delete", "comments_counted_update"} {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER IF EXISTS `+t); err != nil {
			return err
		}
	}
	if err := addColumn(ctx, tx, "moderators", "display_name", "TEXT NOT NULL DEFAULT ''"); err != nil {
		return err // the schema below names it
	}
	if _, err := tx.ExecContext(ctx, balasan.Schema); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE articles SET
		pending_count = (SELECT COUNT(*) FROM comments WHERE article_key = articles.key AND status = 'pending'),
		spam_count = (SELECT COUNT(*) FROM comments WHERE article_key = articles.key AND status = 'spam'),
		trash_count = (SELECT COUNT(*) FROM comments WHERE article_key = articles.key AND status = 'trash')`)
	return err
}

// displayName (version 8) adds moderators.display_name, the name under a
// moderator's public replies (version 7 may have added it already).
func displayName(ctx context.Context, tx *sql.Tx) error {
	return addColumn(ctx, tx, "moderators", "display_name", "TEXT NOT NULL DEFAULT ''")
}

// addColumn adds a column unless the table has it (a fresh database has
// every column from the schema).
func addColumn(ctx context.Context, tx *sql.Tx, table, col, def string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?`, table, col).Scan(&n); err != nil || n > 0 {
		return err
	}
	_, err := tx.ExecContext(ctx, `ALTER TABLE `+table+` ADD COLUMN `+col+` `+def)
	return err
}

// secureDeleteFullText (version 3) turns on FTS5's secure-delete, so a
// changed or deleted comment's words are removed from the index's
// segments instead of being masked by a later "delete" entry (a privacy
// erase must leave no trace of a name), and rewrites the index once
// ('optimize') so what earlier erasures only masked is gone too.
func secureDeleteFullText(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO comments_fts (comments_fts, rank) VALUES ('secure-delete', 1)`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO comments_fts (comments_fts) VALUES ('optimize')`)
	return err
}

// articleTrust (version 4) adds articles.verified. Every article already
// stored stays unverified (0): nothing tells whether its URL and title
// came from an import or from whoever posted first, so until a moderator
// or a new import confirms them they are treated as a reader's. A fresh
// database has the column from the schema already.
func articleTrust(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM pragma_table_info('articles') WHERE name = 'verified'`).Scan(&n); err != nil || n > 0 {
		return err
	}
	_, err := tx.ExecContext(ctx, `ALTER TABLE articles ADD COLUMN verified INTEGER NOT NULL DEFAULT 0`)
	return err
}

// telegramChat (version 6) adds the newsroom chat's state: which Telegram
// user acts as which account (the link goes with the account), and how
// far each bot's updates were read, so a restart replays none.
func telegramChat(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `
		CREATE TABLE IF NOT EXISTS telegram_links (
			telegram_id  INTEGER PRIMARY KEY,
			moderator_id INTEGER NOT NULL UNIQUE REFERENCES moderators(id) ON DELETE CASCADE
		);
		CREATE TABLE IF NOT EXISTS telegram_offsets (
			bot         TEXT PRIMARY KEY,
			next_update INTEGER NOT NULL
		) WITHOUT ROWID;`)
	return err
}

// baseSchema (version 1) creates every table of an empty database.
func baseSchema(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, balasan.Schema)
	return err
}

// deferFullText (version 2) replaces the triggers that indexed every
// comment inside its own insert with the deferred indexing of fts_pending;
// the schema, applied again, creates the new table and triggers. What the
// old triggers indexed stays indexed.
func deferFullText(ctx context.Context, tx *sql.Tx) error {
	for _, t := range []string{"comments_fts_insert", "comments_fts_delete", "comments_fts_update"} {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER IF EXISTS `+t); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, balasan.Schema)
	return err
}

// SchemaVersion is the newest schema this binary knows.
func SchemaVersion() int { return len(steps) }

// ErrSchemaTooNew is a database written by a newer Balasan (refused by
// the shared runner).
var ErrSchemaTooNew = migrate.ErrSchemaTooNew

// migrate brings the schema up to date; the single writer connection
// keeps two processes from migrating at once (_txlock=immediate).
func (s *Store) migrate(ctx context.Context) error {
	return migrate.Apply(ctx, migrate.DB[*sql.Tx]{
		Version: func(ctx context.Context) (v int, err error) {
			return v, s.w.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v)
		},
		InTx: func(ctx context.Context, fn func(*sql.Tx) error) error { return s.tx(ctx, fn) },
		Record: func(ctx context.Context, tx *sql.Tx, v int) error {
			_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, v))
			return err
		},
	}, steps)
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
