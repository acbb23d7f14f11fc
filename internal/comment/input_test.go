package comment

import (
	"strings"
	"testing"
	"time"
)

func TestInput_Validate(t *testing.T) {
	ok := Input{ArticleKey: "42", Author: "Budi", Email: "budi@example.test", Content: "Halo"}
	tests := []struct {
		name   string
		change func(*Input)
		field  string // "" when valid
		key    string
	}{
		{"valid", func(*Input) {}, "", ""},
		{"no key", func(in *Input) { in.ArticleKey = "" }, FieldKey, "required"},
		{"slash in key", func(in *Input) { in.ArticleKey = "a/b" }, FieldKey, "key_invalid"},
		{"long key", func(in *Input) { in.ArticleKey = strings.Repeat("k", 201) }, FieldKey, "key_invalid"},
		{"key chars", func(in *Input) { in.ArticleKey = "wp.post_4~x-1" }, "", ""},
		{"no author", func(in *Input) { in.Author = "" }, FieldAuthor, "required"},
		{"author 245 runes", func(in *Input) { in.Author = strings.Repeat("é", 245) }, "", ""},
		{"author 246 runes", func(in *Input) { in.Author = strings.Repeat("é", 246) }, FieldAuthor, "author_too_long"},
		{"no email", func(in *Input) { in.Email = "" }, FieldEmail, "required"},
		{"email no domain dot", func(in *Input) { in.Email = "budi@localhost" }, FieldEmail, "email_invalid"},
		{"email two at", func(in *Input) { in.Email = "a@b@c.de" }, FieldEmail, "email_invalid"},
		{"email with name", func(in *Input) { in.Email = "Budi <budi@example.test>" }, FieldEmail, "email_invalid"},
		{"email CRLF", func(in *Input) { in.Email = "budi@example.test\r\nBcc: x@y.zz" }, FieldEmail, "email_invalid"},
		{"email 101", func(in *Input) { in.Email = strings.Repeat("a", 92) + "@bbbb.com" }, FieldEmail, "email_too_long"},
		{"url without scheme", func(in *Input) { in.URL = "siti.example.test" }, "", ""},
		{"url javascript", func(in *Input) { in.URL = "javascript:alert(1)" }, FieldURL, "url_invalid"},
		{"url ftp", func(in *Input) { in.URL = "ftp://x.test" }, FieldURL, "url_invalid"},
		{"url 201", func(in *Input) { in.URL = "http://x.test/" + strings.Repeat("a", 187) }, FieldURL, "url_too_long"},
		{"blank comment", func(in *Input) { in.Content = " \n\t " }, FieldContent, "comment_required"},
		{"comment 65526", func(in *Input) { in.Content = strings.Repeat("x", 65526) }, FieldContent, "comment_too_long"},
		{"parent text", func(in *Input) { in.Parent = "abc" }, FieldParent, "parent_invalid"},
		{"parent negative", func(in *Input) { in.Parent = "-1" }, FieldParent, "parent_invalid"},
		{"parent zero", func(in *Input) { in.Parent = "0" }, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ok
			tt.change(&in)
			in = in.Clean()
			errs := in.Validate(in.Author)
			if tt.field == "" {
				if errs != nil {
					t.Fatalf("want valid, got %v", errs)
				}
				return
			}
			if errs[tt.field] != tt.key {
				t.Fatalf("errs[%s] = %q, want %q (all: %v)", tt.field, errs[tt.field], tt.key, errs)
			}
		})
	}
}

func TestInput_CleanRemovesNULAndInvalidUTF8(t *testing.T) {
	in := Input{Author: "Bu\x00di\xff", Content: "a\x00b\r\nc\xfe", ArticleKey: " k ", Email: "x@y.zz"}.Clean()
	if in.Author != "Budi\uFFFD" || in.Content != "ab\nc\uFFFD" || in.ArticleKey != "k" {
		t.Fatalf("got author %q content %q key %q", in.Author, in.Content, in.ArticleKey)
	}
}

func TestAction_Next(t *testing.T) {
	tests := []struct {
		a          Action
		cur, prev  Status
		next, keep Status
	}{
		{ActApprove, Pending, "", Approved, ""},
		{ActUnapprove, Approved, "", Pending, ""},
		{ActSpam, Approved, "", Spam, Approved},
		{ActTrash, Spam, Approved, Trash, Approved},
		{ActRestore, Trash, Approved, Approved, ""},
		{ActRestore, Spam, "", Pending, ""},
		{ActRestore, Pending, "", Pending, ""},
	}
	for _, tt := range tests {
		next, prev := tt.a.Next(tt.cur, tt.prev)
		if next != tt.next || prev != tt.keep {
			t.Errorf("%s from %s(prev %s) = %s(prev %s), want %s(prev %s)", tt.a, tt.cur, tt.prev, next, prev, tt.next, tt.keep)
		}
	}
}

func TestArticle_Open(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	old := Article{State: StateAuto, CreatedAt: now.Add(-15 * 24 * time.Hour)}
	tests := []struct {
		name  string
		a     Article
		after time.Duration
		want  bool
	}{
		{"auto never closes", old, 0, true},
		{"auto closes after 14d", old, 14 * 24 * time.Hour, false},
		{"young stays open", Article{State: StateAuto, CreatedAt: now.Add(-time.Hour)}, 72 * time.Hour, true},
		{"reopened by moderator", Article{State: StateOpen, CreatedAt: old.CreatedAt}, 14 * 24 * time.Hour, true},
		{"closed by moderator", Article{State: StateClosed, CreatedAt: now}, 0, false},
	}
	for _, tt := range tests {
		if got := tt.a.Open(now, tt.after); got != tt.want {
			t.Errorf("%s: Open = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestStamp(t *testing.T) {
	key := []byte("k")
	now := time.Unix(1_800_000_000, 0)
	s := Stamp(key, now.Add(-3*time.Second))
	if age, ok := StampAge(key, s, now); !ok || age != 3*time.Second {
		t.Fatalf("age %v ok %v", age, ok)
	}
	for _, bad := range []string{"", "123", s + "0", "1800000000.deadbeef", strings.Replace(s, "17", "18", 1)} {
		if _, ok := StampAge(key, bad, now); ok {
			t.Errorf("forged stamp %q accepted", bad)
		}
	}
	if _, ok := StampAge([]byte("other"), s, now); ok {
		t.Error("stamp accepted under another key")
	}
}

func TestCanPreview(t *testing.T) {
	now := time.Now()
	c := Comment{Status: Pending, Hash: "abc", CreatedAt: now.Add(-time.Hour)}
	if !c.CanPreview("abc", now) {
		t.Fatal("fresh pending comment must preview")
	}
	for name, tc := range map[string]struct {
		c    Comment
		hash string
	}{
		"wrong hash": {c, "abd"},
		"empty hash": {Comment{Status: Pending, CreatedAt: now}, ""},
		"moderated":  {Comment{Status: Approved, Hash: "abc", CreatedAt: now}, "abc"},
		"expired":    {Comment{Status: Pending, Hash: "abc", CreatedAt: now.Add(-25 * time.Hour)}, "abc"},
	} {
		if tc.c.CanPreview(tc.hash, now) {
			t.Errorf("%s: preview allowed", name)
		}
	}
}
