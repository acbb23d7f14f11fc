// Package storetest is the conformance suite of comment.Store: every
// behaviour the domain relies on, run against each store (internal/sqlite
// and internal/postgres call Run from their tests) on a real database.
package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"balasan/internal/comment"
)

// Opener opens a new, empty store for one test and closes it when the
// test ends (t.Cleanup).
type Opener func(t *testing.T) comment.Store

// Run runs the whole suite against the stores open makes.
func Run(t *testing.T, open Opener) {
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, comment.Store)
	}{
		{"CreateAndRead", testCreateAndRead},
		{"CreateConcurrent", testCreateConcurrent},
		{"Duplicates", testDuplicates},
		{"DuplicatesAtOnce", testDuplicatesAtOnce},
		{"CountsFollowStatus", testCountsFollowStatus},
		{"DeleteMovesRepliesUp", testDeleteMovesRepliesUp},
		{"EditAndStaffReply", testEditAndStaffReply},
		{"ListKeysetPages", testListKeysetPages},
		{"Search", testSearch},
		{"ListLikelySpam", testListLikelySpam},
		{"Articles", testArticles},
		{"Moderators", testModerators},
		{"LastAdmin", testLastAdmin},
		{"LastAdminAtOnce", testLastAdminAtOnce},
		{"Sessions", testSessions},
		{"AuditAndSettings", testAuditAndSettings},
		{"Outbox", testOutbox},
		{"Privacy", testPrivacy},
		{"EraseIPs", testEraseIPs},
		{"SpamModel", testSpamModel},
		{"Notify", testNotify},
		{"Export", testExport},
		{"ArticleTrust", testArticleTrust},
		{"PreviewHashCleared", testPreviewHashCleared},
		{"EraseScrubsOutbox", testEraseScrubsOutbox},
		{"EraseDeleteScrubsOutbox", testEraseDeleteScrubsOutbox},
		{"PruneOutbox", testPruneOutbox},
		{"Tokens", testTokens},
		{"TelegramLinks", testTelegramLinks},
		{"TelegramOffset", testTelegramOffset},
		// The dashboard's data (issue 12).
		{"ListArticles", testListArticles},
		{"MatchCounts", testMatchCounts},
		{"AuthorCounts", testAuthorCounts},
		{"EmptyTrash", testEmptyTrash},
		{"DisplayName", testDisplayName},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, open(t))
		})
	}
}

// RunShared runs what a store shared by several instances must do beyond
// Run: PostgreSQL passes it; a SQLite file serves one process, whose one
// outbox worker reads due jobs without claiming them.
func RunShared(t *testing.T, open Opener) {
	t.Run("OutboxClaimedOnce", func(t *testing.T) { testOutboxClaimedOnce(t, open(t)) })
}

// now is the suite's time: whole milliseconds, as stores keep them.
func now() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }

// article makes sure an article exists.
func article(t *testing.T, s comment.Store, key string) {
	t.Helper()
	if _, err := s.EnsureArticle(context.Background(), comment.Article{Key: key, CreatedAt: now()}); err != nil {
		t.Fatal(err)
	}
}

// newComment is a pending comment of reader i on article key.
func newComment(key string, i int) *comment.Comment {
	at := now()
	return &comment.Comment{ArticleKey: key, Author: "Pembaca", Email: fmt.Sprintf("p%d@example.test", i),
		Raw: fmt.Sprintf("komentar %d", i), HTML: fmt.Sprintf("<p>komentar %d</p>", i), Status: comment.Pending,
		Hash: fmt.Sprintf("hash-%d", i), CreatedAt: at, UpdatedAt: at}
}

// create stores c or fails the test.
func create(t *testing.T, s comment.Store, c *comment.Comment, jobs ...comment.Job) *comment.Comment {
	t.Helper()
	if err := s.CreateComment(context.Background(), c, jobs); err != nil {
		t.Fatal(err)
	}
	if c.ID <= 0 {
		t.Fatalf("CreateComment set no id: %+v", c)
	}
	return c
}

// setStatus moves a comment to st through UpdateStatus.
func setStatus(t *testing.T, s comment.Store, id int64, st comment.Status) {
	t.Helper()
	c, err := s.Comment(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	c.PrevStatus, c.Status, c.UpdatedAt = c.Status, st, now()
	if err := s.UpdateStatus(context.Background(), &c, audit("status"), nil); err != nil {
		t.Fatal(err)
	}
}

func audit(action string) comment.AuditEntry {
	return comment.AuditEntry{ModeratorID: 1, Moderator: "redaksi", Action: action, CreatedAt: now()}
}

// check fails the test when the kept counts disagree with the rows.
func check(t *testing.T, s comment.Store) {
	t.Helper()
	if err := s.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func ids(cs []comment.Comment) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}
