package main

import (
	"io"
	"net/http"
	"sort"
	"sync"
	"time"
)

// Debian's wrk has no fixed-rate mode (wrk2's -R), and a closed loop
// hides queueing: a slow answer delays the next request instead of
// showing as latency. fixedRate sends requests on a fixed schedule and
// measures each from when it was due, so a stall counts for every
// request that should have gone out during it (no coordinated omission).

// rateResult is what a fixed-rate run measured.
type rateResult struct {
	Sent, Failed int
	RPS          float64
	P50, P99     time.Duration
}

// fixedRate sends rate requests a second for d over conns keep-alive
// connections, each to the URL next returns, with the headers given.
func fixedRate(rate int, d time.Duration, conns int, next func() string, header http.Header) rateResult {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns,
		DisableCompression: true}, Timeout: 10 * time.Second}
	total := int(float64(rate) * d.Seconds())
	interval := time.Second / time.Duration(rate)
	start := time.Now()
	lat := make([]time.Duration, total)
	failed := make([]bool, total)
	jobs := make(chan int, total)
	var wg sync.WaitGroup
	// More workers than connections: a worker waiting for a connection is
	// a request queueing, which is what the latency must show.
	for range conns * 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				due := start.Add(time.Duration(i) * interval)
				if w := time.Until(due); w > 0 {
					time.Sleep(w)
				}
				req, _ := http.NewRequest(http.MethodGet, next(), nil)
				for k, v := range header {
					req.Header[k] = v
				}
				resp, err := client.Do(req)
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					failed[i] = resp.StatusCode >= 400
				} else {
					failed[i] = true
				}
				lat[i] = time.Since(due)
			}
		}()
	}
	for i := range total {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	r := rateResult{Sent: total, RPS: float64(total) / time.Since(start).Seconds()}
	for _, f := range failed {
		if f {
			r.Failed++
		}
	}
	r.P50, r.P99 = percentile(lat, 0.50), percentile(lat, 0.99)
	return r
}

// percentile of durations (sorts a copy).
func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}
