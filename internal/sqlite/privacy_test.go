package sqlite

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"balasan/internal/comment"
	"balasan/internal/secret"
)

func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	var all []byte
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

func TestStore_PlaintextEmailsMigrateInPlace(t *testing.T) {
	ctx := context.Background()
	s, path := mustOpenStore(t)
	if _, err := s.EnsureArticle(ctx, comment.Article{Key: "a", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	const plain = "lama.sekali@contoh-lama.test"
	var ids []int64
	for i := 0; i < 50; i++ {
		c := comment.Comment{ArticleKey: "a", Author: "Pembaca", Email: "x@y.test", Raw: "teks " + strings.Repeat("x", i),
			HTML: "<p>teks</p>", Status: comment.Approved, CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if err := s.CreateComment(ctx, &c, nil); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	// A database from before encryption at rest: plain addresses, no hashes.
	if _, err := s.w.ExecContext(ctx, `UPDATE comments SET email = ?, email_hash = ''`, plain); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, `DELETE FROM settings WHERE name = ?`, settingEmailsSealed); err != nil {
		t.Fatal(err) // an old database never had the mark
	}
	s.Close()
	if !bytes.Contains(fileBytes(t, path), []byte(plain)) {
		t.Fatal("the old database does not hold the plain address: the test proves nothing")
	}

	box, _ := secret.New(make([]byte, secret.KeySize))
	s2, err := Open(ctx, path, box)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	for _, id := range ids {
		c, err := s2.Comment(ctx, id)
		if err != nil || c.Email != plain {
			t.Fatalf("comment %d after migration: %q %v", id, c.Email, err)
		}
	}
	var stored, hash string
	s2.r.QueryRowContext(ctx, `SELECT email, email_hash FROM comments WHERE id = ?`, ids[0]).Scan(&stored, &hash)
	if !secret.Sealed(stored) || hash != box.Hash(plain) {
		t.Errorf("stored %q hash %q", stored, hash)
	}
	if found, _ := s2.CommentsByEmail(ctx, strings.ToUpper(plain)); len(found) != len(ids) {
		t.Error("lookup by email fails after migration")
	}
	if bytes.Contains(fileBytes(t, path), []byte(plain)) {
		t.Error("the plain address survives in the database file after migration")
	}
}

func TestStore_EraseIPsUsesItsIndex(t *testing.T) {
	s, _ := mustOpenStore(t)
	rows, err := s.r.Query(`EXPLAIN QUERY PLAN SELECT id FROM comments WHERE (ip <> '' OR user_agent <> '') AND created_at < ? LIMIT 500`, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		rows.Scan(&id, &parent, &notused, &detail)
		plan = append(plan, detail)
	}
	if !strings.Contains(strings.Join(plan, ";"), "comments_ip_kept") {
		t.Errorf("retention query plan: %v", plan)
	}
}

// TestStore_EraseIPsInBatches: more comments than one batch are all
// erased, batch after batch, and newer ones keep their address.
func TestStore_EraseIPsInBatches(t *testing.T) {
	s, _ := mustOpenStore(t)
	ctx := context.Background()
	s.EnsureArticle(ctx, comment.Article{Key: "k", CreatedAt: time.Now()})
	const old = 2*ipBatch + 7
	if _, err := s.w.Exec(`WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ?)
		INSERT INTO comments (article_key, author, email, email_hash, ip, user_agent, raw_content, content_html, status, moderation_hash, created_at, updated_at)
		SELECT 'k', 'Pembaca', '', '', '10.0.0.' || (i % 250), 'Peramban', 'lama ' || i, '', 'pending', lower(hex(randomblob(16))),
			CASE WHEN i < ? THEN 1000 ELSE 9000 END, 0 FROM c`, old+3, old); err != nil {
		t.Fatal(err)
	}
	n, err := s.EraseIPs(ctx, time.UnixMilli(5000))
	if err != nil || n != old {
		t.Fatalf("erased %d (%v), want %d", n, err, old)
	}
	var kept, left int
	s.r.QueryRow(`SELECT COUNT(*) FROM comments WHERE ip <> '' AND created_at >= 5000`).Scan(&kept)
	s.r.QueryRow(`SELECT COUNT(*) FROM comments WHERE (ip <> '' OR user_agent <> '') AND created_at < 5000`).Scan(&left)
	if kept != 3 || left != 0 {
		t.Fatalf("newer kept %d (want 3), older left %d", kept, left)
	}
}
