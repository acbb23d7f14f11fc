package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"balasan/internal/comment"
)

func testAuditAndSettings(t *testing.T, s comment.Store) {
	ctx := context.Background()
	if id, err := s.LastAuditID(ctx); err != nil || id != 0 {
		t.Fatalf("LastAuditID of nothing = %d, %v", id, err)
	}
	for i, a := range []comment.AuditEntry{
		{ModeratorID: 1, Moderator: "redaksi", Action: "approve", CommentID: 7, ArticleKey: "k", CreatedAt: now()},
		{ModeratorID: 2, Moderator: "budi", Action: "spam", CreatedAt: now()},
		{Moderator: "cli", Action: "import", Detail: "wxr", CreatedAt: now()},
	} {
		var err error
		if i%2 == 0 {
			err = s.AddAudit(ctx, a)
		} else {
			err = s.RecordAudit(ctx, a)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Audit(ctx, "", 0, 10)
	if err != nil || len(all) != 3 || all[0].Action != "import" || all[2].CommentID != 7 || all[2].ArticleKey != "k" {
		t.Fatalf("Audit = %+v, %v", all, err)
	}
	if page, _ := s.Audit(ctx, "", all[0].ID, 1); len(page) != 1 || page[0].ID != all[1].ID {
		t.Fatalf("the page before %d: %+v", all[0].ID, page)
	}
	if budi, _ := s.Audit(ctx, "budi", 0, 10); len(budi) != 1 || budi[0].ModeratorID != 2 {
		t.Fatalf("budi's entries: %+v", budi)
	}
	last, _ := s.LastAuditID(ctx)
	if last != all[0].ID {
		t.Fatalf("LastAuditID %d, want %d", last, all[0].ID)
	}
	if id, _ := s.AuditAfter(ctx, all[2].ID, "import", "privacy_erase"); id != all[0].ID {
		t.Fatalf("AuditAfter = %d, want %d", id, all[0].ID)
	}
	if id, _ := s.AuditAfter(ctx, last, "import"); id != last {
		t.Fatalf("AuditAfter with nothing new = %d", id)
	}

	if err := s.SaveSettings(ctx, map[string]string{"moderation_keys": "judi\nslot", "x": "1"}, audit("settings")); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSettings(ctx, map[string]string{"x": "2"}, audit("settings")); err != nil {
		t.Fatal(err)
	}
	got, err := s.Settings(ctx)
	if err != nil || got["moderation_keys"] != "judi\nslot" || got["x"] != "2" {
		t.Fatalf("Settings = %v, %v", got, err)
	}
}

func testOutbox(t *testing.T, s comment.Store) {
	ctx := context.Background()
	err := s.Enqueue(ctx, []comment.Job{{Kind: "mail.reply", Payload: "a"}, {Kind: "webhook", Payload: "b"},
		{Kind: "mail", Payload: "c"}, {Kind: "mailer", Payload: "not mail"}})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.QueuedJobs(ctx, "mail"); n != 2 {
		t.Fatalf("QueuedJobs(mail) = %d, want 2 (mail, mail.reply)", n)
	}
	if n, _ := s.PendingJobs(ctx, "mail"); n != 1 {
		t.Fatalf("PendingJobs(mail) = %d, want 1", n)
	}
	before := now()
	due, err := s.DueJobs(ctx, 10)
	if err != nil || len(due) != 4 || due[0].Payload != "a" || due[0].Attempts != 0 {
		t.Fatalf("DueJobs = %+v, %v", due, err)
	}
	// The creation time names a delivery to its receiver (webhook-id).
	if c := due[0].CreatedAt; c.IsZero() || c.After(before) || c.Before(before.Add(-time.Minute)) {
		t.Fatalf("DueJobs created at %v, enqueued just before %v", c, before)
	}
	if err := s.JobDone(ctx, due[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.JobFailed(ctx, due[1].ID, "timeout", time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.JobAbandoned(ctx, due[2].ID, "invalid address"); err != nil {
		t.Fatal(err)
	}
	if err := s.JobFailed(ctx, due[3].ID, "timeout", time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	again, err := s.DueJobs(ctx, 10)
	if err != nil || len(again) != 1 || again[0].ID != due[3].ID || again[0].Attempts != 1 {
		t.Fatalf("due after delivery: %+v, %v", again, err)
	}
	if n, _ := s.QueuedJobs(ctx, "mail"); n != 1 {
		t.Fatalf("QueuedJobs(mail) after sending one: %d (an abandoned one stays queued)", n)
	}
}

// Workers polling at once never get the same job twice.
func testOutboxClaimedOnce(t *testing.T, s comment.Store) {
	ctx := context.Background()
	const n = 60
	jobs := make([]comment.Job, n)
	for i := range jobs {
		jobs[i] = comment.Job{Kind: "webhook", Payload: fmt.Sprint(i)}
	}
	if err := s.Enqueue(ctx, jobs); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	sent := map[int64]int{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				due, err := s.DueJobs(ctx, 5)
				if err != nil {
					t.Error(err)
					return
				}
				if len(due) == 0 {
					return
				}
				for _, j := range due {
					mu.Lock()
					sent[j.ID]++
					mu.Unlock()
					if err := s.JobDone(ctx, j.ID); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	if len(sent) != n {
		t.Fatalf("%d jobs sent, want %d", len(sent), n)
	}
	for id, times := range sent {
		if times != 1 {
			t.Fatalf("job %d sent %d times", id, times)
		}
	}
}

func testPrivacy(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "a")
	article(t, s, "b")
	mk := func(key string, i int, email string) *comment.Comment {
		c := newComment(key, i)
		c.Email, c.IP, c.UserAgent, c.AuthorURL, c.Notify = email, "10.0.0.1", "UA", "https://x.example/", comment.NotifyConfirmed
		return create(t, s, c)
	}
	a1 := mk("a", 1, "Rani@Example.test")
	b1 := mk("b", 2, "rani@example.test")
	other := mk("a", 3, "lain@example.test")
	reply := newComment("a", 4)
	reply.ParentID = a1.ID
	create(t, s, reply)
	got, err := s.CommentsByEmail(ctx, "RANI@example.test")
	if err != nil || !slices.Equal(ids(got), []int64{a1.ID, b1.ID}) || got[0].Email != "Rani@Example.test" {
		t.Fatalf("CommentsByEmail = %v, %v", ids(got), err)
	}
	n, articles, err := s.EraseByEmail(ctx, "rani@example.test", false, audit(comment.AuditPrivacyErase))
	slices.Sort(articles)
	if err != nil || n != 2 || !slices.Equal(articles, []string{"a", "b"}) {
		t.Fatalf("erase: %d %v %v", n, articles, err)
	}
	erased, _ := s.Comment(ctx, a1.ID)
	if erased.Author != comment.AnonymousName || erased.Email != "" || erased.IP != "" || erased.UserAgent != "" ||
		erased.AuthorURL != "" || erased.Notify != comment.NotifyNone || erased.Raw != a1.Raw {
		t.Fatalf("after erase: %+v", erased)
	}
	if left, _ := s.CommentsByEmail(ctx, "rani@example.test"); len(left) != 0 {
		t.Fatalf("still found by email: %v", ids(left))
	}
	if entries, _ := s.Audit(ctx, "", 0, 1); len(entries) != 1 || entries[0].Detail != "comments: 2" {
		t.Fatalf("audit of the erase: %+v", entries)
	}
	n, _, err = s.EraseByEmail(ctx, "lain@example.test", true, audit(comment.AuditPrivacyDelete))
	if err != nil || n != 1 {
		t.Fatalf("delete: %d %v", n, err)
	}
	if _, err := s.Comment(ctx, other.ID); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("deleted comment still read: %v", err)
	}
	check(t, s)
}

func testEraseIPs(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "k")
	old := newComment("k", 1)
	old.IP, old.UserAgent, old.CreatedAt = "10.0.0.1", "UA", now().Add(-48*time.Hour)
	create(t, s, old)
	var olds []int64
	for i := range 3 {
		c := newComment("k", 10+i)
		c.UserAgent, c.CreatedAt = "only an agent", now().Add(-40*time.Hour)
		olds = append(olds, create(t, s, c).ID)
	}
	fresh := newComment("k", 2)
	fresh.IP, fresh.UserAgent = "10.0.0.2", "UA"
	create(t, s, fresh)
	n, err := s.EraseIPs(ctx, now().Add(-24*time.Hour))
	if err != nil || n != 4 {
		t.Fatalf("EraseIPs = %d, %v; want 4", n, err)
	}
	for _, id := range append(olds, old.ID) {
		if c, _ := s.Comment(ctx, id); c.IP != "" || c.UserAgent != "" {
			t.Fatalf("comment %d keeps %q %q", id, c.IP, c.UserAgent)
		}
	}
	if c, _ := s.Comment(ctx, fresh.ID); c.IP != "10.0.0.2" || c.UserAgent != "UA" {
		t.Fatalf("a recent comment lost its IP: %+v", c)
	}
	if n, _ := s.EraseIPs(ctx, now().Add(-24*time.Hour)); n != 0 {
		t.Fatalf("second run changed %d", n)
	}
}

func testSpamModel(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "k")
	c := create(t, s, newComment("k", 1))
	if _, learned, err := s.SpamLabel(ctx, c.ID); err != nil || learned {
		t.Fatalf("label of an unlearned comment: %v %v", learned, err)
	}
	yes := true
	learn := comment.SpamDelta{Tokens: map[string]comment.SpamCounts{"judi": {Spam: 1}, "slot": {Spam: 2, Ham: 1}}, SpamDocs: 1}
	if err := s.SaveSpamTraining(ctx, c.ID, &yes, learn); err != nil {
		t.Fatal(err)
	}
	tokens, spamDocs, hamDocs, err := s.SpamModel(ctx)
	want := map[string]comment.SpamCounts{"judi": {Spam: 1}, "slot": {Spam: 2, Ham: 1}}
	if err != nil || !reflect.DeepEqual(tokens, want) || spamDocs != 1 || hamDocs != 0 {
		t.Fatalf("model %v %d %d %v", tokens, spamDocs, hamDocs, err)
	}
	if isSpam, learned, _ := s.SpamLabel(ctx, c.ID); !isSpam || !learned {
		t.Fatal("label not stored")
	}
	// Unlearning more than was learned stops at zero and drops empty tokens.
	unlearn := comment.SpamDelta{Tokens: map[string]comment.SpamCounts{"judi": {Spam: -1}, "slot": {Spam: -5}, "baru": {Ham: -1}},
		SpamDocs: -3, HamDocs: 2}
	if err := s.SaveSpamTraining(ctx, c.ID, nil, unlearn); err != nil {
		t.Fatal(err)
	}
	tokens, spamDocs, hamDocs, _ = s.SpamModel(ctx)
	if want := map[string]comment.SpamCounts{"slot": {Ham: 1}}; !reflect.DeepEqual(tokens, want) || spamDocs != 0 || hamDocs != 2 {
		t.Fatalf("after unlearning: %v %d %d", tokens, spamDocs, hamDocs)
	}
	if _, learned, _ := s.SpamLabel(ctx, c.ID); learned {
		t.Fatal("label kept after unlearning")
	}
}
