package wxr

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

// generate writes a WXR export with posts items of perPost comments each,
// every comment carrying about contentSize bytes of text.
func generate(w io.Writer, posts, perPost, contentSize int) error {
	para := "Warga Kampung Melayu mengeluhkan genangan & <b>banjir</b> yang tak kunjung surut. "
	body := strings.Repeat(para, contentSize/len(para)+1)[:contentSize]
	ww := NewWriter(w, "Kabar Nusantara", "https://kabar.example.id")
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	cs := make([]Comment, perPost)
	id := int64(0)
	for p := range posts {
		for i := range cs {
			id++
			parent := int64(0)
			if i > 0 {
				parent = id - 1
			}
			cs[i] = Comment{
				ID: id, ParentID: parent, Author: "Siti Nurhaliza", AuthorEmail: "siti@contoh.id",
				AuthorIP: "203.0.113.7", DateGMT: base.Add(time.Duration(id) * time.Minute),
				Content: body, Approved: "1", Type: "comment",
			}
		}
		post := Post{ID: fmt.Sprint(p + 1), Title: fmt.Sprintf("Berita ke-%d", p+1), Link: fmt.Sprintf("https://kabar.example.id/?p=%d", p+1), Status: "publish", CommentStatus: "open"}
		if err := ww.WritePost(post, cs); err != nil {
			return err
		}
	}
	return ww.Close()
}

// TestReadBoundedMemory streams an export of 20,000 comments (about 98 MB)
// through an io.Pipe and checks the heap stays far below the document size.
func TestReadBoundedMemory(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("streams ~100 MB; skipped with -short or -race")
	}
	const (
		posts       = 2000
		perPost     = 10
		contentSize = 4096
		heapBound   = 64 << 20
	)
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(generate(pw, posts, perPost, contentSize)) }()

	runtime.GC()
	var ms runtime.MemStats
	var maxHeap uint64
	var total int64
	sample := func() {
		runtime.ReadMemStats(&ms)
		maxHeap = max(maxHeap, ms.HeapInuse)
	}
	nPosts, nComments := 0, 0
	err := ReadWithProgress(pr, func(p Post, cs []Comment) error {
		nPosts++
		nComments += len(cs)
		if nPosts%100 == 0 {
			sample()
		}
		return nil
	}, func(n int64) { total = n })
	pr.Close()
	if err != nil {
		t.Fatal(err)
	}
	sample()
	if nPosts != posts || nComments != posts*perPost {
		t.Fatalf("read %d posts, %d comments; want %d, %d", nPosts, nComments, posts, posts*perPost)
	}
	if total <= heapBound {
		t.Fatalf("document is only %d bytes; the test would not detect buffering", total)
	}
	t.Logf("document %.1f MB, max HeapInuse %.1f MB", float64(total)/1e6, float64(maxHeap)/1e6)
	if maxHeap > heapBound {
		t.Fatalf("max HeapInuse %d bytes exceeds %d: the reader holds the document", maxHeap, heapBound)
	}
}

// benchPosts makes the benchmark document about 10 MB.
const benchPosts = 800

// BenchmarkRead reads a generated export of about 10 MB with comments of
// realistic size.
func BenchmarkRead(b *testing.B) {
	var buf bytes.Buffer
	if err := generate(&buf, benchPosts, 12, 300); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := Read(bytes.NewReader(data), func(_ Post, cs []Comment) error {
			n += len(cs)
			return nil
		})
		if err != nil || n != benchPosts*12 {
			b.Fatalf("n=%d err=%v", n, err)
		}
	}
}

// BenchmarkWrite writes the same export as BenchmarkRead.
func BenchmarkWrite(b *testing.B) {
	var buf bytes.Buffer
	if err := generate(&buf, benchPosts, 12, 300); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if err := generate(io.Discard, benchPosts, 12, 300); err != nil {
			b.Fatal(err)
		}
	}
}
