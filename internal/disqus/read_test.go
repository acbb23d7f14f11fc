package disqus

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// item is one callback recorded by collect: a Thread or a Post.
type item any

// collect reads in and returns the callbacks in order.
func collect(t *testing.T, in string) []item {
	t.Helper()
	var got []item
	err := Read(strings.NewReader(in),
		func(th Thread) error { got = append(got, th); return nil },
		func(p Post) error { got = append(got, p); return nil })
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return got
}

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestReadSample(t *testing.T) {
	data, err := os.ReadFile("testdata/sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	got := collect(t, string(data))
	want := []item{
		Thread{ID: "7001", Identifier: "101 https://kabar.example.id/?p=101", Link: "https://kabar.example.id/2013/07/mudik-lebaran/", Title: "Arus Mudik Lebaran Mulai Padat"},
		Thread{ID: "7002", Link: "https://kabar.example.id/2013/08/harga-bawang/", Title: `Harga Bawang "Meroket" & Pedagang Resah`, Closed: true},
		Post{ID: "880001", ThreadID: "7001", Message: "<p>Tol Cipali sudah macet sejak subuh.</p>", AuthorName: "Siti Nurhaliza", AuthorEmail: "siti@contoh.id", AuthorUsername: "sitinur", IP: "203.0.113.7", CreatedAt: ts("2013-07-12T15:23:51Z")},
		Post{ID: "880002", ThreadID: "7002", Message: "<p>Harga bawang di pasar kami Rp40.000/kg &amp; terus naik.</p>", AuthorName: "Dédé", Anonymous: true, IP: "198.51.100.23", CreatedAt: ts("2013-08-01T04:10:00Z")},
		Post{ID: "880003", ThreadID: "7001", ParentID: "880001", Message: "<p>Betul, Bu Siti. Lewat jalur selatan saja <3</p>", AuthorName: "Ñoño", AuthorEmail: "nono@contoh.id", AuthorUsername: "nono_p", IP: "2001:db8::42", CreatedAt: ts("2013-07-12T16:00:00Z")},
		Post{ID: "880004", ThreadID: "7001", ParentID: "880003", Message: "<p>Komentar ini sudah dihapus.</p>", AuthorName: "Ujang", AuthorEmail: "ujang@contoh.id", AuthorUsername: "ujang", IP: "203.0.113.50", CreatedAt: ts("2013-07-13T01:00:00Z"), Deleted: true},
		Post{ID: "880005", ThreadID: "7002", Message: `<a href="http://spam.example/obat">Obat murah!!!</a>`, AuthorName: "Promo", AuthorEmail: "promo@spam.example", Anonymous: true, IP: "192.0.2.99", CreatedAt: ts("2013-08-01T20:04:05Z"), Spam: true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d elements, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("element %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestReadVariants(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []item
	}{
		{
			name: "prefixed default namespace, entities, control character",
			in: `<d:disqus xmlns:d="http://disqus.com" xmlns:i="http://disqus.com/disqus-internals">
<d:thread i:id="1"><d:id> a1 </d:id><d:title>Sate&nbsp;&amp; Soto` + "\x07" + `</d:title><d:isClosed>1</d:isClosed></d:thread>
<d:post i:id="2"><d:message>hai</d:message><d:thread i:id="1"/></d:post></d:disqus>`,
			want: []item{
				Thread{ID: "1", Identifier: "a1", Title: "Sate\u00a0& Soto ", Closed: true},
				Post{ID: "2", ThreadID: "1", Message: "hai"},
			},
		},
		{
			name: "empty export",
			in:   `<disqus xmlns="http://disqus.com"/>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := collect(t, tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadNilCallbacks(t *testing.T) {
	data, err := os.ReadFile("testdata/sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	posts := 0
	if err := Read(strings.NewReader(string(data)), nil, func(Post) error { posts++; return nil }); err != nil {
		t.Fatal(err)
	}
	if posts != 5 {
		t.Fatalf("posts = %d, want 5", posts)
	}
	var last int64
	if err := ReadWithProgress(strings.NewReader(string(data)), nil, nil, func(n int64) { last = n }); err != nil {
		t.Fatal(err)
	}
	if last != int64(len(data)) {
		t.Fatalf("progress ended at %d, want %d", last, len(data))
	}
}

func TestReadCallbackError(t *testing.T) {
	data, err := os.ReadFile("testdata/sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	stop := errors.New("berhenti")
	tests := []struct {
		name     string
		onThread func(Thread) error
		onPost   func(Post) error
	}{
		{"thread", func(Thread) error { return stop }, nil},
		{"post", nil, func(Post) error { return stop }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := Read(strings.NewReader(string(data)), tt.onThread, tt.onPost); err != stop {
				t.Fatalf("err = %v, want the callback's error unchanged", err)
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
		{"not Disqus", `<rss version="2.0"><channel/></rss>`, "root element is <rss>"},
		{"bad date", "<disqus>\n<post dsq:id=\"5\"><createdAt>12/07/2013</createdAt></post></disqus>", `post at line 2: dsq:id "5": <createdAt> "12/07/2013"`},
		{"bad boolean", "<disqus>\n\n<thread><isClosed>ya</isClosed></thread></disqus>", `thread at line 3: <isClosed> "ya" is not a boolean`},
		{"bad spam flag", "<disqus><post><isSpam>mungkin</isSpam></post></disqus>", "<isSpam>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Read(strings.NewReader(tt.in), nil, nil)
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
