package metrics

import (
	"maps"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
)

// maxCachedSeries bounds the cache below: a method is the client's word, so
// an unmatched route may bring new label values without end; past the
// bound they are looked up each time, as before the cache.
const maxCachedSeries = 1024

type seriesKey struct {
	method, route string
	status        int
}

// seriesCache keeps the request histogram's children by their labels: a
// WithLabelValues lookup hashes the three values and formats the status on
// every request, a fifth of the instrumenting middleware's cost. Readers
// take the map without a lock; a new series copies it (rare: a handful of
// routes and statuses).
type seriesCache struct {
	cur atomic.Pointer[map[seriesKey]prometheus.Observer]
	mu  sync.Mutex // serialises the copies
}

func (s *seriesCache) get(vec *prometheus.HistogramVec, method, route string, status int) prometheus.Observer {
	k := seriesKey{method, route, status}
	if m := s.cur.Load(); m != nil {
		if o, ok := (*m)[k]; ok {
			return o
		}
	}
	o := vec.WithLabelValues(method, route, strconv.Itoa(status))
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.cur.Load()
	if old == nil || len(*old) < maxCachedSeries {
		next := map[seriesKey]prometheus.Observer{}
		if old != nil {
			next = maps.Clone(*old)
		}
		next[k] = o
		s.cur.Store(&next)
	}
	return o
}
