// Package metrics holds Balasan's Prometheus metrics in their own registry,
// served at /metrics. It knows nothing of HTTP routing: the server package
// reports requests to it, the app wires the domain's events and queue sizes.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is every metric Balasan exports, all prefixed balasan_.
type Metrics struct {
	Registry *prometheus.Registry

	submissions *prometheus.CounterVec
	moderations *prometheus.CounterVec
	requests    *prometheus.HistogramVec
	series      seriesCache
	inFlight    prometheus.Gauge
	deliveries  *prometheus.CounterVec
}

// New registers the metrics, plus Go runtime and process metrics, in a
// registry of their own (never the global one, so tests can build many).
func New() *Metrics {
	m := &Metrics{Registry: prometheus.NewRegistry()}
	m.submissions = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "balasan_submissions_total",
		Help: "Comment submissions by outcome: pending, approved, spam (stored) or why one was refused.",
	}, []string{"outcome"})
	m.moderations = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "balasan_moderation_actions_total",
		Help: "Moderation actions applied, by action.",
	}, []string{"action"})
	m.requests = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "balasan_http_request_duration_seconds",
		Help:    "Time to answer HTTP requests, by method, route pattern and status code.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"method", "route", "code"})
	m.inFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "balasan_submissions_in_flight",
		Help: "Comment submissions being handled now (capped by BALASAN_MAX_SUBMITS).",
	})
	m.deliveries = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "balasan_outbox_deliveries_total",
		Help: "Mail and webhook delivery attempts, by job kind and outcome (sent, retry, abandoned).",
	}, []string{"kind", "outcome"})
	m.Registry.MustRegister(m.submissions, m.moderations, m.requests, m.inFlight, m.deliveries,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// BuildInfo exports balasan_build_info{version,goversion} 1, the usual
// way to tell from the metrics which build runs where.
func (m *Metrics) BuildInfo(version, goversion string) {
	g := prometheus.NewGauge(prometheus.GaugeOpts{Name: "balasan_build_info",
		Help:        "The running build: its version and Go release (always 1).",
		ConstLabels: prometheus.Labels{"version": version, "goversion": goversion}})
	g.Set(1)
	m.Registry.MustRegister(g)
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}

// Submission counts one submission's outcome.
func (m *Metrics) Submission(outcome string) { m.submissions.WithLabelValues(outcome).Inc() }

// Moderation counts one moderation action.
func (m *Metrics) Moderation(action string) { m.moderations.WithLabelValues(action).Inc() }

// Request records one answered request. route is the route pattern
// (/api/articles/:key/comments), never the raw path, so labels stay few.
func (m *Metrics) Request(method, route string, status int, d time.Duration) {
	m.series.get(m.requests, method, route, status).Observe(d.Seconds())
}

// Delivery counts one outbox delivery attempt (the outbox worker's Observe).
func (m *Metrics) Delivery(kind, outcome string) { m.deliveries.WithLabelValues(kind, outcome).Inc() }

// SubmitStarted and SubmitDone track submissions in flight.
func (m *Metrics) SubmitStarted() { m.inFlight.Inc() }

// SubmitDone marks a submission finished.
func (m *Metrics) SubmitDone() { m.inFlight.Dec() }
