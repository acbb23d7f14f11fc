package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"balasan/internal/comment"
)

// Pages follow one another by id: the pending queue oldest first, the
// other views newest first, and no comment is shown twice or skipped.
func testListKeysetPages(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "a")
	article(t, s, "b")
	var all []int64
	for i := range 7 {
		all = append(all, create(t, s, newComment("a", i)).ID)
	}
	create(t, s, newComment("b", 99))
	for _, st := range []comment.Status{comment.Pending, comment.Approved} {
		if st == comment.Approved {
			for _, id := range all {
				setStatus(t, s, id, comment.Approved)
			}
		}
		var seen []int64
		f := comment.Filter{Status: st, Article: "a", Limit: 3}
		for range 10 {
			page, err := s.List(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			seen = append(seen, ids(page)...)
			if len(page) < f.Limit {
				break
			}
			f.After = page[len(page)-1].ID
		}
		want := slices.Clone(all)
		if st != comment.Pending {
			slices.Reverse(want)
		}
		if !slices.Equal(seen, want) {
			t.Fatalf("%s pages gave %v, want %v", st, seen, want)
		}
	}
	if page, _ := s.List(ctx, comment.Filter{Status: comment.Pending}); !slices.Equal(ids(page), []int64{all[len(all)-1] + 1}) {
		t.Fatalf("pending of every article: %v", ids(page))
	}
	if page, _ := s.List(ctx, comment.Filter{Status: comment.Approved, Limit: 1000}); len(page) != 7 {
		t.Fatalf("an oversized limit: %d comments", len(page))
	}
}

// A query finds words of text or author by prefix, in any case, all
// required; an exact email; an IP as a whole, never its digits as words.
func testSearch(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "k")
	mk := func(i int, author, email, ip, raw string) int64 {
		c := newComment("k", i)
		c.Author, c.Email, c.IP, c.Raw = author, email, ip, raw
		return create(t, s, c).ID
	}
	banjir := mk(1, "Budi Santoso", "budi@example.test", "10.0.0.1", "Banjir di Jakarta makin parah tahun 2024")
	jalan := mk(2, "Siti", "siti@example.test", "10.0.0.2", "Jalan rusak, pemerintah harus memperbaiki")
	harga := mk(3, "Agus", "Budi@Example.test", "192.0.2.10", "Harga beras naik 10 persen")
	spam := mk(4, "Budi", "x@example.test", "10.0.0.1", "banjir lagi")
	setStatus(t, s, spam, comment.Spam)
	for _, tt := range []struct {
		q    string
		want []int64
	}{
		{"banjir", []int64{banjir}},
		{"BANJIR jakarta", []int64{banjir}},
		{"banj jak", []int64{banjir}},
		{"banjir rusak", nil},
		{"budi", []int64{banjir}},
		{"santoso", []int64{banjir}},
		{"memperbaiki", []int64{jalan}},
		{"budi@example.test", []int64{banjir, harga}},
		{"BUDI@EXAMPLE.TEST", []int64{banjir, harga}},
		{"10.0.0.1", []int64{banjir}},
		{"10", []int64{harga}},
		{"192.0.2.1", nil},
		{`"banjir`, []int64{banjir}},
		{"100%", nil},
		{"!!!", nil},
		{"*", nil},
		{"banjir OR", nil},
		{"rusak,", []int64{jalan}},
	} {
		got, err := s.List(ctx, comment.Filter{Status: comment.Pending, Query: tt.q})
		if err != nil {
			t.Fatalf("q=%q: %v", tt.q, err)
		}
		if !slices.Equal(ids(got), tt.want) {
			t.Errorf("q=%q: %v, want %v", tt.q, ids(got), tt.want)
		}
	}
	if got, _ := s.List(ctx, comment.Filter{Status: comment.Spam, Query: "banjir"}); !slices.Equal(ids(got), []int64{spam}) {
		t.Errorf("search in spam: %v", ids(got))
	}
	// An edit is found by its new words only.
	c, _ := s.Comment(ctx, jalan)
	c.Raw, c.UpdatedAt = "Trotoar berlubang", now()
	if err := s.UpdateContent(ctx, &c, audit("edit")); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string][]int64{"trotoar": {jalan}, "memperbaiki": nil} {
		if got, _ := s.List(ctx, comment.Filter{Status: comment.Pending, Query: q}); !slices.Equal(ids(got), want) {
			t.Errorf("after edit q=%q: %v, want %v", q, ids(got), want)
		}
	}
}

// The "Mungkin spam" lane keeps only pending comments whose reason starts
// with the likely-spam mark and a colon; a reason that merely mentions it
// elsewhere, or the mark without its colon, is not in it.
func testListLikelySpam(t *testing.T, s comment.Store) {
	ctx := context.Background()
	article(t, s, "a")
	reasons := []string{
		comment.LikelySpamReason + ": 0.712",
		"",
		"rule: kata terlarang; " + comment.LikelySpamReason + ": 0.7",
		comment.LikelySpamReason + "x: 0.8",
		comment.LikelySpamReason + ": 0.65",
	}
	var got []int64
	for i, r := range reasons {
		c := newComment("a", i)
		c.Reason = r
		create(t, s, c)
		if strings.HasPrefix(r, comment.LikelySpamReason+":") {
			got = append(got, c.ID)
		}
	}
	page, err := s.List(ctx, comment.Filter{Status: comment.Pending, LikelySpam: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(page), got) {
		t.Fatalf("likely spam lane: %v, want %v", ids(page), got)
	}
	if page, _ := s.List(ctx, comment.Filter{Status: comment.Pending}); len(page) != len(reasons) {
		t.Fatalf("the whole queue: %d comments, want %d", len(page), len(reasons))
	}
}
