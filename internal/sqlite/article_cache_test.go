package sqlite

import (
	"context"
	"testing"
	"time"

	"balasan/internal/comment"
)

// TestStore_ArticleCacheFollowsChanges: the remembered article never hides
// a change made through this store.
func TestStore_ArticleCacheFollowsChanges(t *testing.T) {
	s, _ := mustOpenStore(t)
	ctx := context.Background()
	created := time.Now().Add(-time.Hour).Truncate(time.Millisecond).UTC()
	if _, err := s.EnsureArticle(ctx, comment.Article{Key: "k", CreatedAt: created}); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name   string
		change func() error
		check  func(a comment.Article) bool
	}{
		{"closed", func() error {
			return s.SetArticleState(ctx, "k", comment.StateClosed, comment.AuditEntry{Moderator: "m", Action: "article_closed", CreatedAt: time.Now()})
		}, func(a comment.Article) bool { return a.State == comment.StateClosed }},
		{"url and title", func() error {
			_, err := s.EnsureArticle(ctx, comment.Article{Key: "k", URL: "https://berita.example/a", Title: "Judul", CreatedAt: time.Now()})
			return err
		}, func(a comment.Article) bool { return a.URL == "https://berita.example/a" && a.Title == "Judul" }},
		{"opened", func() error {
			return s.SetArticleState(ctx, "k", comment.StateOpen, comment.AuditEntry{Moderator: "m", Action: "article_open", CreatedAt: time.Now()})
		}, func(a comment.Article) bool { return a.State == comment.StateOpen }},
		{"imported older", func() error {
			audit := comment.AuditEntry{Moderator: "cli", Action: "import", CreatedAt: time.Now()}
			_, err := s.Import(ctx, "wxr", &audit, func(im *Import) error {
				if _, err := im.Article(comment.Article{Key: "k", CreatedAt: created}); err != nil {
					return err
				}
				c := comment.Comment{ArticleKey: "k", Author: "Lama", Raw: "lama", HTML: "<p>lama</p>", Status: comment.Approved,
					CreatedAt: created.Add(-24 * time.Hour), UpdatedAt: created}
				return im.Add(&c, "1")
			})
			return err
		}, func(a comment.Article) bool { return a.CreatedAt.Equal(created.Add(-24 * time.Hour)) }},
	}
	for _, st := range steps {
		if _, err := s.Article(ctx, "k"); err != nil { // remembered now
			t.Fatal(err)
		}
		if err := st.change(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		a, err := s.Article(ctx, "k")
		if err != nil || !st.check(a) {
			t.Fatalf("%s: article %+v, %v", st.name, a, err)
		}
		e, err := s.EnsureArticle(ctx, comment.Article{Key: "k", CreatedAt: time.Now()})
		if err != nil || !st.check(e) {
			t.Fatalf("%s: EnsureArticle %+v, %v", st.name, e, err)
		}
	}
}
