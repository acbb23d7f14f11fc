package comment

import (
	"context"
	"strconv"
	"time"
)

// trashBatch is how many comments one transaction of EmptyTrash deletes:
// small, so readers' comments never wait long behind the job for the
// writer.
const trashBatch = 100

// AuditTrashEmptied is the audit action of the trash emptying job.
const AuditTrashEmptied = "trash_emptied"

// EmptyTrash deletes for good the comments in the trash for longer than
// trash_days (0: never), as WordPress does after EMPTY_TRASH_DAYS, in
// small batches, and records how many in the audit log.
func (s *Service) EmptyTrash(ctx context.Context) (int, error) {
	days := s.Live().TrashDays
	if days <= 0 {
		return 0, nil
	}
	cutoff := s.now().Add(-time.Duration(days) * 24 * time.Hour)
	total := 0
	var err error
	for ctx.Err() == nil {
		var n int
		var articles []string
		n, articles, err = s.Store.EmptyTrash(ctx, cutoff, trashBatch)
		total += n
		for _, a := range articles {
			for _, f := range s.Changed {
				f(a) // a reply moved up changes its thread
			}
		}
		if err != nil || n < trashBatch {
			break
		}
	}
	if total > 0 {
		entry := AuditEntry{Moderator: "system", Action: AuditTrashEmptied, Detail: strconv.Itoa(total), CreatedAt: s.now()}
		if aerr := s.Store.AddAudit(ctx, entry); err == nil {
			err = aerr
		}
	}
	return total, err
}
