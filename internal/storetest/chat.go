package storetest

import (
	"context"
	"testing"

	"balasan/internal/comment"
)

// testTelegramLinks: a Telegram user acts as at most one account and an
// account has at most one Telegram user; each change is audited in its
// transaction, and the link goes with its account.
func testTelegramLinks(t *testing.T, s comment.Store) {
	ctx := context.Background()
	budi := moderator(t, s, "budi", comment.RoleModerator)
	sari := moderator(t, s, "sari", comment.RoleAdmin)
	if _, err := s.ModeratorByTelegram(ctx, 111); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("unlinked user: %v", err)
	}
	if err := s.LinkTelegram(ctx, budi.ID, 111, audit("moderator_telegram")); err != nil {
		t.Fatal(err)
	}
	if m, err := s.ModeratorByTelegram(ctx, 111); err != nil || m.ID != budi.ID || m.Username != "budi" {
		t.Fatalf("ModeratorByTelegram(111) = %+v, %v", m, err)
	}
	for _, tc := range []struct {
		name      string
		moderator int64
		telegram  int64
		want      comment.Code
	}{
		{"id of another account", sari.ID, 111, comment.EConflict},
		{"unknown account", budi.ID + sari.ID + 100, 222, comment.ENotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.LinkTelegram(ctx, tc.moderator, tc.telegram, audit("moderator_telegram")); comment.ErrorCode(err) != tc.want {
				t.Fatalf("LinkTelegram = %v, want %s", err, tc.want)
			}
		})
	}
	// A new id replaces the account's old one.
	if err := s.LinkTelegram(ctx, budi.ID, 333, audit("moderator_telegram")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ModeratorByTelegram(ctx, 111); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("old id still linked: %v", err)
	}
	if err := s.LinkTelegram(ctx, sari.ID, 111, audit("moderator_telegram")); err != nil {
		t.Fatalf("a freed id: %v", err)
	}
	links, err := s.TelegramLinks(ctx)
	if err != nil || len(links) != 2 || links[budi.ID] != 333 || links[sari.ID] != 111 {
		t.Fatalf("TelegramLinks = %v, %v", links, err)
	}
	if entries, _ := s.Audit(ctx, "", 0, 10); len(entries) != 3 {
		t.Fatalf("audit entries %d, want one per accepted change (3)", len(entries))
	}
	if err := s.LinkTelegram(ctx, sari.ID, 0, audit("moderator_telegram")); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteModerator(ctx, budi.ID); err != nil {
		t.Fatal(err)
	}
	if links, _ := s.TelegramLinks(ctx); len(links) != 0 {
		t.Fatalf("after unlinking sari and deleting budi: %v", links)
	}
	if _, err := s.ModeratorByTelegram(ctx, 333); comment.ErrorCode(err) != comment.ENotFound {
		t.Fatalf("a deleted account's user: %v", err)
	}
}

// testTelegramOffset: each bot's offset is kept apart and never moves back.
func testTelegramOffset(t *testing.T, s comment.Store) {
	ctx := context.Background()
	if off, err := s.TelegramOffset(ctx, "42"); err != nil || off != 0 {
		t.Fatalf("fresh offset = %d, %v", off, err)
	}
	for _, step := range []struct {
		bot        string
		save, want int64
	}{
		{"42", 100, 100},
		{"42", 105, 105},
		{"42", 101, 105}, // a late writer
		{"7", 3, 3},
	} {
		if err := s.SaveTelegramOffset(ctx, step.bot, step.save); err != nil {
			t.Fatal(err)
		}
		if off, err := s.TelegramOffset(ctx, step.bot); err != nil || off != step.want {
			t.Fatalf("after saving %d for bot %s: %d, %v; want %d", step.save, step.bot, off, err, step.want)
		}
	}
	if off, _ := s.TelegramOffset(ctx, "42"); off != 105 {
		t.Fatalf("bot 42 after bot 7 saved: %d", off)
	}
}
