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

// trashRest is how long EmptyTrash rests after a full batch, in multiples
// of the batch's own time. Without a rest a catch-up (trash_days set on
// years of trash) kept the writer and a whole core busy, and at a
// million comments the dashboard's pages took several times as long
// while it ran; resting twice as long leaves the job a third of both.
const trashRest = 2

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
		began := time.Now()
		n, articles, err = s.Store.EmptyTrash(ctx, cutoff, trashBatch)
		total += n
		for _, a := range articles {
			for _, f := range s.Changed {
				f(a) // a reply moved up changes its thread
			}
		}
		if err != nil || n < trashBatch || !rest(ctx, trashRest*time.Since(began)) {
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

// rest waits d, or less if ctx ends first; it tells whether the job may
// go on.
func rest(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
