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
// a request's access line at a third of the cost: a record of plain
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
// the fast path below take turns on w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

var lineBufs = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

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
	_, err := h.w.Write(b)
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
