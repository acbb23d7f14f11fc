package app

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"balasan/internal/secret"
	"balasan/internal/sqlite"
	"balasan/internal/wxr"
)

// benchWXR builds an export of about mb megabytes: posts of 20 comments in
// reply chains four long, every status, a staff comment per post. (For a
// file on disk, see testdata/genwxr.)
func benchWXR(tb testing.TB, mb int) ([]byte, int) {
	var buf bytes.Buffer
	x := wxr.NewWriter(&buf, "Kabar", "https://berita.example")
	approved := []string{"1", "1", "1", "1", "1", "1", "0", "spam", "trash", "1"}
	base := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	n := 0
	for post := 1; buf.Len() < mb<<20; post++ {
		cs := make([]wxr.Comment, 20)
		for i := range cs {
			n++
			id := int64(n)
			cs[i] = wxr.Comment{ID: id, Author: "Pembaca Ñandú " + strconv.Itoa(n%5000),
				AuthorEmail: "pembaca" + strconv.Itoa(n%5000) + "@contoh.test", AuthorIP: "203.0.113.9",
				DateGMT: base.Add(time.Duration(n) * time.Minute), Approved: approved[n%10],
				Content: "<p>Warga kampung nelayan <strong>bergotong royong</strong> membersihkan pantai " +
					"setiap Minggu pagi.</p>\n<p>Semoga ditiru desa lain: https://berita.example/arsip/" + strconv.Itoa(n) + "</p>"}
			if i%4 != 0 {
				cs[i].ParentID = id - 1
			}
		}
		if err := x.WritePost(wxr.Post{ID: strconv.Itoa(post), Title: "Berita " + strconv.Itoa(post)}, cs); err != nil {
			tb.Fatal(err)
		}
	}
	if err := x.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes(), n
}

// BenchmarkImportWXR reports comments per second and the peak Go heap of a
// whole import. BALASAN_BENCH_MB sets the file size (default 4).
func BenchmarkImportWXR(b *testing.B) {
	mb := 4
	if v, err := strconv.Atoi(os.Getenv("BALASAN_BENCH_MB")); err == nil && v > 0 {
		mb = v
	}
	data, n := benchWXR(b, mb)
	box, _ := secret.New(make([]byte, secret.KeySize))
	ctx := context.Background()
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := sqlite.Open(ctx, fmt.Sprintf("%s/%d.db", b.TempDir(), i), box)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := runImport(ctx, st, "wxr", bytes.NewReader(data), "bench.xml", nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	close(stop)
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "comments/s")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}
