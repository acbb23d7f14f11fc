package wxr

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func FuzzRead(f *testing.F) {
	sample, err := os.ReadFile("testdata/sample.xml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	f.Add(sample[:len(sample)/2])
	f.Add([]byte(""))
	f.Add([]byte("<rss>"))
	f.Add([]byte(wrap("<item><wp:comment><wp:comment_id>1</wp:comment_id></wp:comment></item>")))
	f.Add([]byte(wrap("<item><wp:comment><wp:comment_date_gmt>2024-13-45 99:99:99</wp:comment_date_gmt></wp:comment></item>")))
	f.Add([]byte(wrap("<item><item><wp:comment/></item></item><![CDATA[x]]>&nbsp;&#0;")))
	f.Fuzz(func(t *testing.T, data []byte) {
		calls := 0
		err := Read(bytes.NewReader(data), func(p Post, cs []Comment) error {
			calls++
			if len(cs) == 0 {
				t.Fatal("fn called with no comments")
			}
			return nil
		})
		var se *SyntaxError
		if errors.As(err, &se) && se.Line < 1 {
			t.Fatalf("SyntaxError with line %d", se.Line)
		}
	})
}

// FuzzRoundTrip checks that any text survives Writer then Read, apart from
// characters XML cannot carry (U+FFFD) and carriage returns (newlines).
func FuzzRoundTrip(f *testing.F) {
	f.Add("Siti Nurhaliza", "a ]]> b <c> & d 😀", int64(5), int64(2))
	f.Add("Ñoño", "]]]]><![CDATA[>", int64(0), int64(-1))
	f.Add("", "\x00\r\n\xff", int64(1<<62), int64(0))
	f.Fuzz(func(t *testing.T, author, content string, id, parent int64) {
		in := Comment{ID: id, ParentID: parent, Author: author, AuthorURL: content, Content: content, DateGMT: time.Unix(id%(1<<34), 0).UTC()}
		var buf bytes.Buffer
		w := NewWriter(&buf, author, content)
		if err := w.WritePost(Post{ID: "1", Title: content}, []Comment{in}); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		var got []Comment
		err := Read(&buf, func(_ Post, cs []Comment) error { got = cs; return nil })
		if err != nil {
			t.Fatalf("reading own output: %v\n%s", err, buf.String())
		}
		norm := func(s string) string {
			s = sanitize(s)
			s = strings.ReplaceAll(s, "\r\n", "\n")
			return strings.ReplaceAll(s, "\r", "\n")
		}
		want := in
		want.Author = norm(author)
		want.Content = norm(content)
		want.AuthorURL = strings.TrimSpace(norm(content))
		if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
			t.Fatalf("got %+v\nwant %+v", got, want)
		}
	})
}
