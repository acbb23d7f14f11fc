package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"

	"balasan/internal/comment"
)

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
