// Command genwxr writes a synthetic WordPress export of about -mb
// megabytes to standard output, for measuring `balasan import wxr`:
//
//	go run ./internal/app/testdata/genwxr -mb 100 > /tmp/big.xml
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"balasan/internal/wxr"
)

// countingWriter tells how much has been written.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func main() {
	mb := flag.Int("mb", 100, "approximate size in megabytes")
	flag.Parse()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	cw := &countingWriter{w: out}
	if err := Generate(cw, int64(*mb)*1e6, func() int64 { return cw.n }); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

var statuses = []string{"1", "1", "1", "1", "1", "1", "0", "spam", "trash", "1"}

// Generate writes posts of 20 comments in chains of four (a comment and
// replies three levels deep), until size bytes were written.
func Generate(w io.Writer, size int64, written func() int64) error {
	x := wxr.NewWriter(w, "Kabar Pesisir", "https://berita.example")
	base := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	id := int64(0)
	for post := 1; written() < size; post++ {
		cs := make([]wxr.Comment, 0, 20)
		for i := 0; i < 20; i++ {
			id++
			c := wxr.Comment{ID: id, Author: fmt.Sprintf("Pembaca Ke-%d Ñandú", id%5000),
				AuthorEmail: fmt.Sprintf("pembaca%d@contoh.test", id%5000), AuthorIP: fmt.Sprintf("203.0.%d.%d", id%250, id%200),
				DateGMT: base.Add(time.Duration(id) * time.Minute), Approved: statuses[id%10],
				Content: fmt.Sprintf("<p>Komentar nomor %d tentang berita ini. Warga kampung nelayan <strong>bergotong royong</strong> "+
					"membersihkan pantai setiap Minggu pagi, dan pemerintah desa menyediakan kantong sampah.</p>\n"+
					"<p>Semoga kegiatan ini terus berlanjut &amp; ditiru desa lain. Lihat https://berita.example/arsip/%d</p>", id, id)}
			if i%4 != 0 {
				c.ParentID = id - 1
			}
			if i == 7 {
				c.UserID = 1
			}
			cs = append(cs, c)
		}
		p := wxr.Post{ID: fmt.Sprint(post), Title: fmt.Sprintf("Berita nomor %d", post),
			Link: fmt.Sprintf("https://berita.example/%d", post), Status: "publish", CommentStatus: "open"}
		if err := x.WritePost(p, cs); err != nil {
			return err
		}
	}
	return x.Close()
}
