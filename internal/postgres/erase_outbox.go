package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
)

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
