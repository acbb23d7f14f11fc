package storetest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"balasan/internal/comment"
)

// The articles list: newest first, keyset pages that neither repeat nor
// skip, counts of every status kept as comments move, and a search by a
// prefix of the key or of a title's word, in any case, where % and _ are
// plain characters.
func testListArticles(t *testing.T, s comment.Store) {
	ctx := context.Background()
	base := now().Add(-time.Hour)
	titles := map[string]string{"a1": "Banjir Jakarta", "a2": "Harga beras naik", "a3": "Pemilu 100% damai",
		"b1": "Jalan rusak", "b2": "banjir susulan"}
	for i, k := range []string{"a1", "a2", "a3", "b1", "b2"} {
		a := comment.Article{Key: k, Title: titles[k], URL: "https://berita.example/" + k, CreatedAt: base.Add(time.Duration(i) * time.Minute)}
		if err := s.SetArticle(ctx, a, comment.AuditEntry{}); err != nil {
			t.Fatal(err)
		}
	}
	// The same creation time twice: the key breaks the tie.
	if err := s.SetArticle(ctx, comment.Article{Key: "b3", Title: "Sama", CreatedAt: base.Add(4 * time.Minute)}, comment.AuditEntry{}); err != nil {
		t.Fatal(err)
	}
	var got []string
	f := comment.ArticleFilter{Limit: 2}
	for range 10 {
		page, err := s.ListArticles(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range page {
			got = append(got, a.Key)
		}
		if len(page) < 2 {
			break
		}
		f.After = comment.ArticleCursor(page[len(page)-1].Article)
	}
	if want := []string{"b3", "b2", "b1", "a3", "a2", "a1"}; !slices.Equal(got, want) {
		t.Errorf("pages %v, want %v", got, want)
	}
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"banjir", []string{"b2", "a1"}},
		{"JAK", []string{"a1"}},
		{"a", []string{"a3", "a2", "a1"}},
		{"susul", []string{"b2"}},
		{"100%", []string{"a3"}},
		{"1_0", nil},
		{"%", nil},
		{"zzz", nil},
	} {
		page, err := s.ListArticles(ctx, comment.ArticleFilter{Query: tt.q})
		if err != nil {
			t.Fatalf("q=%q: %v", tt.q, err)
		}
		var keys []string
		for _, a := range page {
			keys = append(keys, a.Key)
		}
		if !slices.Equal(keys, tt.want) {
			t.Errorf("q=%q: %v, want %v", tt.q, keys, tt.want)
		}
	}
	// Counts follow every status change.
	var cs []int64
	for i := range 5 {
		cs = append(cs, create(t, s, newComment("a1", 100+i)).ID)
	}
	setStatus(t, s, cs[0], comment.Approved)
	setStatus(t, s, cs[1], comment.Approved)
	setStatus(t, s, cs[2], comment.Spam)
	setStatus(t, s, cs[3], comment.Trash)
	c, _ := s.Comment(ctx, cs[1])
	if err := s.DeleteComment(ctx, &c, audit("delete"), nil); err != nil {
		t.Fatal(err)
	}
	page, err := s.ListArticles(ctx, comment.ArticleFilter{Query: "a1"})
	if err != nil || len(page) != 1 {
		t.Fatalf("%v %v", page, err)
	}
	want := map[comment.Status]int{comment.Approved: 1, comment.Pending: 1, comment.Spam: 1, comment.Trash: 1}
	if !maps.Equal(page[0].Counts, want) {
		t.Errorf("counts %v, want %v", page[0].Counts, want)
	}
	if a := page[0]; a.Title != "Banjir Jakarta" || a.URL != "https://berita.example/a1" || !a.Verified {
		t.Errorf("article %+v", a)
	}
	check(t, s)
	// A malformed cursor is the first page.
	if page, err := s.ListArticles(ctx, comment.ArticleFilter{After: "x:../", Limit: 1}); err != nil || len(page) != 1 || page[0].Key != "b3" {
		t.Errorf("bad cursor: %v %v", page, err)
	}
	byKey, err := s.ArticlesByKey(ctx, []string{"a2", "nope", "b1"})
	if err != nil || len(byKey) != 2 || byKey["a2"].Title != "Harga beras naik" || byKey["b1"].URL != "https://berita.example/b1" {
		t.Errorf("ArticlesByKey %v %v", byKey, err)
	}
}

// A search's matches are counted in every status, each count capped.
func testMatchCounts(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "k")
	article(t, s, "other")
	mk := func(i int, key, email, ip, raw string, st comment.Status) {
		c := newComment(key, i)
		c.Email, c.IP, c.Raw = email, ip, raw
		id := create(t, s, c).ID
		if st != comment.Pending {
			setStatus(t, s, id, st)
		}
	}
	mk(1, "k", "budi@example.test", "10.0.0.1", "banjir besar", comment.Pending)
	mk(2, "k", "budi@example.test", "10.0.0.1", "banjir lagi", comment.Trash)
	mk(3, "k", "siti@example.test", "10.0.0.2", "banjir terus", comment.Trash)
	mk(4, "other", "budi@example.test", "10.0.0.1", "banjir di sini", comment.Spam)
	mk(5, "k", "agus@example.test", "10.0.0.3", "harga naik", comment.Approved)
	for _, tt := range []struct {
		f    comment.Filter
		want map[comment.Status]int
	}{
		{comment.Filter{Query: "banjir"}, map[comment.Status]int{comment.Pending: 1, comment.Trash: 2, comment.Spam: 1}},
		{comment.Filter{Query: "banjir", Article: "k"}, map[comment.Status]int{comment.Pending: 1, comment.Trash: 2}},
		{comment.Filter{Query: "BUDI@example.test"}, map[comment.Status]int{comment.Pending: 1, comment.Trash: 1, comment.Spam: 1}},
		{comment.Filter{Query: "10.0.0.3"}, map[comment.Status]int{comment.Approved: 1}},
		{comment.Filter{Query: "!!!"}, map[comment.Status]int{}},
		{comment.Filter{Query: ""}, map[comment.Status]int{}},
	} {
		got, err := s.MatchCounts(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		for st, n := range got {
			if n == 0 {
				delete(got, st)
			}
		}
		if !maps.Equal(got, tt.want) {
			t.Errorf("%+v: %v, want %v", tt.f, got, tt.want)
		}
	}
}

// An author's approved and spam comments are counted by address, in any
// spelling of it.
func testAuthorCounts(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "k")
	for i, st := range []comment.Status{comment.Approved, comment.Approved, comment.Spam, comment.Pending, comment.Trash} {
		c := newComment("k", i)
		c.Email = "budi@example.test"
		id := create(t, s, c).ID
		if st != comment.Pending {
			setStatus(t, s, id, st)
		}
	}
	c := newComment("k", 9)
	c.Email = "siti@example.test"
	create(t, s, c)
	got, err := s.AuthorCounts(ctx, []string{"Budi@Example.test", "siti@example.test", "nobody@example.test", ""})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]comment.AuthorCounts{"Budi@Example.test": {Approved: 2, Spam: 1}}
	if !maps.Equal(got, want) {
		t.Errorf("%v, want %v", got, want)
	}
}

// The trash emptying deletes only what has been in the trash since
// before the cutoff, at most limit a call, and moves replies up.
func testEmptyTrash(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "k")
	old := now().Add(-40 * 24 * time.Hour)
	trash := func(i int, at time.Time, parent int64) int64 {
		c := newComment("k", i)
		c.ParentID = parent
		id := create(t, s, c).ID
		got, _ := s.Comment(ctx, id)
		got.PrevStatus, got.Status, got.UpdatedAt = got.Status, comment.Trash, at
		if err := s.UpdateStatus(ctx, &got, audit("trash"), nil); err != nil {
			t.Fatal(err)
		}
		return id
	}
	root := create(t, s, newComment("k", 1)).ID
	setStatus(t, s, root, comment.Approved)
	old1 := trash(2, old, root)
	old2 := trash(3, old.Add(time.Minute), old1) // a trashed reply to a trashed comment
	reply := create(t, s, &comment.Comment{ArticleKey: "k", ParentID: old2, Author: "A", Email: "a@example.test",
		Raw: "balas", HTML: "<p>balas</p>", Status: comment.Approved, CreatedAt: now(), UpdatedAt: now()}).ID
	recent := trash(4, now(), 0)
	cutoff := now().Add(-30 * 24 * time.Hour)
	n, articles, err := s.EmptyTrash(ctx, cutoff, 1)
	if err != nil || n != 1 || !slices.Equal(articles, []string{"k"}) {
		t.Fatalf("first batch: %d %v %v", n, articles, err)
	}
	if _, err := s.Comment(ctx, old1); comment.ErrorCode(err) != comment.ENotFound {
		t.Errorf("oldest kept: %v", err)
	}
	n, _, err = s.EmptyTrash(ctx, cutoff, 10)
	if err != nil || n != 1 {
		t.Fatalf("second batch: %d %v", n, err)
	}
	if n, _, _ := s.EmptyTrash(ctx, cutoff, 10); n != 0 {
		t.Errorf("third batch deleted %d", n)
	}
	if _, err := s.Comment(ctx, recent); err != nil {
		t.Errorf("recent trash deleted: %v", err)
	}
	if r, err := s.Comment(ctx, reply); err != nil || r.ParentID != root {
		t.Errorf("reply: parent %d, want %d (%v)", r.ParentID, root, err)
	}
	check(t, s)
}

// A display name is stored with the account and read with its sessions.
func testDisplayName(t *testing.T, s comment.Store) {
	ctx := context.Background()
	m := moderator(t, s, "redaksi", comment.RoleAdmin)
	m.DisplayName = "Redaksi Kabar Pesisir"
	if err := s.UpdateModerator(ctx, m, false); err != nil {
		t.Fatal(err)
	}
	if got, err := s.ModeratorByName(ctx, "redaksi"); err != nil || got.DisplayName != m.DisplayName || got.Name() != m.DisplayName {
		t.Errorf("by name: %+v %v", got, err)
	}
	if err := s.CreateSession(ctx, "h1", "csrf", m.ID, now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if ses, err := s.SessionByHash(ctx, "h1"); err != nil || ses.Moderator.DisplayName != m.DisplayName {
		t.Errorf("session: %+v %v", ses.Moderator, err)
	}
	other := comment.Moderator{Username: "tamu", PasswordHash: "x", Role: comment.RoleModerator, Lang: "id",
		DisplayName: "Tamu", CreatedAt: now()}
	if err := s.CreateModerator(ctx, &other); err != nil {
		t.Fatal(err)
	}
	list, _ := s.Moderators(ctx)
	names := map[string]string{}
	for _, m := range list {
		names[m.Username] = m.Name()
	}
	if want := map[string]string{"redaksi": "Redaksi Kabar Pesisir", "tamu": "Tamu"}; !maps.Equal(names, want) {
		t.Errorf("%v", fmt.Sprint(names))
	}
}
