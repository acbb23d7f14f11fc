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
	notifyChanges,
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

// notifyChanges (version 4) makes every change other instances must hear
// of send a notification on changesChannel (see cluster.go), whoever
// made it: an instance, an import, a privacy erase from the command line.
// Statement-level triggers send one per article of a statement, and only
// for comments that are or were approved (a new pending comment, the
// common write, sends nothing). It also adds login_failures, the login
// throttle shared by the instances (throttle.go). Written to run again
// over itself, as the other steps are.
func notifyChanges(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `
CREATE OR REPLACE FUNCTION balasan_notify_comments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM pg_notify('`+changesChannel+`', 'a:' || k)
        FROM (SELECT DISTINCT article_key AS k FROM old_rows WHERE status = 'approved') d;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM pg_notify('`+changesChannel+`', 'a:' || k)
        FROM (SELECT DISTINCT article_key AS k FROM new_rows WHERE status = 'approved') d;
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS comments_notify_insert ON comments;
CREATE TRIGGER comments_notify_insert AFTER INSERT ON comments REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION balasan_notify_comments();
DROP TRIGGER IF EXISTS comments_notify_update ON comments;
CREATE TRIGGER comments_notify_update AFTER UPDATE ON comments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION balasan_notify_comments();
DROP TRIGGER IF EXISTS comments_notify_delete ON comments;
CREATE TRIGGER comments_notify_delete AFTER DELETE ON comments REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION balasan_notify_comments();

CREATE OR REPLACE FUNCTION balasan_notify_articles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('`+changesChannel+`', 'a:' || n.key)
    FROM new_rows n JOIN old_rows o ON o.key = n.key
    WHERE (n.url, n.title, n.comment_status, n.verified) IS DISTINCT FROM (o.url, o.title, o.comment_status, o.verified);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS articles_notify ON articles;
CREATE TRIGGER articles_notify AFTER UPDATE ON articles REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION balasan_notify_articles();

CREATE OR REPLACE FUNCTION balasan_notify_settings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('`+changesChannel+`', 's');
    RETURN NULL;
END $$;
-- For each row: the readiness check's empty UPDATE must send nothing.
DROP TRIGGER IF EXISTS settings_notify ON settings;
CREATE TRIGGER settings_notify AFTER INSERT OR UPDATE OR DELETE ON settings
    FOR EACH ROW EXECUTE FUNCTION balasan_notify_settings();

-- Failed logins by a keyed hash of client and username (never either
-- itself), under one of the throttle's rules; rows older than the longest
-- window are deleted, and the table is capped (throttle.go).
CREATE TABLE IF NOT EXISTS login_failures (
    key  bigint PRIMARY KEY,
    n    integer NOT NULL,
    last bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_last ON login_failures (last);`)
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
