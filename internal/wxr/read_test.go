package wxr

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// entry is one fn call recorded by collect.
type entry struct {
	Post     Post
	Comments []Comment
}

// collect runs a Read variant and returns every fn call.
func collect(t *testing.T, r func(fn func(Post, []Comment) error) error) []entry {
	t.Helper()
	var got []entry
	err := r(func(p Post, cs []Comment) error {
		got = append(got, entry{p, cs})
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return got
}

func utc(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReadSample(t *testing.T) {
	f, err := os.Open("testdata/sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := collect(t, func(fn func(Post, []Comment) error) error { return Read(f, fn) })

	want := []entry{
		{
			Post: Post{ID: "101", Title: "Banjir Rob Genangi Pesisir Semarang", Link: "https://kabar.example.id/2024/01/banjir-rob-semarang/", Status: "publish", CommentStatus: "open"},
			Comments: []Comment{
				{ID: 501, ParentID: 0, Author: "Siti Nurhaliza", AuthorEmail: "siti@contoh.id", AuthorURL: "https://siti.contoh.id/?ref=kabar&utm=wxr", AuthorIP: "203.0.113.7", DateGMT: utc("2024-01-15 04:20:05"), Content: "Semoga warga cepat <em>dievakuasi</em>.\nTetap waspada & jaga kesehatan <3", Approved: "1", Type: "comment"},
				{ID: 502, ParentID: 501, Author: "Dédé Suryadi", AuthorEmail: "dede@contoh.id", AuthorIP: "2001:db8::42", DateGMT: utc("2024-01-15 04:45:00"), Content: "Setuju, Bu Siti. Kode <code>a[b[0]]</code> tetap utuh: ]]> bukan akhir.", Approved: "1", Type: ""},
				{ID: 503, ParentID: 502, Author: "Redaksi Kabar", AuthorEmail: "redaksi@kabar.example.id", AuthorURL: "https://kabar.example.id", AuthorIP: "10.0.0.5", DateGMT: utc("2024-01-15 05:00:30"), Content: "Terima kasih, kami perbarui beritanya pukul 13.00 WIB.", Approved: "1", Type: "comment", UserID: 1},
				{ID: 504, ParentID: 503, Author: "Ñoño Pratama", AuthorEmail: "nono@contoh.id", AuthorIP: "198.51.100.23", DateGMT: utc("2024-01-15 05:10:00"), Content: "Balasan tingkat empat menunggu moderasi.", Approved: "0", Type: "comment"},
				{ID: 505, Author: "Obat Murah", AuthorEmail: "promo@spam.example", AuthorURL: "http://spam.example/beli", AuthorIP: "192.0.2.99", DateGMT: utc("2024-01-15 18:02:03"), Content: `<a href="http://spam.example/beli">Diskon!!!</a>`, Approved: "spam", Type: "comment"},
			},
		},
		{
			Post: Post{ID: "202", Title: "Harga Cabai Naik Jelang Lebaran", Link: "https://kabar.example.id/2024/03/harga-cabai/", Status: "draft", CommentStatus: "closed"},
			Comments: []Comment{
				{ID: 601, Author: "Blog Tetangga", AuthorURL: "https://tetangga.example/cabai", AuthorIP: "192.0.2.1", DateGMT: utc("2024-03-01 01:00:00"), Content: "[&#8230;] harga cabai rawit &#8230; [&#8230;]", Approved: "1", Type: "pingback"},
				// comment_date_gmt is zero: falls back to comment_date.
				{ID: 602, Author: "Ujang", AuthorEmail: "ujang@contoh.id", AuthorIP: "203.0.113.50", DateGMT: utc("2024-03-02 21:15:00"), Content: "Komentar lama yang sudah dibuang 🌶️", Approved: "trash", Type: "comment"},
			},
		},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d posts, want %d (the page without comments must not be reported): %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].Post != want[i].Post {
			t.Errorf("post %d:\n got %+v\nwant %+v", i, got[i].Post, want[i].Post)
		}
		if len(got[i].Comments) != len(want[i].Comments) {
			t.Errorf("post %d: got %d comments, want %d", i, len(got[i].Comments), len(want[i].Comments))
			continue
		}
		for j, w := range want[i].Comments {
			if g := got[i].Comments[j]; !reflect.DeepEqual(g, w) {
				t.Errorf("post %d comment %d:\n got %+v\nwant %+v", i, j, g, w)
			}
		}
	}
}

// wrap puts items inside a minimal WXR document.
func wrap(items string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>` + items + `</channel></rss>`
}

func TestReadVariants(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []entry
	}{
		{
			name: "older namespace, entities and control characters",
			in: `<rss xmlns:wp="http://wordpress.org/export/1.0/"><channel><item>
<title>Sate &amp; Soto&nbsp;Enak</title><wp:post_id> 9 </wp:post_id>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Budi` + "\x0b" + `</wp:comment_author>
<wp:comment_date>2010-05-01 07:00:00</wp:comment_date></wp:comment></item></channel></rss>`,
			want: []entry{{
				Post:     Post{ID: "9", Title: "Sate & Soto\u00a0Enak"},
				Comments: []Comment{{ID: 1, Author: "Budi ", DateGMT: utc("2010-05-01 07:00:00")}},
			}},
		},
		{
			name: "no dates at all",
			in:   wrap(`<item><wp:post_id>1</wp:post_id><wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_date_gmt>0000-00-00 00:00:00</wp:comment_date_gmt><wp:comment_date>0000-00-00 00:00:00</wp:comment_date></wp:comment></item>`),
			want: []entry{{Post: Post{ID: "1"}, Comments: []Comment{{ID: 2}}}},
		},
		{
			name: "no items",
			in:   wrap(""),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collect(t, func(fn func(Post, []Comment) error) error { return Read(strings.NewReader(tt.in), fn) })
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantMsg string
	}{
		{"empty input", "", "no XML element"},
		{"not WXR", `<disqus xmlns="http://disqus.com"></disqus>`, "root element is <disqus>"},
		{"bad comment id", wrap(`<item><wp:comment><wp:comment_id>x1</wp:comment_id></wp:comment></item>`), `item at line 2: post "", comment 1: wp:comment_id "x1" is not an integer`},
		{"bad parent", wrap(`<item><wp:comment><wp:comment_parent>-</wp:comment_parent></wp:comment></item>`), "wp:comment_parent"},
		{"bad user id", wrap(`<item><wp:comment><wp:comment_user_id>1.5</wp:comment_user_id></wp:comment></item>`), "wp:comment_user_id"},
		{"bad date", wrap(`<item><wp:comment><wp:comment_date>kemarin</wp:comment_date></wp:comment></item>`), `wp:comment_date "kemarin"`},
		{"bad gmt date, no local", wrap(`<item><wp:comment><wp:comment_date_gmt>15/01/2024</wp:comment_date_gmt></wp:comment></item>`), `wp:comment_date_gmt "15/01/2024"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Read(strings.NewReader(tt.in), func(Post, []Comment) error {
				t.Fatal("fn called")
				return nil
			})
			if err == nil || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.wantMsg)
			}
			var se *SyntaxError
			if errors.As(err, &se) {
				t.Errorf("got *SyntaxError for well-formed input: %v", err)
			}
		})
	}
}

func TestReadCallbackError(t *testing.T) {
	stop := errors.New("berhenti")
	f, err := os.Open("testdata/sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	calls := 0
	err = Read(f, func(Post, []Comment) error {
		calls++
		return stop
	})
	if err != stop {
		t.Fatalf("err = %v, want the callback's error unchanged", err)
	}
	if calls != 1 {
		t.Fatalf("fn called %d times after returning an error", calls)
	}
}

func TestReadWithProgress(t *testing.T) {
	data, err := os.ReadFile("testdata/sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	var last int64
	err = ReadWithProgress(strings.NewReader(string(data)), func(Post, []Comment) error { return nil }, func(n int64) {
		if n < last {
			t.Errorf("progress went backwards: %d after %d", n, last)
		}
		last = n
	})
	if err != nil {
		t.Fatal(err)
	}
	if last != int64(len(data)) {
		t.Fatalf("final progress %d, want %d", last, len(data))
	}
}
