package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
)

// TestRequestLog: every answer carries its request id and the security
// headers under their canonical keys (set by assignment, so a Get must
// find them), and one log line with the status actually sent, the path
// without its query, and the id.
func TestRequestLog(t *testing.T) {
	var logs bytes.Buffer
	e, err := New(Config{Logger: slog.New(LogHandler(slog.NewJSONHandler(&logs, nil)))})
	if err != nil {
		t.Fatal(err)
	}
	e.GET("/ok", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	e.GET("/gone", func(c echo.Context) error { return echo.NewHTTPError(http.StatusGone) })
	e.GET("/broken", func(c echo.Context) error { return errors.New("disk on fire") })
	tests := []struct {
		name, path, sentID string
		status             int
	}{
		{"ok", "/ok?cari=orang@example.test", "", 200},
		{"client's id kept", "/ok", "proxy-123", 200},
		{"handler's error", "/gone", "", 410},
		{"unknown error", "/broken", "", 500},
		{"no route", "/tidak-ada", "", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs.Reset()
			req := httptest.NewRequest(http.MethodGet, tt.path, nil)
			if tt.sentID != "" {
				req.Header.Set("X-Request-ID", tt.sentID)
			}
			w := httptest.NewRecorder()
			e.ServeHTTP(w, req)
			res := w.Result()
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			id := res.Header.Get("X-Request-ID")
			if id == "" || tt.sentID != "" && id != tt.sentID {
				t.Errorf("X-Request-Id %q (sent %q)", id, tt.sentID)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Referrer-Policy") != "strict-origin-when-cross-origin" {
				t.Errorf("security headers missing: %v", res.Header)
			}
			var line struct {
				Path, RequestID string
				Status          int
			}
			var found bool
			for _, l := range bytes.Split(bytes.TrimSpace(logs.Bytes()), []byte("\n")) {
				var rec map[string]any
				if json.Unmarshal(l, &rec) != nil || rec["msg"] != "request" {
					continue
				}
				found = true
				line.Path, _ = rec["path"].(string)
				line.RequestID, _ = rec["request_id"].(string)
				st, _ := rec["status"].(float64)
				line.Status = int(st)
			}
			if !found {
				t.Fatalf("no request line in %s", logs.String())
			}
			if line.Status != tt.status || line.RequestID != id || bytes.Contains(logs.Bytes(), []byte("example.test")) {
				t.Errorf("logged %+v, want status %d, id %q, no query", line, tt.status, id)
			}
		})
	}
}
