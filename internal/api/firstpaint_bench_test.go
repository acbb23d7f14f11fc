package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"balasan/internal/apptest"
)

// A cheap phone on a slow Indonesian mobile network, as issue 13 sets it.
const (
	slowRTTms     = 150
	slowDownBps   = 1_600_000 / 8
	slowUpBps     = 750_000 / 8
	slowCPU       = 4
	phoneWidthPx  = 390
	phoneHeightPx = 844
)

// firstPaintPage is an article page that notes when the first comment of
// the widget is in the page and has been through a frame (so painted).
func firstPaintPage(base string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Artikel</title>
<script>new MutationObserver((_, o) => { if (document.querySelector("#balasan .bls-comment")) { o.disconnect();
requestAnimationFrame(() => { window.blsFirst = performance.now(); }); } }).observe(document, {childList: true, subtree: true});</script>
</head><body><h1>Artikel uji</h1><p>Isi artikel.</p><div id="balasan" data-article="%s"></div>
<script src="%s/embed.js" async></script></body></html>`, key, base)
	}
}

// BenchmarkWidget_FirstPaintSlowPhone loads an article with 200 comments
// in Chromium on an emulated slow phone (150 ms round trip, 1.6 Mbit/s
// down, 4× CPU slowdown, 390 px wide), with an empty cache each time, and
// reports the time until the first comment is painted and the bytes the
// widget's requests transferred. Run it alone:
//
//	go test ./internal/api -run '^$' -bench FirstPaint -benchtime 5x
func BenchmarkWidget_FirstPaintSlowPhone(b *testing.B) {
	host := httptest.NewUnstartedServer(nil)
	env := apptest.New(b, "-allowed-origins", "http://"+host.Listener.Addr().String())
	host.Config.Handler = firstPaintPage(env.URL)
	host.Start()
	b.Cleanup(host.Close)
	text := "Pantai bersih itu tanggung jawab kita bersama; semoga pemerintah desa menepati janjinya menyediakan tempat sampah terpilah. "
	var tops []int64
	for i := range 200 {
		parent := int64(0)
		if i%4 == 3 { // a quarter are replies, as on a lively article
			parent = tops[len(tops)-1]
		}
		c := seed(b, env, key, fmt.Sprintf("Pembaca Nomor %d", i), fmt.Sprintf("p%d@example.test", i), fmt.Sprintf("%d. %s", i, text), parent, true)
		if parent == 0 {
			tops = append(tops, c.ID)
		}
	}
	ctx := apptest.Browser(b)
	var mu sync.Mutex
	urls, sizes := map[network.RequestID]string{}, map[network.RequestID]float64{}
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			urls[ev.RequestID] = ev.Request.URL
		case *network.EventLoadingFinished:
			sizes[ev.RequestID] += ev.EncodedDataLength
		}
	}); err != nil {
		b.Fatal(err)
	}
	for _, err := range []error{
		call(ctx, network.Enable, network.EnableParams{}),
		call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}),
		call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Latency: slowRTTms, DownloadThroughput: slowDownBps, UploadThroughput: slowUpBps}}}),
		call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: slowCPU}),
		call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: phoneWidthPx, Height: phoneHeightPx, DeviceScaleFactor: 3, Mobile: true}),
	} {
		if err != nil {
			b.Fatal(err)
		}
	}
	var firsts, bytes []float64
	b.ResetTimer()
	for range b.N {
		mu.Lock()
		clear(urls)
		clear(sizes)
		mu.Unlock()
		apptest.Step(b, ctx, "open the article", chromedp.Navigate(host.URL+"/artikel"), apptest.Until("window.blsFirst"),
			apptest.Until(`document.querySelectorAll("#balasan .bls-comment").length >= 50`))
		firsts = append(firsts, apptest.Eval[float64](b, ctx, "window.blsFirst"))
		if testing.Verbose() {
			b.Log(apptest.Eval[string](b, ctx, `performance.getEntriesByType("resource").map(e => e.name.replace(/.*\//, "") + " " + Math.round(e.startTime) + "-" + Math.round(e.responseEnd)).join(", ") + " | first " + Math.round(blsFirst) + " | dcl " + Math.round(performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd)`))
		}
		mu.Lock()
		var n float64
		for id, u := range urls {
			if strings.HasPrefix(u, env.URL) {
				n += sizes[id]
			}
		}
		mu.Unlock()
		bytes = append(bytes, n)
	}
	b.StopTimer()
	b.ReportMetric(median(firsts), "ms-first-comment")
	b.ReportMetric(median(bytes)/1000, "KB-widget")
}

func call[P, R any](ctx context.Context, cmd cdp.Command[P, R], p P) error {
	_, err := chromedp.Call(ctx, cmd, p)
	return err
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}
