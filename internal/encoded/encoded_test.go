package encoded

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestNegotiate(t *testing.T) {
	for _, tc := range []struct {
		header string
		br, gz bool
		want   Encoding
	}{
		{"", true, true, Identity},
		{"gzip, deflate, br, zstd", true, true, Brotli},
		{"gzip, deflate", true, true, Gzip},
		{"gzip, deflate, br", false, true, Gzip},
		{"br", false, true, Identity},
		{"gzip;q=0, br", true, true, Brotli},
		{"br;q=0, gzip", true, true, Gzip},
		{"br;q=0.5, gzip;q=0.9", true, true, Gzip},
		{"br;q=0.9, gzip;q=0.5", true, true, Brotli},
		{"*", true, true, Brotli},
		{"*;q=0", true, true, Identity},
		{"*, br;q=0", true, true, Gzip},
		{"identity", true, true, Identity},
		{"GZIP", false, true, Gzip},
		{"x-gzip", false, true, Gzip},
		{"gzip;q=nonsense", true, true, Identity},
		{"gzip;q=2", true, true, Identity},
		{"gzip", false, false, Identity},
		{" gzip ; q=0.001 ", false, true, Gzip},
	} {
		if got := Negotiate(tc.header, tc.br, tc.gz); got != tc.want {
			t.Errorf("Negotiate(%q, br %v, gz %v) = %v, want %v", tc.header, tc.br, tc.gz, got, tc.want)
		}
	}
}

func sample(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, `{"id":%d,"author":"Pembaca %d","content_html":"<p>Warga bergotong royong membersihkan pantai.</p>"},`, i, i%97)
	}
	return b.Bytes()[:n]
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	r.Multistream(false) // one member, as browsers expect
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if rest, _ := io.ReadAll(io.MultiReader(r)); len(rest) != 0 {
		t.Fatalf("%d bytes after the gzip member", len(rest))
	}
	return out
}

func TestBody_For(t *testing.T) {
	raw := sample(20000)
	b := New(raw, `"abc"`, true)
	for _, tc := range []struct {
		accept string
		enc    Encoding
		tag    string
		decode func([]byte) []byte
	}{
		{"", Identity, `"abc"`, func(b []byte) []byte { return b }},
		{"gzip", Gzip, `"abc-gz"`, func(b []byte) []byte { return gunzip(t, b) }},
		{"gzip, br", Brotli, `"abc-br"`, func(b []byte) []byte {
			out, err := io.ReadAll(brotli.NewReader(bytes.NewReader(b)))
			if err != nil {
				t.Fatal(err)
			}
			return out
		}},
	} {
		body, enc, tag := b.For(tc.accept)
		if enc != tc.enc || tag != tc.tag {
			t.Errorf("For(%q) = %v %s, want %v %s", tc.accept, enc, tag, tc.enc, tc.tag)
		}
		if got := tc.decode(body); !bytes.Equal(got, raw) {
			t.Errorf("For(%q) decodes to %d bytes, not the %d sent", tc.accept, len(got), len(raw))
		}
		if enc != Identity && len(body) > len(raw)/4 {
			t.Errorf("For(%q): %d bytes of %d, compression did not pay", tc.accept, len(body), len(raw))
		}
		hb, he, etag, length := b.Headers(tc.accept)
		if !bytes.Equal(hb, body) || he != enc || len(etag) != 1 || etag[0] != tag || len(length) != 1 || length[0] != strconv.Itoa(len(body)) {
			t.Errorf("Headers(%q) = %v %q %q, want %v %s %d", tc.accept, he, etag, length, enc, tag, len(body))
		}
	}
}

func TestBody_SmallStaysPlain(t *testing.T) {
	b := New([]byte(`{"a":1}`), `"x"`, true)
	if body, enc, tag := b.For("gzip, br"); enc != Identity || tag != `"x"` || string(body) != `{"a":1}` {
		t.Errorf("a small body was %v %s %q", enc, tag, body)
	}
	if _, enc, etag, length := b.Headers("gzip, br"); enc != Identity || etag[0] != `"x"` || length[0] != "7" {
		t.Errorf("a small body's headers were %v %q %q", enc, etag, length)
	}
}

func TestSpliced_Parts(t *testing.T) {
	for _, tc := range []struct {
		name       string
		head, tail []byte
		mid        string
	}{
		{"stamp in a page", sample(30000), sample(700), "1700000000.abcdef"},
		{"no middle", sample(5000), sample(5000), ""},
		{"empty tail", sample(5000), nil, "x"},
		{"long middle", sample(2000), sample(2000), strings.Repeat("m", 70000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := NewSpliced(tc.head, tc.tail, `"p"`)
			want := append(append(append([]byte{}, tc.head...), tc.mid...), tc.tail...)
			for _, accept := range []string{"", "gzip, deflate, br"} {
				parts, n, enc, tag := s.Parts(accept, []byte(tc.mid))
				body := bytes.Join(parts, nil)
				if len(body) != n {
					t.Fatalf("length %d, said %d", len(body), n)
				}
				if enc == Gzip {
					if tag != `"p-gz"` {
						t.Errorf("gzip tag %s", tag)
					}
					body = gunzip(t, body)
				}
				if !bytes.Equal(body, want) {
					t.Errorf("Accept-Encoding %q (%v): %d bytes differ from the %d of the page", accept, enc, len(body), len(want))
				}
				if accept != "" && len(tc.mid) <= 0xffff && enc != Gzip {
					t.Errorf("Accept-Encoding %q answered %v", accept, enc)
				}
			}
		})
	}
}

func FuzzNegotiate(f *testing.F) {
	for _, s := range []string{"gzip, br", "br;q=0", "*;q=0.5", "gzip;q=1.0;x=y", ";;,,q=", "identity;q=0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		got := Negotiate(h, true, true)
		if got == Brotli && Negotiate(h, false, true) == Brotli {
			t.Fatal("brotli chosen though not held")
		}
		if got != Identity && !strings.Contains(strings.ToLower(h), "br") && !strings.Contains(strings.ToLower(h), "gzip") && !strings.Contains(h, "*") {
			t.Fatalf("%q: %v without the client naming it", h, got)
		}
	})
}

// BenchmarkCompress measures the cost of compressing a 200 KB thread once
// per cache fill, to choose the levels.
func BenchmarkCompress(b *testing.B) {
	raw := sample(200 << 10)
	for _, tc := range []struct {
		name string
		f    func([]byte) []byte
	}{
		{"gzip-6", func(r []byte) []byte { return GzipBytes(r, 6) }},
		{"gzip-9", func(r []byte) []byte { return GzipBytes(r, 9) }},
		{"brotli-5", BrotliBytes},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				n = len(tc.f(raw))
			}
			b.ReportMetric(float64(n), "bytes")
		})
	}
}

// A lazy body compresses an encoding only when a request asks for it,
// tells grew its size once, and answers what New answers.
func TestBody_Lazy(t *testing.T) {
	raw := sample(20000)
	eager := New(raw, `"abc"`, true)
	var grown []int
	var mu sync.Mutex
	lazy := NewLazy(raw, `"abc"`, true, func(n int) { mu.Lock(); grown = append(grown, n); mu.Unlock() })
	if lazy.Size() != len(raw) || len(grown) != 0 {
		t.Fatalf("before any request: size %d, grew %v", lazy.Size(), grown)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() { defer wg.Done(); lazy.For("gzip") }()
	}
	wg.Wait()
	gz, _, _ := eager.For("gzip")
	if len(grown) != 1 || grown[0] != len(gz) || lazy.Size() != len(raw)+len(gz) {
		t.Errorf("after gzip readers: grew %v, size %d; want [%d], %d", grown, lazy.Size(), len(gz), len(raw)+len(gz))
	}
	for _, accept := range []string{"", "gzip", "br, gzip", "identity"} {
		eb, ee, et, el := eager.Headers(accept)
		lb, le, lt, ll := lazy.Headers(accept)
		if !bytes.Equal(eb, lb) || ee != le || et[0] != lt[0] || el[0] != ll[0] {
			t.Errorf("%q: lazy %v %s %s, eager %v %s %s", accept, le, lt, ll, ee, et, el)
		}
	}
	if lazy.Size() != eager.Size() || len(grown) != 2 {
		t.Errorf("all made: size %d, eager %d; grew %v", lazy.Size(), eager.Size(), grown)
	}
}
