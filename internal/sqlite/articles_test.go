package sqlite

import (
	"context"
	"testing"
	"time"

	"balasan/internal/comment"
)

// TestStore_ArticleTrustSources: a reader's values are provisional and the
// first one stays; an import or a moderator replaces them and makes them
// verified; nothing a reader sends changes a verified article.
func TestStore_ArticleTrustSources(t *testing.T) {
	s, _ := mustOpenStore(t)
	ctx := context.Background()
	now := time.Now()
	reader := func(key, u, title string) {
		t.Helper()
		if _, err := s.EnsureArticle(ctx, comment.Article{Key: key, URL: u, Title: title, Verified: true, CreatedAt: now}); err != nil {
			t.Fatal(err)
		}
	}
	imported := func(key, u, title string) {
		t.Helper()
		audit := &comment.AuditEntry{Moderator: "import", Action: "import", CreatedAt: now}
		if _, err := s.Import(ctx, "wxr", audit, func(im *Import) error {
			_, err := im.Article(comment.Article{Key: key, URL: u, Title: title, CreatedAt: now})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	moderator := func(key, u, title string) {
		t.Helper()
		audit := comment.AuditEntry{Moderator: "redaksi", Action: "article_edit", ArticleKey: key, CreatedAt: now}
		if err := s.SetArticle(ctx, comment.Article{Key: key, URL: u, Title: title, CreatedAt: now}, audit); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name      string
		do        func()
		key       string
		wantURL   string
		wantTitle string
		verified  bool
	}{
		{"reader first: provisional even if it claims otherwise", func() { reader("a", "https://s/1", "Satu") }, "a", "https://s/1", "Satu", false},
		{"second reader: first stays", func() { reader("a", "https://s/2", "Dua") }, "a", "https://s/1", "Satu", false},
		{"import replaces", func() { imported("a", "https://s/impor", "Impor") }, "a", "https://s/impor", "Impor", true},
		{"reader after import: nothing changes", func() { reader("a", "https://s/3", "Tiga") }, "a", "https://s/impor", "Impor", true},
		{"moderator replaces", func() { moderator("a", "https://s/m", "Redaksi") }, "a", "https://s/m", "Redaksi", true},
		{"import again keeps the moderator's", func() { imported("a", "https://s/impor", "Impor") }, "a", "https://s/m", "Redaksi", true},
		{"import with a title only drops the reader's URL", func() { reader("b", "https://s/b", "B"); imported("b", "", "Judul B") }, "b", "", "Judul B", true},
		{"import naming nothing leaves it provisional", func() { reader("c", "https://s/c", "C"); imported("c", "", "") }, "c", "https://s/c", "C", false},
		{"moderator on an unknown article creates it", func() { moderator("d", "", "Baru") }, "d", "", "Baru", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.do()
			a, err := s.Article(ctx, tt.key)
			if err != nil {
				t.Fatal(err)
			}
			if a.URL != tt.wantURL || a.Title != tt.wantTitle || a.Verified != tt.verified {
				t.Errorf("got %q %q verified=%v, want %q %q verified=%v", a.URL, a.Title, a.Verified, tt.wantURL, tt.wantTitle, tt.verified)
			}
		})
	}
	articles, err := s.ArticlesByKey(ctx, []string{"a", "b", "c", "d", "none"})
	unverified := map[string]bool{}
	for k, a := range articles {
		if a.Provisional() {
			unverified[k] = true
		}
	}
	if err != nil || len(unverified) != 1 || !unverified["c"] {
		t.Errorf("provisional = %v (%v), want only c", unverified, err)
	}
}

// TestStore_MigratesArticleTrust: a version-2 database gets the verified
// column, and its articles, whose source nobody knows, are unverified.
func TestStore_MigratesArticleTrust(t *testing.T) {
	s, path := mustOpenStore(t)
	ctx := context.Background()
	for _, q := range []string{
		`ALTER TABLE articles DROP COLUMN verified`,
		`INSERT INTO articles (key, url, title, created_at) VALUES ('lama', 'https://s/lama', 'Judul Lama', 0)`,
		`PRAGMA user_version = 2`,
	} {
		if _, err := s.w.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	s.Close()
	s2, err := Open(ctx, path, s.box)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var version int
	s2.w.QueryRow(`PRAGMA user_version`).Scan(&version)
	a, err := s2.Article(ctx, "lama")
	if err != nil || version != len(steps) || a.Verified || a.Title != "Judul Lama" {
		t.Fatalf("after migration: version %d article %+v (%v)", version, a, err)
	}
}
