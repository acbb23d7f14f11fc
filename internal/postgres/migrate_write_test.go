package postgres

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"balasan/internal/comment"
	"balasan/internal/pgtest"
	"balasan/internal/secret"
)

// Two transactions inserting comments at once do not wait for each other
// on the counts (stripedCounts): the second commits while the first is
// still open, and the counts are right once both are in.
func TestCounts_WritersDoNotWaitForEachOther(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	box, _ := secret.New(make([]byte, secret.KeySize))
	s, err := Open(ctx, url, box)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.EnsureArticle(ctx, comment.Article{Key: "a", CreatedAt: s.Now()}); err != nil {
		t.Fatal(err)
	}
	insert := func(tx pgx.Tx, i int) error {
		_, err := tx.Exec(ctx, `INSERT INTO comments (article_key, author, raw_content, content_html, created_at, updated_at)
			VALUES ('a', 'Pembaca', $1, $1, 0, 0)`, "komentar "+string(rune('a'+i)))
		return err
	}
	var txs [2]pgx.Tx
	for i := range txs {
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		// Waiting on a row lock fails at once instead of hanging.
		if _, err := conn.Exec(ctx, `SET lock_timeout = '2s'`); err != nil {
			t.Fatal(err)
		}
		if txs[i], err = conn.Begin(ctx); err != nil {
			t.Fatal(err)
		}
		defer txs[i].Rollback(ctx)
	}
	if err := insert(txs[0], 0); err != nil {
		t.Fatal(err)
	}
	if err := insert(txs[1], 1); err != nil {
		t.Fatalf("the second writer waited for the first: %v", err)
	}
	if err := txs[1].Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := txs[0].Commit(ctx); err != nil {
		t.Fatal(err)
	}
	// A moderation moves a count between statuses whatever slots the
	// insert used; a delete takes it away.
	c := &comment.Comment{Status: comment.Approved, UpdatedAt: s.Now()}
	if err := s.db.QueryRow(ctx, `SELECT id FROM comments ORDER BY id LIMIT 1`).Scan(&c.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateStatus(ctx, c, comment.AuditEntry{Moderator: "redaksi", Action: "approve"}, nil); err != nil {
		t.Fatal(err)
	}
	counts, err := s.StatusCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts[comment.Pending] != 1 || counts[comment.Approved] != 1 || len(counts) != 4 {
		t.Errorf("counts %v, want 1 pending, 1 approved and all four statuses", counts)
	}
	if n, err := s.ApprovedCounts(ctx, []string{"a"}); err != nil || n["a"] != 1 {
		t.Errorf("approved count %v, %v", n, err)
	}
	if err := s.DeleteComment(ctx, c, comment.AuditEntry{Moderator: "redaksi", Action: "delete"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}
}

// The duplicate check of a new comment reads the author's comments on
// the article through one index, also on a table never analysed (a new
// database), instead of intersecting the email's and the article's
// (duplicateIndex). The plan is made for the values, as the group
// commit's sessions make theirs (plan_cache_mode).
func TestDuplicateCheck_UsesOneIndex(t *testing.T) {
	s := mustOpenStore(t)
	ctx := context.Background()
	if _, err := s.db.Exec(ctx, `INSERT INTO articles (key, created_at) SELECT 'a' || g, 0 FROM generate_series(0, 9) g;
		INSERT INTO comments (article_key, author, email_hash, raw_content, content_html, created_at, updated_at)
		SELECT 'a' || (g % 10), 'Pembaca', md5(g::text), 'komentar ' || g, 'komentar', 0, 0 FROM generate_series(1, 5000) g`); err != nil {
		t.Fatal(err)
	}
	// The hash of "7", as md5() wrote it for the seventh comment.
	rows, err := s.db.Query(ctx, `EXPLAIN SELECT 1 FROM unnest($1::text[], $2::text[], $3::text[]) AS v(email_hash, article_key, raw_content)
		WHERE NOT EXISTS (SELECT 1 FROM comments d WHERE `+duplicateSQL+`)`,
		[]string{"8f14e45fceea167a5a36dedd4bea2543"}, []string{"a7"}, []string{"komentar 7"})
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		plan += line + "\n"
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	if !strings.Contains(plan, "comments_email_article") || strings.Contains(plan, "BitmapAnd") || strings.Contains(plan, "Seq Scan on comments") {
		t.Errorf("duplicate check plan:\n%s", plan)
	}
}
