package storetest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"balasan/internal/comment"
)

// Values of the person whose data is erased, distinct from every other word.
const (
	erasedName = "Qwertyuiop Zxcvbnmasd"
	erasedURL  = "https://jejak-pribadi.example/profil"
	erasedMail = "penghapus@contoh.test"
	keptText   = "Jembatan Ampera perlu dicat ulang"
)

// webhookJob is a job like the webhook's: its payload names the comment
// and its author.
func webhookJob(author, url string) comment.Job {
	b, _ := json.Marshal(map[string]any{"event": "new", "id": -1, "author": author, "author_url": url})
	return comment.Job{Kind: "webhook", Payload: strings.Replace(string(b), `"id":-1`, `"id":`+comment.IDMark, 1)}
}

// A privacy erase leaves the person's name and URL nowhere the store
// answers from: not the comments, not search, not a waiting job; their
// delivered jobs are gone, and with del their waiting ones too. Other
// readers' jobs, and a payload that is not JSON, are untouched.
func testEraseScrubsOutbox(t *testing.T, s comment.Store) { testEraseScrubs(t, s, false) }

// testEraseDeleteScrubsOutbox is testEraseScrubsOutbox when the comments
// are deleted.
func testEraseDeleteScrubsOutbox(t *testing.T, s comment.Store) { testEraseScrubs(t, s, true) }

func testEraseScrubs(t *testing.T, s comment.Store, del bool) {
	ctx := context.Background()
	const key = "k"
	article(t, s, key)
	other := newComment(key, 1)
	other.Status = comment.Approved
	create(t, s, other, webhookJob(other.Author, "https://lain.example/"), comment.Job{Kind: "mail", Payload: "bukan json"})
	for i := range 2 {
		c := newComment(key, 10+i)
		c.Author, c.Email, c.AuthorURL, c.Raw, c.Status = erasedName, erasedMail, erasedURL, keptText+strings.Repeat("!", i), comment.Approved
		create(t, s, c, webhookJob(c.Author, c.AuthorURL),
			comment.Job{Kind: "mail.approved", Payload: `{"comment_id":` + comment.IDMark + `}`})
	}
	due, err := s.DueJobs(ctx, 100)
	if err != nil || len(due) != 6 {
		t.Fatalf("due jobs %d, %v", len(due), err)
	}
	// One of theirs and the other reader's webhook were delivered; the
	// others failed once and are due again (a store may lease claimed jobs).
	deliveredTheirs := false
	for _, j := range due {
		var err error
		switch {
		case strings.Contains(j.Payload, "lain.example"):
			err = s.JobDone(ctx, j.ID)
		case strings.Contains(j.Payload, "Qwerty") && !deliveredTheirs:
			err, deliveredTheirs = s.JobDone(ctx, j.ID), true
		default:
			err = s.JobFailed(ctx, j.ID, "timeout", time.Now().Add(-time.Second))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if found, _ := s.List(ctx, comment.Filter{Status: comment.Approved, Article: key, Query: "Zxcvbnmasd"}); len(found) != 2 {
		t.Fatalf("search by the name before erase found %d", len(found))
	}

	n, _, err := s.EraseByEmail(ctx, erasedMail, del, audit(comment.AuditPrivacyErase))
	if err != nil || n != 2 {
		t.Fatalf("erased %d, %v", n, err)
	}
	if found, _ := s.List(ctx, comment.Filter{Status: comment.Approved, Article: key, Query: "Zxcvbnmasd"}); len(found) != 0 {
		t.Errorf("search by the erased name finds %d comments", len(found))
	}
	if found, _ := s.List(ctx, comment.Filter{Status: comment.Approved, Article: key, Query: "Ampera"}); !del && len(found) != 2 {
		t.Errorf("search by the kept text finds %d, want 2", len(found))
	}
	left, err := s.DueJobs(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	var theirs, plain int
	for _, j := range left {
		if strings.Contains(j.Payload, "Qwerty") || strings.Contains(j.Payload, "jejak") {
			t.Errorf("waiting job %d keeps %s", j.ID, j.Payload)
		}
		switch {
		case strings.HasPrefix(j.Payload, "bukan json"):
			plain++
		case strings.Contains(j.Payload, comment.AnonymousName) || strings.Contains(j.Payload, "comment_id"):
			theirs++
		}
	}
	// Waiting: their second webhook and their two mails (anonymised), or
	// none of them after a delete; the other reader's mail stays as it was.
	if want := map[bool]int{false: 3, true: 0}[del]; theirs != want || plain != 1 {
		t.Errorf("waiting after erase: %d of theirs (want %d), %d not JSON (want 1)", theirs, want, plain)
	}
	// Their delivered job is gone; the other reader's delivered one stays.
	if n, err := s.PruneOutbox(ctx, time.Now().Add(time.Hour)); err != nil || n != 1 {
		t.Errorf("delivered jobs left after erase: %d (%v), want only the other reader's", n, err)
	}
}

// Delivered jobs and jobs given up go after the retention; waiting ones
// stay whatever their age; the deletion goes in batches to the end.
func testPruneOutbox(t *testing.T, s comment.Store) {
	ctx := context.Background()
	const n = 520 // beyond one batch of either store
	jobs := make([]comment.Job, n+2)
	for i := range jobs {
		jobs[i] = comment.Job{Kind: "webhook", Payload: `{"author":"Nama"}`}
	}
	if err := s.Enqueue(ctx, jobs); err != nil {
		t.Fatal(err)
	}
	due, err := s.DueJobs(ctx, n+2)
	if err != nil || len(due) != n+2 {
		t.Fatalf("due %d, %v", len(due), err)
	}
	for _, j := range due[:n-1] {
		if err := s.JobDone(ctx, j.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.JobAbandoned(ctx, due[n-1].ID, "gone"); err != nil {
		t.Fatal(err)
	}
	if err := s.JobFailed(ctx, due[n].ID, "timeout", time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := s.JobFailed(ctx, due[n+1].ID, "timeout", time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if pruned, err := s.PruneOutbox(ctx, time.Now().Add(-time.Hour)); err != nil || pruned != 0 {
		t.Fatalf("a cutoff before every job pruned %d, %v", pruned, err)
	}
	if pruned, err := s.PruneOutbox(ctx, time.Now().Add(time.Hour)); err != nil || pruned != n {
		t.Fatalf("pruned %d, %v; want %d (delivered and given up)", pruned, err, n)
	}
	if left, err := s.DueJobs(ctx, 10); err != nil || len(left) != 2 {
		t.Fatalf("waiting jobs after prune: %d, %v", len(left), err)
	}
}
