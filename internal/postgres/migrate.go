package postgres

import (
	"context"
	_ "embed"

	"github.com/jackc/pgx/v5"

	"balasan/internal/migrate"
)

//go:embed schema.sql
var schema string

// steps are the schema's versions for the shared migration runner
// (internal/migrate), recorded in the table schema_version: steps[i]
// makes version i+1. Append, never edit.
var steps = []migrate.Step[pgx.Tx]{
	func(ctx context.Context, tx pgx.Tx) error { _, err := tx.Exec(ctx, schema); return err },
	jobComment,
	articleTrust,
	telegramChat,
}

// jobComment (version 2) adds balasan_job_comment: the comment an outbox
// payload names ("id" in webhooks, "comment_id" in mail), NULL for a
// payload that is not JSON or names none, so a privacy erase can find the
// person's jobs without failing on a stray row (SQLite's json_valid; the
// IS JSON test arrives only in PostgreSQL 16).
func jobComment(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `CREATE OR REPLACE FUNCTION balasan_job_comment(payload text) RETURNS bigint
		LANGUAGE plpgsql IMMUTABLE AS $$
		BEGIN
			RETURN COALESCE((payload::jsonb ->> 'id')::bigint, (payload::jsonb ->> 'comment_id')::bigint);
		EXCEPTION WHEN others THEN
			RETURN NULL;
		END $$`)
	return err
}

// articleTrust (version 3) adds articles.verified, as SQLite's version 4
// does: an article stored before stays unverified until a moderator or an
// import confirms its URL and title.
func articleTrust(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `ALTER TABLE articles ADD COLUMN IF NOT EXISTS verified boolean NOT NULL DEFAULT false`)
	return err
}

// telegramChat (version 4) adds the newsroom chat's state, as SQLite's
// version 5 does: Telegram users linked to accounts, and how far each
// bot's updates were read.
func telegramChat(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `
		CREATE TABLE IF NOT EXISTS telegram_links (
			telegram_id  bigint PRIMARY KEY,
			moderator_id bigint NOT NULL UNIQUE REFERENCES moderators(id) ON DELETE CASCADE
		);
		CREATE TABLE IF NOT EXISTS telegram_offsets (
			bot         text PRIMARY KEY,
			next_update bigint NOT NULL
		)`)
	return err
}

// SchemaVersion is the newest schema this binary knows.
func SchemaVersion() int { return len(steps) }

// ErrSchemaTooNew is a database written by a newer Balasan (refused by
// the shared runner).
var ErrSchemaTooNew = migrate.ErrSchemaTooNew

// migrateLock is the advisory lock key held while migrating, so instances
// started together migrate one after the other.
const migrateLock = 0x62616c6173616e // "balasan"

// migrate brings the schema up to date on one connection holding the
// advisory lock: the others wait, then find nothing left to do.
func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.db.Acquire(ctx)
	if err != nil {
		return wrap(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrateLock)); err != nil {
		return wrap(err)
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, int64(migrateLock))
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)`); err != nil {
		return wrap(err)
	}
	return migrate.Apply(ctx, migrate.DB[pgx.Tx]{
		Version: func(ctx context.Context) (v int, err error) {
			err = conn.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v)
			return v, err
		},
		InTx: func(ctx context.Context, fn func(pgx.Tx) error) error { return pgx.BeginFunc(ctx, conn, fn) },
		Record: func(ctx context.Context, tx pgx.Tx, v int) error {
			if _, err := tx.Exec(ctx, `DELETE FROM schema_version`); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_version (version) VALUES ($1)`, v)
			return err
		},
	}, steps)
}
