package app

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"balasan/internal/comment"
	"balasan/internal/secret"
	"balasan/internal/sqlite"
)

func TestIPJanitor_ErasesOnlyOlderThanRetention(t *testing.T) {
	ctx := context.Background()
	box, _ := secret.New(make([]byte, secret.KeySize))
	st, err := sqlite.Open(ctx, t.TempDir()+"/b.db", box)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	if _, err := st.EnsureArticle(ctx, comment.Article{Key: "a", CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	ages := []time.Duration{31 * 24 * time.Hour, 29 * 24 * time.Hour, time.Hour}
	var ids []int64
	for i, age := range ages {
		c := comment.Comment{ArticleKey: "a", Author: "A", Email: "a@b.test", IP: "203.0.113.1", UserAgent: "Firefox",
			Raw: "x", HTML: "<p>x</p>", Status: comment.Approved, CreatedAt: now.Add(-age), UpdatedAt: now}
		c.Raw += string(rune('a' + i))
		if err := st.CreateComment(ctx, &c, nil); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	clock := now
	j := &ipJanitor{Store: st, Retention: 30 * 24 * time.Hour, Now: func() time.Time { return clock },
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	check := func(step string, wantKept ...bool) {
		t.Helper()
		for i, id := range ids {
			c, err := st.Comment(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			kept := c.IP != "" || c.UserAgent != ""
			if kept != wantKept[i] || (!kept && (c.IP != "" || c.UserAgent != "")) {
				t.Errorf("%s: comment %d aged %v: ip %q agent %q", step, i, ages[i], c.IP, c.UserAgent)
			}
			if c.Author != "A" || c.Email != "a@b.test" {
				t.Errorf("%s: erased more than the IP: %+v", step, c)
			}
		}
	}
	j.run(ctx)
	check("now", false, true, true)
	clock = now.Add(2 * 24 * time.Hour)
	j.run(ctx)
	check("two days later", false, false, true)
}
