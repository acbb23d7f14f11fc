package wxr

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	tricky := "Tutup ]]> di tengah, ]]]]> ganda, <b>tebal</b> & \"kutip\" 'tunggal' 😀🇮🇩 ]]"
	tests := []struct {
		name  string
		posts []entry
	}{
		{
			name: "tricky text",
			posts: []entry{{
				Post: Post{ID: "42", Title: "Judul <i>miring</i> & ]]> 🎉", Link: "https://kabar.example.id/?p=42&amp=1", Status: "publish", CommentStatus: "open"},
				Comments: []Comment{
					{ID: 1, Author: "Siti Nurhaliza", AuthorEmail: "siti@contoh.id", AuthorURL: "https://siti.example/?a=1&b=<2>", AuthorIP: "203.0.113.7", DateGMT: utc("2024-01-15 04:20:05"), Content: tricky, Approved: "1", Type: "comment"},
					{ID: 2, ParentID: 1, Author: "Dédé ]]>", AuthorIP: "2001:db8::1", DateGMT: utc("2024-01-15 05:00:00"), Content: "]]>", Approved: "0"},
					{ID: 3, ParentID: 2, Author: "Redaksi", DateGMT: utc("2024-01-15 06:00:00"), Content: "<![CDATA[bersarang]]>", Approved: "1", UserID: 1},
					{ID: 4, ParentID: 3, Author: "Ñoño", Content: "baris satu\nbaris dua\n\n\tterindentasi  ", Approved: "spam"},
					{ID: 5, Author: "Pinger", Content: "[&#8230;]", Approved: "trash", Type: "pingback"},
				},
			}},
		},
		{
			name: "several posts, empty strings",
			posts: []entry{
				{Post: Post{ID: "1"}, Comments: []Comment{{ID: 10}}},
				{Post: Post{ID: "2", Title: " spasi di tepi "}, Comments: []Comment{{ID: 11, Author: "  ", Content: " "}}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := NewWriter(&buf, "Kabar & Warta", "https://kabar.example.id")
			for _, e := range tt.posts {
				if err := w.WritePost(e.Post, e.Comments); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			got := collect(t, func(fn func(Post, []Comment) error) error { return Read(bytes.NewReader(buf.Bytes()), fn) })
			if !reflect.DeepEqual(got, tt.posts) {
				t.Errorf("round trip mismatch\n got %+v\nwant %+v\ndocument:\n%s", got, tt.posts, buf.String())
			}
		})
	}
}

func TestWriterDocument(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, "Kabar", "https://kabar.example.id")
	w.Location = time.FixedZone("WIB", 7*3600)
	c := Comment{ID: 7, Content: "a]]>b\x01c\xffd", DateGMT: utc("2024-01-15 20:30:00"), Approved: "1"}
	if err := w.WritePost(Post{ID: "3", Title: "T"}, []Comment{c}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if err := w.WritePost(Post{}, nil); err == nil {
		t.Fatal("WritePost after Close succeeded")
	}
	doc := buf.String()
	for _, want := range []string{
		`<?xml version="1.0" encoding="UTF-8" ?>`,
		`xmlns:wp="http://wordpress.org/export/1.2/"`,
		`xmlns:content="http://purl.org/rss/1.0/modules/content/"`,
		`xmlns:dc="http://purl.org/dc/elements/1.1/"`,
		`xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"`,
		"<wp:wxr_version>1.2</wp:wxr_version>",
		"<wp:post_type><![CDATA[post]]></wp:post_type>",
		"<wp:comment_content><![CDATA[a]]]]><![CDATA[>b\uFFFDc\uFFFDd]]></wp:comment_content>",
		"<wp:comment_date>2024-01-16 03:30:00</wp:comment_date>",
		"<wp:comment_date_gmt>2024-01-15 20:30:00</wp:comment_date_gmt>",
		"<wp:comment_parent>0</wp:comment_parent>",
		"<wp:comment_user_id>0</wp:comment_user_id>",
		"</channel>\n</rss>\n",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document lacks %q\n%s", want, doc)
		}
	}
	// Empty document: valid, nothing reported.
	buf.Reset()
	if err := NewWriter(&buf, "", "").Close(); err != nil {
		t.Fatal(err)
	}
	if err := Read(&buf, func(Post, []Comment) error { t.Fatal("fn called"); return nil }); err != nil {
		t.Fatalf("reading empty document: %v", err)
	}
}

// errWriter fails every write.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("penuh") }

func TestWriterError(t *testing.T) {
	w := NewWriter(errWriter{}, "Kabar", "https://kabar.example.id")
	big := Comment{ID: 1, Content: strings.Repeat("x", 8192)}
	if err := w.WritePost(Post{ID: "1"}, []Comment{big}); err == nil {
		t.Fatal("WritePost to a failing writer succeeded")
	}
	if err := w.Close(); err == nil {
		t.Fatal("Close after a write error succeeded")
	}
}
