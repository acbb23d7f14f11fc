package metrics

import (
	"fmt"
	"testing"
	"time"
)

// histCounts is the request histogram's sample count by its labels.
func histCounts(t *testing.T, m *Metrics) map[string]uint64 {
	t.Helper()
	fams, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]uint64{}
	for _, f := range fams {
		if f.GetName() != "balasan_http_request_duration_seconds" {
			continue
		}
		for _, s := range f.GetMetric() {
			k := ""
			for _, l := range s.GetLabel() {
				k += l.GetName() + "=" + l.GetValue() + " "
			}
			out[k] = s.GetHistogram().GetSampleCount()
		}
	}
	return out
}

// The cached series are the ones WithLabelValues gives: each request lands
// in its own method, route and code, also past the cache's bound.
func TestRequestSeries(t *testing.T) {
	m := New()
	for _, c := range []struct {
		method, route string
		status, times int
	}{
		{"GET", "/api/articles/:key/comments", 200, 3},
		{"GET", "/api/articles/:key/comments", 304, 2},
		{"POST", "/comments", 200, 1},
		{"GET", "unmatched", 404, 1},
	} {
		for range c.times {
			m.Request(c.method, c.route, c.status, time.Millisecond)
		}
	}
	for i := range maxCachedSeries + 10 {
		m.Request(fmt.Sprintf("M%d", i), "unmatched", 404, time.Millisecond)
		m.Request(fmt.Sprintf("M%d", i), "unmatched", 404, time.Millisecond)
	}
	got := histCounts(t, m)
	for k, want := range map[string]uint64{
		"code=200 method=GET route=/api/articles/:key/comments ":               3,
		"code=304 method=GET route=/api/articles/:key/comments ":               2,
		"code=200 method=POST route=/comments ":                                1,
		"code=404 method=GET route=unmatched ":                                 1,
		"code=404 method=M0 route=unmatched ":                                  2,
		fmt.Sprintf("code=404 method=M%d route=unmatched ", maxCachedSeries+9): 2,
	} {
		if got[k] != want {
			t.Errorf("%s: %d samples, want %d", k, got[k], want)
		}
	}
	if n := len(*m.series.cur.Load()); n != maxCachedSeries {
		t.Errorf("%d series cached, want the bound %d", n, maxCachedSeries)
	}
}
