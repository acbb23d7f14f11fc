package server

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
)

// TestConcurrencyLimit holds one request inside a cap of one and checks
// the next is refused at once with 503 and Retry-After, and that the slot
// is free again once the first is done. No timing: channels order it.
func TestConcurrencyLimit(t *testing.T) {
	e := echo.New()
	e.HTTPErrorHandler = ErrorHandler(discardLogger())
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	e.Renderer = r
	entered, release := make(chan struct{}), make(chan struct{})
	var started, done int
	limit := ConcurrencyLimit(1, func() { started++ }, func() { done++ })
	e.POST("/slow", func(c echo.Context) error {
		entered <- struct{}{}
		<-release
		return c.NoContent(http.StatusCreated)
	}, limit)
	e.POST("/fast", func(c echo.Context) error { return c.NoContent(http.StatusCreated) }, limit)

	first := make(chan int)
	go func() {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/slow", nil))
		first <- rec.Code
	}()
	<-entered // the first request holds the only slot

	req := httptest.NewRequest(http.MethodPost, "/fast", nil)
	req.Header.Set("Accept", "application/json")
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "1" {
		t.Fatalf("over the cap: status %d Retry-After %q, want 503 and 1", rec.Code, rec.Header().Get("Retry-After"))
	}
	close(release)
	if code := <-first; code != http.StatusCreated {
		t.Fatalf("the request in flight got %d, want 201", code)
	}
	rec = httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/fast", nil))
	if rec.Code != http.StatusCreated {
		t.Fatalf("after the slot was freed: status %d, want 201", rec.Code)
	}
	if started != 2 || done != 2 {
		t.Fatalf("observed %d started, %d done; want 2 and 2", started, done)
	}
}

func TestRefusalOutcome(t *testing.T) {
	tests := []struct {
		status int
		key    string
		want   string
	}{
		{400, "bad_json", "malformed"}, {403, "closed", "closed"}, {409, "duplicate", "duplicate"},
		{413, "too_large", "too_large"}, {415, "unsupported_type", "unsupported_type"}, {422, "invalid", "invalid"},
		{429, "flood", "flood"}, {503, "overloaded", "overloaded"}, {503, "unavailable", "unavailable"}, {500, "internal", "error"},
	}
	for _, tt := range tests {
		if got := RefusalOutcome(tt.status, tt.key); got != tt.want {
			t.Errorf("RefusalOutcome(%d, %q) = %q, want %q", tt.status, tt.key, got, tt.want)
		}
	}
}
