package server

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"math"
	"strings"
	"sync"
	"testing"
	"time"
)

// sameAsSlog fails unless NewJSONHandler writes r exactly as slog's JSON
// handler does.
func sameAsSlog(t *testing.T, r slog.Record, attrs ...slog.Attr) {
	t.Helper()
	var want, got bytes.Buffer
	var wh, gh slog.Handler = slog.NewJSONHandler(&want, nil), NewJSONHandler(&got)
	if len(attrs) > 0 {
		wh, gh = wh.WithAttrs(attrs), gh.WithAttrs(attrs)
	}
	if err := wh.Handle(context.Background(), r.Clone()); err != nil {
		t.Fatal(err)
	}
	if err := gh.Handle(context.Background(), r.Clone()); err != nil {
		t.Fatal(err)
	}
	FlushLog(gh)
	if got.String() != want.String() {
		t.Errorf("wrote %s want %s", got.String(), want.String())
	}
}

func TestJSONHandlerSameLines(t *testing.T) {
	at := time.Date(2026, 11, 29, 15, 4, 5, 123456789, time.FixedZone("WIB", 7*3600))
	tests := []struct {
		name  string
		time  time.Time
		level slog.Level
		msg   string
		attrs []slog.Attr
	}{
		{"access line", at, slog.LevelInfo, "request", []slog.Attr{slog.String("method", "GET"), slog.String("path", "/api/articles/a-1/comments"),
			slog.Int("status", 200), slog.Float64("duration_ms", 0.123), slog.String("request_id", "3kz9x1")}},
		{"no time", time.Time{}, slog.LevelWarn, "tanpa waktu", nil},
		{"odd level", at, slog.LevelError + 2, "x", nil},
		{"floats", at, slog.LevelInfo, "f", []slog.Attr{slog.Float64("a", 0), slog.Float64("b", 1e-6), slog.Float64("c", 1e20),
			slog.Float64("d", 1e21), slog.Float64("e", 1e-7), slog.Float64("f", -12.5), slog.Float64("g", math.Inf(1)), slog.Float64("h", math.NaN())}},
		{"numbers", at, slog.LevelDebug + 4, "n", []slog.Attr{slog.Int64("i", math.MinInt64), slog.Uint64("u", math.MaxUint64), slog.Bool("b", false)}},
		{"escapes", at, slog.LevelInfo, "kata \"kutip\"\n", []slog.Attr{slog.String("s", "<a href='x'>&\u2028é\xff\x7f")}},
		{"other kinds", at, slog.LevelInfo, "k", []slog.Attr{slog.Duration("d", time.Second), slog.Time("t", at), slog.Any("err", errors.New("gagal")),
			slog.Group("g", slog.Int("x", 1)), slog.Any("m", map[string]int{"a": 1})}},
		{"empty key", at, slog.LevelInfo, "e", []slog.Attr{slog.String("", "v"), slog.Any("", nil)}},
		{"year 10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), slog.LevelInfo, "y", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := slog.NewRecord(tt.time, tt.level, tt.msg, 0)
			r.AddAttrs(tt.attrs...)
			sameAsSlog(t, r)
			sameAsSlog(t, r, slog.String("service", "balasan"))
		})
	}
}

func FuzzJSONHandler(f *testing.F) {
	f.Add("request", "path", "/api/articles/a/comments", int64(200), 0.5)
	f.Add("pesan \"x\"", "k\n", "\xff\u2028", int64(-1), 1e300)
	f.Fuzz(func(t *testing.T, msg, key, val string, n int64, x float64) {
		r := slog.NewRecord(time.Unix(n%1e12, n%1e9), slog.Level(n%16), msg, 0)
		r.AddAttrs(slog.String(key, val), slog.Int64("n", n), slog.Float64("x", x))
		sameAsSlog(t, r)
	})
}

// The concurrent lines of both writers stay whole (run with -race).
func TestJSONHandlerConcurrent(t *testing.T) {
	var buf bytes.Buffer
	h := NewJSONHandler(&buf)
	done := make(chan bool)
	for g := range 4 {
		go func() {
			for range 200 {
				r := slog.NewRecord(time.Now(), slog.LevelInfo, "m", 0)
				if g%2 == 0 {
					r.AddAttrs(slog.Any("err", errors.New("lewat slog")))
				} else {
					r.AddAttrs(slog.Int("n", g))
				}
				h.Handle(context.Background(), r)
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
	lines := bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
	for _, l := range lines {
		if !bytes.HasPrefix(l, []byte(`{"time":`)) || !bytes.HasSuffix(l, []byte("}")) {
			t.Fatalf("broken line %q", l)
		}
	}
	if len(lines) != 800 {
		t.Errorf("%d lines, want 800", len(lines))
	}
}

func BenchmarkAccessLine(b *testing.B) {
	for _, c := range []struct {
		name string
		h    slog.Handler
	}{{"slog", slog.NewJSONHandler(discardW{}, nil)}, {"fast", NewJSONHandler(discardW{})}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
				r.AddAttrs(slog.String("method", "GET"), slog.String("path", "/api/articles/a-1/comments"),
					slog.Int("status", 200), slog.Float64("duration_ms", 0.123), slog.String("request_id", "3kz9x1"))
				c.h.Handle(context.Background(), r)
			}
		})
	}
}

type discardW struct{}

func (discardW) Write(b []byte) (int, error) { return len(b), nil }

// Access lines wait, in order, until another line, a flush, a full batch
// or flushAfter; every other line is written at once, after them.
func TestJSONHandlerHoldsAccessLines(t *testing.T) {
	var buf lockedBuffer
	h := LogHandler(NewJSONHandler(&buf))
	access := func(path string) {
		r := slog.NewRecord(time.Now(), slog.LevelInfo, AccessMessage, 0)
		r.AddAttrs(slog.String("path", path))
		h.Handle(context.Background(), r)
	}
	access("/a")
	access("/b")
	if buf.String() != "" {
		t.Fatalf("access lines written at once: %s", buf.String())
	}
	slog.New(h).Warn("peringatan")
	got := buf.String()
	a, b, w := strings.Index(got, `"/a"`), strings.Index(got, `"/b"`), strings.Index(got, "peringatan")
	if a < 0 || a > b || b > w || strings.Count(got, "\n") != 3 {
		t.Fatalf("order: %s", got)
	}
	access("/c")
	if err := FlushLog(h); err != nil || !strings.Contains(buf.String(), `"/c"`) {
		t.Fatalf("flush: %v %s", err, buf.String())
	}
	access("/d")
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(buf.String(), `"/d"`) {
		if time.Now().After(deadline) {
			t.Fatal("a held line was never written")
		}
		time.Sleep(10 * time.Millisecond)
	}
	before := len(buf.String())
	for i := 0; len(buf.String()) == before; i++ {
		if i > 2*holdMax/40 {
			t.Fatal("a full batch was not written")
		}
		access("/full")
	}
	if n := strings.Count(buf.String(), "\n"); n != strings.Count(buf.String(), "}\n") {
		t.Errorf("broken lines in %d", n)
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
