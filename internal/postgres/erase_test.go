package postgres

import (
	"context"
	"errors"
	"testing"

	"balasan/internal/comment"
	"balasan/internal/pgtest"
	"balasan/internal/secret"
)

// TestStore_EraseLeavesNoRow: after a privacy erase no live row of any
// table holds the person's name or URL, in any column (the generated
// search vector included), whatever the port shows.
func TestStore_EraseLeavesNoRow(t *testing.T) {
	for _, del := range []bool{false, true} {
		t.Run(map[bool]string{false: "anonymise", true: "delete"}[del], func(t *testing.T) {
			s := mustOpenStore(t)
			ctx := context.Background()
			s.EnsureArticle(ctx, comment.Article{Key: "k"})
			for i := range 2 {
				c := &comment.Comment{ArticleKey: "k", Author: "Qwertyuiop Zxcvbnmasd", Email: "hapus@contoh.test",
					AuthorURL: "https://jejak-pribadi.example/", Raw: "teks biasa " + string(rune('a'+i)), HTML: "x",
					Status: comment.Approved}
				job := comment.Job{Kind: "webhook", Payload: `{"id":` + comment.IDMark +
					`,"author":"Qwertyuiop Zxcvbnmasd","author_url":"https://jejak-pribadi.example/"}`}
				if err := s.CreateComment(ctx, c, []comment.Job{job}); err != nil {
					t.Fatal(err)
				}
			}
			due, _ := s.DueJobs(ctx, 10)
			s.JobDone(ctx, due[0].ID)
			leaks := func() (n int) {
				t.Helper()
				err := s.db.QueryRow(ctx, `SELECT
					(SELECT COUNT(*) FROM comments c WHERE c::text ILIKE '%qwertyuiop%' OR c::text ILIKE '%jejak%') +
					(SELECT COUNT(*) FROM outbox o WHERE o::text ILIKE '%qwertyuiop%' OR o::text ILIKE '%jejak%') +
					(SELECT COUNT(*) FROM audit_log a WHERE a::text ILIKE '%qwertyuiop%' OR a::text ILIKE '%jejak%')`).Scan(&n)
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			if n := leaks(); n < 4 {
				t.Fatalf("before the erase only %d rows name the person: the test proves nothing", n)
			}
			if _, _, err := s.EraseByEmail(ctx, "hapus@contoh.test", del, comment.AuditEntry{Moderator: "cli",
				Action: comment.AuditPrivacyErase}); err != nil {
				t.Fatal(err)
			}
			if n := leaks(); n != 0 {
				t.Errorf("after the erase %d rows still name the person", n)
			}
		})
	}
}

// TestOpen_WrongKeyRefused: an instance whose key does not open the
// stored emails is refused, not left answering "nothing" to lookups.
func TestOpen_WrongKeyRefused(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	right, _ := secret.New(make([]byte, secret.KeySize))
	s, err := Open(ctx, url, right)
	if err != nil {
		t.Fatal(err)
	}
	s.EnsureArticle(ctx, comment.Article{Key: "k"})
	c := &comment.Comment{ArticleKey: "k", Author: "A", Email: "a@contoh.test", Raw: "x", HTML: "x", Status: comment.Pending}
	if err := s.CreateComment(ctx, c, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	other := make([]byte, secret.KeySize)
	other[0] = 1
	wrong, _ := secret.New(other)
	if s, err := Open(ctx, url, wrong); !errors.Is(err, comment.ErrWrongKey) {
		if err == nil {
			s.Close()
		}
		t.Fatalf("open with another key: %v, want ErrWrongKey", err)
	}
	s, err = Open(ctx, url, right)
	if err != nil {
		t.Fatalf("open with the right key again: %v", err)
	}
	s.Close()
}

// TestStore_MigratesArticleTrust: a version-1 database gets the verified
// column and the job reader, and its articles, whose source nobody knows,
// are unverified.
func TestStore_MigratesArticleTrust(t *testing.T) {
	url := pgtest.URL(t)
	ctx := context.Background()
	box, _ := secret.New(make([]byte, secret.KeySize))
	s, err := Open(ctx, url, box)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`ALTER TABLE articles DROP COLUMN verified`,
		`DROP FUNCTION balasan_job_comment`,
		`INSERT INTO articles (key, url, title, created_at) VALUES ('lama', 'https://s/lama', 'Judul Lama', 0)`,
		`UPDATE schema_version SET version = 1`,
	} {
		if _, err := s.db.Exec(ctx, q); err != nil {
			t.Fatal(q, err)
		}
	}
	s.Close()
	s, err = Open(ctx, url, box)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, err := s.Article(ctx, "lama")
	if err != nil || a.Verified || a.Title != "Judul Lama" {
		t.Fatalf("after migration: %+v (%v)", a, err)
	}
	var id int64
	if err := s.db.QueryRow(ctx, `SELECT balasan_job_comment('{"comment_id": 7}')`).Scan(&id); err != nil || id != 7 {
		t.Fatalf("balasan_job_comment = %d, %v", id, err)
	}
}
