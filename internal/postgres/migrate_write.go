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
// statuses listed even before any write. For the same reason an article's
// row keeps only its approved count (the public reads need it): the other
// statuses' counts (version 7) made two writers of one article queue on
// its row, so the articles page counts them when it reads (ListArticles)
// and their columns go. Written to run again over itself.
func stripedCounts(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `
ALTER TABLE status_counts ADD COLUMN IF NOT EXISTS slot integer NOT NULL DEFAULT 0;
ALTER TABLE status_counts DROP CONSTRAINT IF EXISTS status_counts_pkey;
ALTER TABLE status_counts ADD CONSTRAINT status_counts_pkey PRIMARY KEY (status, slot);
ALTER TABLE articles DROP COLUMN IF EXISTS pending_count, DROP COLUMN IF EXISTS spam_count,
    DROP COLUMN IF EXISTS trash_count;

-- The slot of this transaction; rows are upserted in status order, so two
-- statements sharing a slot take its row locks in one order.
CREATE OR REPLACE FUNCTION balasan_count_slot() RETURNS integer LANGUAGE sql VOLATILE AS
    'SELECT (txid_current() % 64)::integer';

CREATE OR REPLACE FUNCTION comments_counted_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO status_counts AS s (status, slot, n)
    SELECT status, balasan_count_slot(), count(*) FROM new_rows GROUP BY status ORDER BY status
    ON CONFLICT (status, slot) DO UPDATE SET n = s.n + excluded.n;
    UPDATE articles a SET approved_count = a.approved_count + d.n
    FROM (SELECT article_key, count(*) AS n FROM new_rows WHERE status = 'approved' GROUP BY article_key) d
    WHERE a.key = d.article_key;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION comments_counted_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO status_counts AS s (status, slot, n)
    SELECT status, balasan_count_slot(), -count(*) FROM old_rows GROUP BY status ORDER BY status
    ON CONFLICT (status, slot) DO UPDATE SET n = s.n + excluded.n;
    UPDATE articles a SET approved_count = a.approved_count - d.n
    FROM (SELECT article_key, count(*) AS n FROM old_rows WHERE status = 'approved' GROUP BY article_key) d
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
    UPDATE articles a SET approved_count = a.approved_count + d.n
    FROM (SELECT article_key, sum(n) AS n FROM (SELECT article_key, 1 AS n FROM new_rows WHERE status = 'approved'
          UNION ALL SELECT article_key, -1 FROM old_rows WHERE status = 'approved') x
          GROUP BY article_key HAVING sum(n) <> 0) d
    WHERE a.key = d.article_key;
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
