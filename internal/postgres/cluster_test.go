package postgres

import (
	"context"
	"testing"
	"time"

	"balasan/internal/comment"
	"balasan/internal/pgtest"
	"balasan/internal/secret"
)

// twoStores opens two stores on one database, as two instances would.
func twoStores(t *testing.T) (*Store, *Store) {
	t.Helper()
	url := pgtest.URL(t)
	box, _ := secret.New(make([]byte, secret.KeySize))
	var out [2]*Store
	for i := range out {
		s, err := Open(context.Background(), url, box)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		out[i] = s
	}
	return out[0], out[1]
}

func nextChange(t *testing.T, ch <-chan comment.Change) comment.Change {
	t.Helper()
	select {
	case c := <-ch:
		return c
	case <-time.After(time.Second):
		t.Fatal("no change heard within a second")
		return comment.Change{}
	}
}

// What instance B changes reaches instance A: an approval names its
// article, a settings save says so; a new pending comment (the common
// write) sends nothing, so the first message is the approval's.
func TestChanges_AcrossInstances(t *testing.T) {
	a, b := twoStores(t)
	ctx := t.Context()
	ch, err := a.Changes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"menunggu", "disetujui"} {
		if _, err := b.EnsureArticle(ctx, comment.Article{Key: key, CreatedAt: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	pending := &comment.Comment{ArticleKey: "menunggu", Author: "A", Raw: "x", HTML: "x", Status: comment.Pending, Hash: "h1"}
	if err := b.CreateComment(ctx, pending, nil); err != nil {
		t.Fatal(err)
	}
	c := &comment.Comment{ArticleKey: "disetujui", Author: "B", Raw: "y", HTML: "y", Status: comment.Pending, Hash: "h2"}
	if err := b.CreateComment(ctx, c, nil); err != nil {
		t.Fatal(err)
	}
	c.PrevStatus, c.Status = c.Status, comment.Approved
	if err := b.UpdateStatus(ctx, c, comment.AuditEntry{Action: "approve", Moderator: "m"}, nil); err != nil {
		t.Fatal(err)
	}
	if got := nextChange(t, ch); got.Article != "disetujui" {
		t.Fatalf("first change %+v, want the approval's article", got)
	}
	if err := b.SaveSettings(ctx, map[string]string{comment.SettingModerationKeys: "judi"}, comment.AuditEntry{Action: "settings", Moderator: "m"}); err != nil {
		t.Fatal(err)
	}
	if got := nextChange(t, ch); !got.Settings {
		t.Fatalf("change %+v, want settings", got)
	}
	if err := b.PingWrite(ctx); err != nil { // the readiness check's write sends nothing
		t.Fatal(err)
	}
	if err := b.SetArticle(ctx, comment.Article{Key: "menunggu", Title: "Judul baru", CreatedAt: time.Now()}, comment.AuditEntry{}); err != nil {
		t.Fatal(err)
	}
	if got := nextChange(t, ch); got.Article != "menunggu" {
		t.Fatalf("change %+v, want the retitled article", got)
	}
}

// A lost listening connection is taken up again, and since changes may
// have been missed meanwhile, All is reported.
func TestChanges_Reconnect(t *testing.T) {
	a, b := twoStores(t)
	ctx := t.Context()
	ch, err := a.Changes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.db.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	if got := nextChange(t, ch); !got.All {
		t.Fatalf("after a lost connection: %+v, want All", got)
	}
	if err := b.SaveSettings(ctx, map[string]string{comment.SettingModerationKeys: "x"}, comment.AuditEntry{Action: "settings", Moderator: "m"}); err != nil {
		t.Fatal(err)
	}
	if got := nextChange(t, ch); !got.Settings {
		t.Fatalf("after listening again: %+v", got)
	}
}

// A background job runs on one instance at a time: while A runs it, B
// skips; once A is done, B runs it.
func TestExclusive_OneInstanceAtATime(t *testing.T) {
	a, b := twoStores(t)
	ctx := t.Context()
	inside, release := make(chan struct{}), make(chan struct{})
	done := make(chan bool)
	go func() {
		ran, err := a.Exclusive(ctx, "ip-retention", func(context.Context) { close(inside); <-release })
		if err != nil {
			t.Error(err)
		}
		done <- ran
	}()
	<-inside
	ran, err := b.Exclusive(ctx, "ip-retention", func(context.Context) { t.Error("ran on both instances at once") })
	if err != nil || ran {
		t.Fatalf("B while A runs: ran %v, %v", ran, err)
	}
	if ran, err := b.Exclusive(ctx, "outbox-prune", func(context.Context) {}); err != nil || !ran {
		t.Fatalf("another job was blocked: %v %v", ran, err)
	}
	close(release)
	if !<-done {
		t.Fatal("A did not run")
	}
	if ran, err := b.Exclusive(ctx, "ip-retention", func(context.Context) {}); err != nil || !ran {
		t.Fatalf("B after A: ran %v, %v", ran, err)
	}
}

// Failed logins count across instances in one row per key; a count past
// its window starts again; forgetting zeroes it; pruning bounds the table.
func TestLoginFailures(t *testing.T) {
	a, b := twoStores(t)
	ctx := t.Context()
	now := time.UnixMilli(time.Now().UnixMilli())
	w := 15 * time.Minute
	for i, s := range []*Store{a, b, a} {
		if err := s.FailLogin(ctx, 42, w, now.Add(time.Duration(i)*time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := b.FailedLogins(ctx, []int64{42, 7})
	if err != nil || len(got) != 1 || got[42].N != 3 || !got[42].Last.Equal(now.Add(2*time.Second)) {
		t.Fatalf("counts %+v %v", got, err)
	}
	if err := a.FailLogin(ctx, 42, w, now.Add(w+2*time.Second)); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.FailedLogins(ctx, []int64{42}); got[42].N != 1 {
		t.Fatalf("after the window: %+v", got)
	}
	if err := b.ForgetLogin(ctx, 42); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.FailedLogins(ctx, []int64{42}); got[42].N != 0 {
		t.Fatalf("forgotten: %+v", got)
	}
	for k := range int64(10) {
		if err := a.FailLogin(ctx, 100+k, w, now.Add(time.Duration(k)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	// The cutoff takes 100..102; of the 8 left, past 5 the oldest
	// (103..105) go; 42, failed last at now+w+2s, is among the newest.
	n, err := a.PruneLogins(ctx, now.Add(3*time.Minute), 5)
	if err != nil || n != 6 {
		t.Fatalf("pruned %d, %v; want 6", n, err)
	}
	got, _ = a.FailedLogins(ctx, []int64{42, 100, 104, 105, 106, 107, 108, 109})
	if len(got) != 5 {
		t.Fatalf("left %+v", got)
	}
	for _, k := range []int64{42, 106, 107, 108, 109} {
		if _, ok := got[k]; !ok {
			t.Errorf("key %d pruned, want the newest kept", k)
		}
	}
}
