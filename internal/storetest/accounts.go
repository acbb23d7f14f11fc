package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"balasan/internal/comment"
)

func testArticles(t *testing.T, s comment.Store) {
	ctx := context.Background()
	created := now().Add(-time.Hour)
	a, err := s.EnsureArticle(ctx, comment.Article{Key: "k", CreatedAt: created})
	if err != nil || a.Key != "k" || a.URL != "" || a.State != comment.StateAuto || !a.CreatedAt.Equal(created) {
		t.Fatalf("new article %+v, %v", a, err)
	}
	// The first page to name a URL and a title wins; later ones change nothing.
	a, _ = s.EnsureArticle(ctx, comment.Article{Key: "k", URL: "https://berita.example/1", Title: "Satu", CreatedAt: now()})
	b, _ := s.EnsureArticle(ctx, comment.Article{Key: "k", URL: "https://evil.example/", Title: "Lain", CreatedAt: now()})
	if a.URL != "https://berita.example/1" || b.URL != a.URL || b.Title != "Satu" || !b.CreatedAt.Equal(created) {
		t.Fatalf("after naming: %+v then %+v", a, b)
	}
	if err := s.SetArticleState(ctx, "k", comment.StateClosed, audit("close")); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Article(ctx, "k"); got.State != comment.StateClosed {
		t.Fatalf("state %q", got.State)
	}
	if _, err := s.Article(ctx, "missing"); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("missing article: %v", err)
	}
	article(t, s, "no-url")
	articles, err := s.ArticlesByKey(ctx, []string{"k", "no-url", "missing"})
	urls := map[string]string{}
	for k, a := range articles {
		if a.URL != "" {
			urls[k] = a.URL
		}
	}
	if err != nil || len(articles) != 2 || len(urls) != 1 || urls["k"] != "https://berita.example/1" {
		t.Fatalf("ArticlesByKey: URLs %v of %d articles, %v", urls, len(articles), err)
	}
}

func moderator(t *testing.T, s comment.Store, name string, role comment.Role) comment.Moderator {
	t.Helper()
	m := comment.Moderator{Username: name, PasswordHash: "hash-" + name, Role: role, Lang: "id", CreatedAt: now()}
	if err := s.CreateModerator(context.Background(), &m); err != nil || m.ID == 0 {
		t.Fatalf("CreateModerator(%s): id %d, %v", name, m.ID, err)
	}
	return m
}

func testModerators(t *testing.T, s comment.Store) {
	ctx := context.Background()
	if n, err := s.CountModerators(ctx); err != nil || n != 0 {
		t.Fatalf("CountModerators = %d, %v", n, err)
	}
	moderator(t, s, "redaksi", comment.RoleAdmin)
	budi := moderator(t, s, "Budi", comment.RoleModerator)
	dup := comment.Moderator{Username: "BUDI", PasswordHash: "x", Role: comment.RoleModerator, CreatedAt: now()}
	if err := s.CreateModerator(ctx, &dup); comment.ErrorCode(err) != comment.EConflict {
		t.Fatalf("a taken username in capitals: %v", err)
	}
	got, err := s.ModeratorByName(ctx, "budi")
	if err != nil || got.ID != budi.ID || got.Username != "Budi" || got.PasswordHash != "hash-Budi" {
		t.Fatalf("ModeratorByName = %+v, %v", got, err)
	}
	if _, err := s.ModeratorByName(ctx, "nobody"); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("unknown name: %v", err)
	}
	budi.Lang, budi.PasswordHash = "en", "new"
	if err := s.UpdateModerator(ctx, budi, false); err != nil {
		t.Fatal(err)
	}
	list, err := s.Moderators(ctx)
	if err != nil || len(list) != 2 || list[0].Username != "Budi" || list[0].Lang != "en" || list[1].Username != "redaksi" {
		t.Fatalf("Moderators = %+v, %v", list, err)
	}
	if err := s.DeleteModerator(ctx, budi.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountModerators(ctx); n != 1 {
		t.Fatalf("%d moderators after delete", n)
	}
}

// The last enabled admin can be neither demoted, disabled nor removed;
// with a second admin each can.
func testLastAdmin(t *testing.T, s comment.Store) {
	ctx := context.Background()
	admin := moderator(t, s, "admin", comment.RoleAdmin)
	mod := moderator(t, s, "mod", comment.RoleModerator)
	demoted, disabled := admin, admin
	demoted.Role, disabled.Disabled = comment.RoleModerator, true
	for name, err := range map[string]error{
		"demote":  s.UpdateModerator(ctx, demoted, false),
		"disable": s.UpdateModerator(ctx, disabled, true),
		"delete":  s.DeleteModerator(ctx, admin.ID),
	} {
		if !errors.Is(err, comment.ErrLastAdmin) {
			t.Errorf("%s the last admin: %v", name, err)
		}
	}
	if got, _ := s.ModeratorByName(ctx, "admin"); got.Role != comment.RoleAdmin || got.Disabled {
		t.Fatalf("the refused change was stored: %+v", got)
	}
	admin.PasswordHash = "new"
	if err := s.UpdateModerator(ctx, admin, true); err != nil {
		t.Fatalf("a new password of the last admin: %v", err)
	}
	mod.Role = comment.RoleAdmin
	if err := s.UpdateModerator(ctx, mod, false); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateModerator(ctx, demoted, false); err != nil {
		t.Fatalf("demote with another admin: %v", err)
	}
}

// Two admins disabling each other at the same time: one must stay. Each
// round races the survivor of the last against a new admin.
func testLastAdminAtOnce(t *testing.T, s comment.Store) {
	ctx := context.Background()
	survivor := moderator(t, s, "admin-0", comment.RoleAdmin)
	for round := 1; round <= 5; round++ {
		racers := []comment.Moderator{survivor, moderator(t, s, fmt.Sprintf("admin-%d", round), comment.RoleAdmin)}
		var wg sync.WaitGroup
		for _, m := range racers {
			wg.Go(func() {
				m.Disabled = true
				if err := s.UpdateModerator(ctx, m, true); err != nil && !errors.Is(err, comment.ErrLastAdmin) {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		list, _ := s.Moderators(ctx)
		var active []comment.Moderator
		for _, m := range list {
			if m.IsActiveAdmin() {
				active = append(active, m)
			}
		}
		if len(active) != 1 {
			t.Fatalf("round %d: %d enabled admins left, want 1", round, len(active))
		}
		survivor = active[0]
	}
}

func testSessions(t *testing.T, s comment.Store) {
	ctx := context.Background()
	m := moderator(t, s, "redaksi", comment.RoleAdmin)
	other := moderator(t, s, "budi", comment.RoleModerator)
	expires := now().Add(time.Hour)
	if err := s.CreateSession(ctx, "tok", "csrf", m.ID, expires); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateSession(ctx, "old", "csrf", m.ID, now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateSession(ctx, "budi", "c2", other.ID, expires); err != nil {
		t.Fatal(err)
	}
	ses, err := s.SessionByHash(ctx, "tok")
	if err != nil || ses.CSRF != "csrf" || ses.Moderator.ID != m.ID || ses.Moderator.Role != comment.RoleAdmin ||
		!ses.ExpiresAt.Equal(expires) {
		t.Fatalf("SessionByHash = %+v, %v", ses, err)
	}
	if _, err := s.SessionByHash(ctx, "old"); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("expired session: %v", err)
	}
	other.Disabled = true
	if err := s.UpdateModerator(ctx, other, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionByHash(ctx, "budi"); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("session of a disabled moderator: %v", err)
	}
	m.PasswordHash = "new"
	if err := s.UpdateModerator(ctx, m, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionByHash(ctx, "tok"); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("session after a new password: %v", err)
	}
	s.CreateSession(ctx, "tok2", "c", m.ID, expires)
	if err := s.DeleteSession(ctx, "tok2"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionByHash(ctx, "tok2"); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("session after logout: %v", err)
	}
}
