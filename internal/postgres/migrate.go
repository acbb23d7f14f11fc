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
	articleCounts,
	displayName,
}

// articleCounts (version 4) counts every status per article, as SQLite's
// version 5 does: the columns, the trigger functions replaced to keep
// them (still one statement-level pass per batch), the indexes of the
// articles page and the trash emptying job, then one count of what is there.
func articleCounts(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `
ALTER TABLE articles ADD COLUMN IF NOT EXISTS pending_count bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS spam_count bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS trash_count bigint NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS articles_created ON articles (created_at, key);
CREATE INDEX IF NOT EXISTS comments_trash_age ON comments (updated_at) WHERE status = 'trash';

CREATE OR REPLACE FUNCTION comments_counted_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE status_counts s SET n = s.n + d.n
    FROM (SELECT status, count(*) AS n FROM new_rows GROUP BY status) d WHERE s.status = d.status;
    UPDATE articles a SET approved_count = a.approved_count + d.approved, pending_count = a.pending_count + d.pending,
        spam_count = a.spam_count + d.spam, trash_count = a.trash_count + d.trash
    FROM (SELECT article_key, count(*) FILTER (WHERE status = 'approved') AS approved,
          count(*) FILTER (WHERE status = 'pending') AS pending, count(*) FILTER (WHERE status = 'spam') AS spam,
          count(*) FILTER (WHERE status = 'trash') AS trash FROM new_rows GROUP BY article_key) d
    WHERE a.key = d.article_key;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION comments_counted_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE status_counts s SET n = s.n - d.n
    FROM (SELECT status, count(*) AS n FROM old_rows GROUP BY status) d WHERE s.status = d.status;
    UPDATE articles a SET approved_count = a.approved_count - d.approved, pending_count = a.pending_count - d.pending,
        spam_count = a.spam_count - d.spam, trash_count = a.trash_count - d.trash
    FROM (SELECT article_key, count(*) FILTER (WHERE status = 'approved') AS approved,
          count(*) FILTER (WHERE status = 'pending') AS pending, count(*) FILTER (WHERE status = 'spam') AS spam,
          count(*) FILTER (WHERE status = 'trash') AS trash FROM old_rows GROUP BY article_key) d
    WHERE a.key = d.article_key;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION comments_counted_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Most updates (an edit, a confirmed subscription) change no status.
    IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n USING (id) WHERE o.status <> n.status) THEN
        RETURN NULL;
    END IF;
    UPDATE status_counts s SET n = s.n + d.n
    FROM (SELECT status, sum(n) AS n FROM (SELECT status, 1 AS n FROM new_rows
          UNION ALL SELECT status, -1 FROM old_rows) x GROUP BY status HAVING sum(n) <> 0) d
    WHERE s.status = d.status;
    UPDATE articles a SET approved_count = a.approved_count + d.approved, pending_count = a.pending_count + d.pending,
        spam_count = a.spam_count + d.spam, trash_count = a.trash_count + d.trash
    FROM (SELECT article_key, COALESCE(sum(n) FILTER (WHERE status = 'approved'), 0) AS approved,
          COALESCE(sum(n) FILTER (WHERE status = 'pending'), 0) AS pending, COALESCE(sum(n) FILTER (WHERE status = 'spam'), 0) AS spam,
          COALESCE(sum(n) FILTER (WHERE status = 'trash'), 0) AS trash
          FROM (SELECT article_key, status, 1 AS n FROM new_rows
                UNION ALL SELECT article_key, status, -1 FROM old_rows) x GROUP BY article_key) d
    WHERE a.key = d.article_key AND (d.approved, d.pending, d.spam, d.trash) IS DISTINCT FROM (0, 0, 0, 0);
    RETURN NULL;
END $$;
UPDATE articles a SET pending_count = c.pending, spam_count = c.spam, trash_count = c.trash
FROM (SELECT article_key, count(*) FILTER (WHERE status = 'pending') AS pending,
      count(*) FILTER (WHERE status = 'spam') AS spam, count(*) FILTER (WHERE status = 'trash') AS trash
      FROM comments GROUP BY article_key) c
WHERE a.key = c.article_key;`)
	return err
}

// displayName (version 5) adds moderators.display_name, the name under a
// moderator's public replies.
func displayName(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `ALTER TABLE moderators ADD COLUMN IF NOT EXISTS display_name text NOT NULL DEFAULT ''`)
	return err
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
