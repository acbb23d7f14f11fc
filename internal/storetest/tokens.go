package storetest

import (
	"context"
	"testing"
	"time"

	"balasan/internal/comment"
)

func testTokens(t *testing.T, s comment.Store) {
	ctx := context.Background()
	if list, err := s.APITokens(ctx); err != nil || len(list) != 0 {
		t.Fatalf("APITokens on an empty store = %v, %v", list, err)
	}
	cms := comment.Token{Name: "cms", Role: comment.RoleModerator, Hash: "hash-cms", CreatedAt: now()}
	if err := s.CreateToken(ctx, &cms); err != nil || cms.ID == 0 {
		t.Fatalf("CreateToken: id %d, %v", cms.ID, err)
	}
	bot := comment.Token{Name: "Bot", Role: comment.RoleAdmin, Hash: "hash-bot", CreatedAt: now()}
	if err := s.CreateToken(ctx, &bot); err != nil {
		t.Fatal(err)
	}
	dup := comment.Token{Name: "CMS", Role: comment.RoleAdmin, Hash: "hash-other", CreatedAt: now()}
	if err := s.CreateToken(ctx, &dup); comment.ErrorCode(err) != comment.EConflict {
		t.Fatalf("a taken name in capitals: %v", err)
	}
	got, err := s.TokenByHash(ctx, "hash-cms")
	if err != nil || got.ID != cms.ID || got.Name != "cms" || got.Role != comment.RoleModerator ||
		!got.CreatedAt.Equal(cms.CreatedAt) || !got.LastUsed.IsZero() {
		t.Fatalf("TokenByHash = %+v, %v", got, err)
	}
	if _, err := s.TokenByHash(ctx, "hash-nobody"); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("unknown hash: %v", err)
	}

	used := now().Add(time.Minute)
	if err := s.TouchToken(ctx, cms.ID, used); err != nil {
		t.Fatal(err)
	}
	// An older use recorded late (two requests racing) never moves it back.
	if err := s.TouchToken(ctx, cms.ID, used.Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.TokenByHash(ctx, "hash-cms"); !got.LastUsed.Equal(used) {
		t.Fatalf("last used %v, want %v", got.LastUsed, used)
	}

	list, err := s.APITokens(ctx)
	if err != nil || len(list) != 2 || list[0].Name != "Bot" || list[1].Name != "cms" || !list[1].LastUsed.Equal(used) {
		t.Fatalf("APITokens = %+v, %v", list, err)
	}

	revoke := comment.AuditEntry{Moderator: "cli", Action: "token_revoke", Detail: "cms", CreatedAt: now()}
	if err := s.RevokeToken(ctx, "CMS", revoke); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TokenByHash(ctx, "hash-cms"); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("a revoked token still answers: %v", err)
	}
	if err := s.RevokeToken(ctx, "cms", revoke); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("revoking twice: %v", err)
	}
	entries, err := s.Audit(ctx, "cli", 0, 10)
	if err != nil || len(entries) != 1 || entries[0].Action != "token_revoke" || entries[0].Detail != "cms" {
		t.Fatalf("audit after one revocation and one refused: %+v, %v", entries, err)
	}
	// The name is free again, for a new token.
	again := comment.Token{Name: "cms", Role: comment.RoleAdmin, Hash: "hash-cms-2", CreatedAt: now()}
	if err := s.CreateToken(ctx, &again); err != nil {
		t.Fatalf("a revoked token's name taken anew: %v", err)
	}
}
