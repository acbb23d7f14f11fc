package sqlite

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"balasan/internal/comment"
)

// Distinctive words of the person whose data is erased: no other term of
// the index shares a prefix with them, so FTS5's prefix compression cannot
// hide them from a byte search.
const (
	erasedName = "Qwertyuiop Zxcvbnmasd"
	erasedURL  = "https://jejak-pribadi.example/profil"
	erasedMail = "penghapus@contoh.test"
	keptText   = "Jembatan Ampera perlu dicat ulang"
)

// rawLeaks lists which of the person's values the raw bytes of the .db and
// -wal files still hold (the name also as the index's lower-case tokens).
func rawLeaks(t *testing.T, path string) []string {
	t.Helper()
	raw := bytes.ToLower(fileBytes(t, path))
	var found []string
	for _, v := range append(strings.Fields(erasedName), erasedURL, "jejak-pribadi") {
		if bytes.Contains(raw, []byte(strings.ToLower(v))) {
			found = append(found, v)
		}
	}
	return found
}

// webhookJob is a job like the webhook's: its payload names the comment
// and its author.
func webhookJob(author, url string) comment.Job {
	b, _ := json.Marshal(map[string]any{"event": "new", "id": -1, "author": author, "author_url": url})
	return comment.Job{Kind: "webhook", Payload: strings.Replace(string(b), `"id":-1`, `"id":`+comment.IDMark, 1)}
}

// TestStore_EraseLeavesNoTrace: after a privacy erase (anonymise or
// delete) and a checkpoint, neither the database file nor its WAL holds
// the person's name or URL: not the comments table, not the full-text
// index, not an outbox payload, delivered or pending.
func TestStore_EraseLeavesNoTrace(t *testing.T) {
	for _, del := range []bool{false, true} {
		name := map[bool]string{false: "anonymise", true: "delete"}[del]
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s, path := mustOpenStore(t)
			now := time.Now()
			s.EnsureArticle(ctx, comment.Article{Key: "a", CreatedAt: now})
			for i := 0; i < 40; i++ { // someone else's comments around theirs
				c := comment.Comment{ArticleKey: "a", Author: "Pembaca Lain", Email: "lain@contoh.test",
					Raw: "komentar biasa nomor " + strings.Repeat("x", i), HTML: "<p>biasa</p>", Status: comment.Approved,
					CreatedAt: now, UpdatedAt: now}
				if err := s.CreateComment(ctx, &c, nil); err != nil {
					t.Fatal(err)
				}
			}
			var ids []int64
			for i := 0; i < 3; i++ {
				c := comment.Comment{ArticleKey: "a", Author: erasedName, Email: erasedMail, AuthorURL: erasedURL,
					Raw: keptText + strings.Repeat("!", i), HTML: "<p>" + keptText + "</p>", Status: comment.Approved,
					Notify: comment.NotifyConfirmed, CreatedAt: now, UpdatedAt: now}
				if err := s.CreateComment(ctx, &c, []comment.Job{webhookJob(c.Author, c.AuthorURL),
					{Kind: "mail.approved", Payload: `{"comment_id":` + comment.IDMark + `}`}}); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, c.ID)
			}
			if err := s.indexAll(ctx, 0); err != nil {
				t.Fatal(err)
			}
			// One of their notices was delivered, the others still wait.
			jobs, err := s.DueJobs(ctx, 100)
			if err != nil || len(jobs) != 6 {
				t.Fatalf("due jobs %d, %v", len(jobs), err)
			}
			if err := s.JobDone(ctx, jobs[0].ID); err != nil {
				t.Fatal(err)
			}
			if found, _ := s.List(ctx, comment.Filter{Status: comment.Approved, Query: "Zxcvbnmasd"}); len(found) != 3 {
				t.Fatalf("search by the name before erase found %d", len(found))
			}
			if leaks := rawLeaks(t, path); len(leaks) < 3 {
				t.Fatalf("before erase the file holds only %v: the test proves nothing", leaks)
			}

			n, _, err := s.EraseByEmail(ctx, erasedMail, del, comment.AuditEntry{Moderator: "cli", Action: "privacy_erase", CreatedAt: now})
			if err != nil || n != 3 {
				t.Fatalf("erased %d, %v", n, err)
			}
			if leaks := rawLeaks(t, path); len(leaks) > 0 {
				t.Errorf("after erase the .db or -wal file still holds %v", leaks)
			}
			if found, _ := s.List(ctx, comment.Filter{Status: comment.Approved, Query: "Zxcvbnmasd"}); len(found) != 0 {
				t.Errorf("search by the erased name finds %d comments", len(found))
			}
			if !del {
				// The text stays, and stays searchable.
				if found, _ := s.List(ctx, comment.Filter{Status: comment.Approved, Query: "Ampera"}); len(found) != 3 {
					t.Errorf("search by the kept text finds %d, want 3", len(found))
				}
			}
			// Their notices still waiting are kept, with no name in them.
			due, _ := s.DueJobs(ctx, 100)
			for _, j := range due {
				if strings.Contains(j.Payload, "Qwerty") || strings.Contains(j.Payload, "jejak") {
					t.Errorf("pending job %d keeps %s", j.ID, j.Payload)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if leaks := rawLeaks(t, path); len(leaks) > 0 {
				t.Errorf("after close the .db or -wal file still holds %v", leaks)
			}
		})
	}
}

// TestStore_PruneOutbox: delivered jobs older than the cutoff and jobs
// given up long ago are deleted, in batches; waiting jobs, recent
// deliveries and recent failures stay.
func TestStore_PruneOutbox(t *testing.T) {
	ctx := context.Background()
	s, _ := mustOpenStore(t)
	const old, recent = 1000, 9000
	// old delivered (pruned), recent delivered, old waiting, old abandoned (pruned), recent abandoned
	if _, err := s.w.Exec(`WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ?)
		INSERT INTO outbox (kind, payload, next_attempt_at, created_at, sent_at)
		SELECT 'webhook', '{"id":' || i || ',"author":"Nama"}', 0, ?, ? FROM c`, pruneBatch+7, old, old+1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(`INSERT INTO outbox (kind, payload, next_attempt_at, created_at, sent_at) VALUES
		('webhook', '{}', 0, ?, ?), ('webhook', '{}', ?, ?, NULL), ('webhook', '{}', ?, ?, NULL), ('webhook', '{}', ?, ?, NULL)`,
		recent, recent, old, old, int64(neverDue), old, int64(neverDue), recent); err != nil {
		t.Fatal(err)
	}
	n, err := s.PruneOutbox(ctx, time.UnixMilli(5000))
	if err != nil || n != pruneBatch+7+1 {
		t.Fatalf("pruned %d (%v), want %d", n, err, pruneBatch+7+1)
	}
	var left, waiting int
	s.r.QueryRow(`SELECT COUNT(*) FROM outbox`).Scan(&left)
	s.r.QueryRow(`SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND next_attempt_at = ?`, old).Scan(&waiting)
	if left != 3 || waiting != 1 {
		t.Errorf("left %d rows (want 3), the waiting job kept: %d", left, waiting)
	}
}
