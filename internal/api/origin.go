package api

import (
	"log/slog"
	"sync"
	"time"
)

// Bounds of the warning about pages whose origin is not allowed: each
// origin once an hour, and at most originWarnMax origins an hour, so a
// client that invents origins cannot fill the log or the memory.
const (
	originWarnEvery = time.Hour
	originWarnMax   = 100
	originMaxLen    = 200
)

// originWarner logs once per origin and window that a page on an origin
// outside BALASAN_ALLOWED_ORIGINS tried to load the comments: the
// widget on a new site fails in the reader's browser, and without this
// line the operator would never hear of it.
type originWarner struct {
	mu    sync.Mutex
	start time.Time
	seen  map[string]bool
}

func (w *originWarner) warn(log *slog.Logger, now time.Time, origin string) {
	if log == nil || origin == "" {
		return
	}
	if len(origin) > originMaxLen {
		origin = origin[:originMaxLen]
	}
	w.mu.Lock()
	if w.seen == nil || now.Sub(w.start) >= originWarnEvery {
		w.start, w.seen = now, map[string]bool{}
	}
	first := !w.seen[origin] && len(w.seen) < originWarnMax
	if first {
		w.seen[origin] = true
	}
	w.mu.Unlock()
	if first {
		log.Warn("a page on an origin that is not allowed asked for comments; add the origin to BALASAN_ALLOWED_ORIGINS if it is an article site",
			"origin", origin, "setting", "BALASAN_ALLOWED_ORIGINS")
	}
}

// allowOrigin is CORS's check of a page's origin; a refusal is logged.
func (h *Handler) allowOrigin(o string) (bool, error) {
	ok := h.allowedURL(o)
	if !ok {
		h.origins.warn(h.Log, h.Now(), o)
	}
	return ok, nil
}
