package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// stripedCounts (version 9) spreads each status's count over up to 64
// rows, one chosen by the writing transaction (its id modulo 64: writers
// at the same moment have neighbouring ids, so different rows), so
// concurrent writers of new comments no longer queue on one row lock
// until each other's commit: with a single count row per status, a second
// group-commit worker or instance only waited for the first's WAL flush.
// Readers sum the slots (StatusCounts, Check). Slot 0 keeps the four
// statuses listed even before any write. The per-article counts of every
// status (version 7) are kept as before. Written to run again over itself.
func stripedCounts(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `
ALTER TABLE status_counts ADD COLUMN IF NOT EXISTS slot integer NOT NULL DEFAULT 0;
ALTER TABLE status_counts DROP CONSTRAINT IF EXISTS status_counts_pkey;
ALTER TABLE status_counts ADD CONSTRAINT status_counts_pkey PRIMARY KEY (status, slot);

-- The slot of this transaction; rows are upserted in status order, so two
-- statements sharing a slot take its row locks in one order.
CREATE OR REPLACE FUNCTION balasan_count_slot() RETURNS integer LANGUAGE sql VOLATILE AS
    'SELECT (txid_current() % 64)::integer';

CREATE OR REPLACE FUNCTION comments_counted_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO status_counts AS s (status, slot, n)
    SELECT status, balasan_count_slot(), count(*) FROM new_rows GROUP BY status ORDER BY status
    ON CONFLICT (status, slot) DO UPDATE SET n = s.n + excluded.n;
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
    INSERT INTO status_counts AS s (status, slot, n)
    SELECT status, balasan_count_slot(), -count(*) FROM old_rows GROUP BY status ORDER BY status
    ON CONFLICT (status, slot) DO UPDATE SET n = s.n + excluded.n;
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
    INSERT INTO status_counts AS s (status, slot, n)
    SELECT status, balasan_count_slot(), sum(n) FROM (SELECT status, 1 AS n FROM new_rows
          UNION ALL SELECT status, -1 FROM old_rows) x GROUP BY status HAVING sum(n) <> 0 ORDER BY status
    ON CONFLICT (status, slot) DO UPDATE SET n = s.n + excluded.n;
    UPDATE articles a SET approved_count = a.approved_count + d.approved, pending_count = a.pending_count + d.pending,
        spam_count = a.spam_count + d.spam, trash_count = a.trash_count + d.trash
    FROM (SELECT article_key, COALESCE(sum(n) FILTER (WHERE status = 'approved'), 0) AS approved,
          COALESCE(sum(n) FILTER (WHERE status = 'pending'), 0) AS pending, COALESCE(sum(n) FILTER (WHERE status = 'spam'), 0) AS spam,
          COALESCE(sum(n) FILTER (WHERE status = 'trash'), 0) AS trash
          FROM (SELECT article_key, status, 1 AS n FROM new_rows
                UNION ALL SELECT article_key, status, -1 FROM old_rows) x GROUP BY article_key) d
    WHERE a.key = d.article_key AND (d.approved, d.pending, d.spam, d.trash) IS DISTINCT FROM (0, 0, 0, 0);
    RETURN NULL;
END $$;`)
	return err
}

// duplicateIndex (version 10) replaces the index on (email_hash, status)
// by one on (email_hash, article_key, status), which answers the
// duplicate check (duplicateSQL) alone; every other lookup by email still
// leads with email_hash. With only the older index, on a table not yet
// analysed (a new database, minutes of comments) the planner guessed the
// same selectivity for the email and the article and intersected both
// indexes, reading every comment of the article for each new one: the
// group commit slowed as articles grew. Written to run again over itself.
func duplicateIndex(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `
CREATE INDEX IF NOT EXISTS comments_email_article ON comments (email_hash, article_key, status);
DROP INDEX IF EXISTS comments_email_hash`)
	return err
}
