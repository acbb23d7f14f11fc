package server

import (
	"context"
	"io"
	"log/slog"
	"math"
	"strconv"
	"sync"
	"time"
)

// NewJSONHandler writes the very lines slog.NewJSONHandler(w, nil) writes,
// a request's access line at a fraction of the cost. Access lines (message
// AccessMessage) are written in batches, at most 100 ms late, and before
// any other line; every other line is written at once. A record of plain
// values (strings that need no escaping, numbers, booleans) is written
// here, without slog's per-attribute machinery and the json.Marshal it
// calls for every float; any other record (a group, an error, a time,
// a string to escape, handler attributes) goes to slog's own handler.
func NewJSONHandler(w io.Writer) slog.Handler {
	lw := &lockedWriter{w: w}
	return &jsonHandler{slog: slog.NewJSONHandler(lw, nil), w: lw}
}

type jsonHandler struct {
	slog slog.Handler
	w    *lockedWriter
}

// lockedWriter makes the two writers' lines whole: slog's handler and
// the fast path below take turns on w. Access lines may wait in buf (see
// hold) for at most flushAfter, or until another line comes: a write
// system call per request was a tenth of a small read's cost.
type lockedWriter struct {
	mu        sync.Mutex
	w         io.Writer
	buf       []byte
	scheduled bool
}

// flushAfter bounds how late an access line is written; holdMax how many
// bytes of them wait.
const (
	flushAfter = 100 * time.Millisecond
	holdMax    = 32 << 10
)

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.buf) > 0 {
		l.buf = append(l.buf, b...)
		return len(b), l.flushLocked()
	}
	return l.w.Write(b)
}

// hold keeps an access line for a batched write.
func (l *lockedWriter) hold(b []byte) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, b...)
	if len(l.buf) >= holdMax {
		return l.flushLocked()
	}
	if !l.scheduled {
		l.scheduled = true
		time.AfterFunc(flushAfter, func() { l.Flush() })
	}
	return nil
}

// Flush writes the lines held.
func (l *lockedWriter) Flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.scheduled = false
	return l.flushLocked()
}

func (l *lockedWriter) flushLocked() error {
	if len(l.buf) == 0 {
		return nil
	}
	_, err := l.w.Write(l.buf)
	l.buf = l.buf[:0]
	if cap(l.buf) > 4*holdMax {
		l.buf = nil
	}
	return err
}

var lineBufs = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// Flush writes the access lines held back; the server calls it when it
// stops (FlushLog).
func (h *jsonHandler) Flush() error { return h.w.Flush() }

func (h *jsonHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.slog.Enabled(ctx, l)
}

func (h *jsonHandler) WithAttrs(as []slog.Attr) slog.Handler { return h.slog.WithAttrs(as) }
func (h *jsonHandler) WithGroup(name string) slog.Handler    { return h.slog.WithGroup(name) }

func (h *jsonHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.PC != 0 || !plainRecord(r) {
		return h.slog.Handle(ctx, r)
	}
	bp := lineBufs.Get().(*[]byte)
	b := append((*bp)[:0], '{')
	if !r.Time.IsZero() {
		b = append(b, `"time":"`...)
		b = r.Time.AppendFormat(b, time.RFC3339Nano)
		b = append(b, `",`...)
	}
	b = append(b, `"level":"`...)
	b = append(b, r.Level.String()...)
	b = append(b, `","msg":"`...)
	b = append(b, r.Message...)
	b = append(b, '"')
	r.Attrs(func(a slog.Attr) bool {
		b = append(b, ',', '"')
		b = append(b, a.Key...)
		b = append(b, `":`...)
		v := a.Value
		switch v.Kind() {
		case slog.KindString:
			b = append(b, '"')
			b = append(b, v.String()...)
			b = append(b, '"')
		case slog.KindInt64:
			b = strconv.AppendInt(b, v.Int64(), 10)
		case slog.KindUint64:
			b = strconv.AppendUint(b, v.Uint64(), 10)
		case slog.KindFloat64:
			b = strconv.AppendFloat(b, v.Float64(), 'f', -1, 64)
		case slog.KindBool:
			b = strconv.AppendBool(b, v.Bool())
		}
		return true
	})
	b = append(b, '}', '\n')
	var err error
	if r.Level == slog.LevelInfo && r.Message == AccessMessage {
		err = h.w.hold(b)
	} else {
		_, err = h.w.Write(b) // with the access lines before it
	}
	*bp = b
	if cap(b) <= 4<<10 {
		lineBufs.Put(bp)
	}
	return err
}

// plainRecord reports whether every part of r is written by Handle
// exactly as slog's JSON handler writes it.
func plainRecord(r slog.Record) bool {
	if y := r.Time.Year(); !r.Time.IsZero() && (y < 0 || y >= 10000) || !plainString(r.Message) {
		return false
	}
	plain := true
	r.Attrs(func(a slog.Attr) bool {
		plain = a.Key != "" && plainString(a.Key) && plainValue(a.Value)
		return plain
	})
	return plain
}

func plainValue(v slog.Value) bool {
	switch v.Kind() {
	case slog.KindString:
		return plainString(v.String())
	case slog.KindInt64, slog.KindUint64, slog.KindBool:
		return true
	case slog.KindFloat64:
		// json.Marshal's form is strconv's 'f' form in this range, and
		// an exponent outside it (NaN and infinities are an error).
		f := math.Abs(v.Float64())
		return f == 0 || f >= 1e-6 && f < 1e21
	}
	return false
}

// plainString: printable ASCII other than the quote and the backslash,
// which JSON takes as it is.
func plainString(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
