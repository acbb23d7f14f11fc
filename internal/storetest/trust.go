package storetest

import (
	"context"
	"testing"

	"balasan/internal/comment"
)

// A reader's URL and title are provisional and the first stays; a
// moderator's replace them and make them verified; nothing a reader sends
// changes a verified article.
func testArticleTrust(t *testing.T, s comment.Store) {
	ctx := context.Background()
	reader := func(key, u, title string) {
		t.Helper()
		// Verified in the request is ignored: a reader cannot claim it.
		if _, err := s.EnsureArticle(ctx, comment.Article{Key: key, URL: u, Title: title, Verified: true, CreatedAt: now()}); err != nil {
			t.Fatal(err)
		}
	}
	moderator := func(key, u, title string) {
		t.Helper()
		a := audit("article_edit")
		a.ArticleKey = key
		if err := s.SetArticle(ctx, comment.Article{Key: key, URL: u, Title: title, CreatedAt: now()}, a); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name            string
		do              func()
		key, url, title string
		verified        bool
	}{
		{"reader first: provisional", func() { reader("a", "https://s/1", "Satu") }, "a", "https://s/1", "Satu", false},
		{"second reader: the first stays", func() { reader("a", "https://s/2", "Dua") }, "a", "https://s/1", "Satu", false},
		{"moderator replaces", func() { moderator("a", "https://s/m", "Redaksi") }, "a", "https://s/m", "Redaksi", true},
		{"reader after a moderator: nothing changes", func() { reader("a", "https://s/3", "Tiga") }, "a", "https://s/m", "Redaksi", true},
		{"moderator may leave no page", func() { moderator("a", "", "Tanpa Halaman") }, "a", "", "Tanpa Halaman", true},
		{"reader cannot fill a verified empty URL", func() { reader("a", "https://s/4", "") }, "a", "", "Tanpa Halaman", true},
		{"moderator on an unknown article creates it", func() { moderator("d", "", "Baru") }, "d", "", "Baru", true},
		{"reader naming nothing", func() { reader("e", "", "") }, "e", "", "", false},
		{"another reader's article", func() { reader("c", "https://s/c", "C") }, "c", "https://s/c", "C", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.do()
			a, err := s.Article(ctx, tt.key)
			if err != nil {
				t.Fatal(err)
			}
			if a.URL != tt.url || a.Title != tt.title || a.Verified != tt.verified {
				t.Errorf("got %q %q verified=%v, want %q %q verified=%v", a.URL, a.Title, a.Verified, tt.url, tt.title, tt.verified)
			}
		})
	}
	unverified, err := provisional(ctx, s, []string{"a", "c", "d", "e", "none"})
	if err != nil || len(unverified) != 1 || !unverified["c"] {
		t.Errorf("provisional = %v (%v), want only c (e names nothing)", unverified, err)
	}
	if none, err := provisional(ctx, s, nil); err != nil || len(none) != 0 {
		t.Errorf("provisional(nil) = %v, %v", none, err)
	}
	entries, err := s.Audit(ctx, "", 0, 10)
	if err != nil || len(entries) != 3 || entries[0].Action != "article_edit" || entries[0].ArticleKey != "d" {
		t.Errorf("audit of the corrections: %+v, %v", entries, err)
	}
	// The operator's own values (the demo article) are not audited.
	if err := s.SetArticle(ctx, comment.Article{Key: "demo", Title: "Demo", CreatedAt: now()}, comment.AuditEntry{}); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Audit(ctx, "", 0, 10); len(again) != 3 {
		t.Errorf("an operator's SetArticle was audited: %d entries", len(again))
	}
}

// A moderation decision stores the comment's preview hash as given: the
// service clears it at the first decision, so the author's link stops
// showing the comment.
func testPreviewHashCleared(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "k")
	c := create(t, s, newComment("k", 1))
	if got, _ := s.Comment(ctx, c.ID); got.Hash != c.Hash || c.Hash == "" {
		t.Fatalf("stored hash %q, want %q", got.Hash, c.Hash)
	}
	c.Status, c.PrevStatus, c.Hash, c.UpdatedAt = comment.Approved, comment.Pending, "", now()
	if err := s.UpdateStatus(ctx, c, audit("approve"), nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Comment(ctx, c.ID); got.Hash != "" || got.Status != comment.Approved {
		t.Fatalf("after approval: hash %q status %s", got.Hash, got.Status)
	}
}

// provisional is which of keys name an article whose URL or title came
// only from a reader, as the dashboard reads it (ArticlesByKey).
func provisional(ctx context.Context, s comment.Store, keys []string) (map[string]bool, error) {
	articles, err := s.ArticlesByKey(ctx, keys)
	out := map[string]bool{}
	for k, a := range articles {
		if a.Provisional() {
			out[k] = true
		}
	}
	return out, err
}
