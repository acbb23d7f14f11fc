package metrics

import (
	"sync"

	"github.com/prometheus/client_golang/prometheus"
)

// readGauge is a gauge read at each scrape (a queue counted in the
// database), one series per label value. A failed read repeats the last
// good value, or leaves the series out before there is one: a scrape never
// fails and never reports a number that was not read (no -1 for
// "unknown", which sum() and rate() would take as real).
type readGauge struct {
	desc    *prometheus.Desc
	values  []string // label values; one "" when the gauge has no label
	labeled bool
	read    func(value string) (float64, error)

	mu   sync.Mutex
	last map[string]float64
}

func (g *readGauge) Describe(ch chan<- *prometheus.Desc) { ch <- g.desc }

func (g *readGauge) Collect(ch chan<- prometheus.Metric) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, lv := range g.values {
		v, err := g.read(lv)
		if err != nil {
			last, ok := g.last[lv]
			if !ok {
				continue
			}
			v = last
		}
		g.last[lv] = v
		var labels []string
		if g.labeled {
			labels = []string{lv}
		}
		ch <- prometheus.MustNewConstMetric(g.desc, prometheus.GaugeValue, v, labels...)
	}
}

// Gauge registers a gauge read from f at each scrape, e.g. a queue length
// counted in the database; see readGauge for a failed read.
func (m *Metrics) Gauge(name, help string, f func() (float64, error)) {
	m.Registry.MustRegister(&readGauge{desc: prometheus.NewDesc(name, help, nil, nil), values: []string{""},
		read: func(string) (float64, error) { return f() }, last: map[string]float64{}})
}

// GaugeVec registers one gauge with a label, a series per value, each
// read from f at each scrape (balasan_outbox_queue_length{kind}).
func (m *Metrics) GaugeVec(name, help, label string, values []string, f func(value string) (float64, error)) {
	m.Registry.MustRegister(&readGauge{desc: prometheus.NewDesc(name, help, []string{label}, nil), values: values,
		labeled: true, read: f, last: map[string]float64{}})
}

// CounterFunc registers a counter read from f at each scrape, for counts
// kept elsewhere (the public cache's hits and misses).
func (m *Metrics) CounterFunc(name, help string, f func() float64) {
	m.Registry.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, f))
}
