package apptest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian (and .ci/run) installs the browser.
const ChromiumPath = "/usr/bin/chromium"

// Browser starts headless Chromium for one test and returns a context whose
// tab the chromedp actions drive; the browser stops when the test ends. It
// skips the test when Chromium is not installed (CI installs it).
func Browser(tb testing.TB) context.Context {
	tb.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		tb.Skip("chromium not installed: " + ChromiumPath)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(ChromiumPath), chromedp.NoSandbox, chromedp.Headless, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.UserDataDir(tb.TempDir()),
		chromedp.Flag("accept-lang", "id-ID,id")) // an Indonesian reader, Balasan's default audience
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	tb.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil { // starts the browser, bound to ctx, not to a timeout
		tb.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// Step runs browser actions with a time limit, failing the test on error.
func Step(tb testing.TB, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	tb.Helper()
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, steps...); err != nil {
		tb.Fatalf("%s: %v", what, err)
	}
}

// Eval evaluates a JavaScript expression in the page and decodes its value.
func Eval[T any](tb testing.TB, ctx context.Context, expr string) T {
	tb.Helper()
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(sctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// Tab opens another tab of the test's browser; chromedp.WithNewBrowserContext()
// makes it a separate profile (no shared cookies or localStorage).
func Tab(tb testing.TB, browser context.Context, opts ...chromedp.ContextOption) context.Context {
	tb.Helper()
	ctx, cancel := chromedp.NewContext(browser, opts...)
	tb.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // opens the tab, bound to ctx, not to a timeout
		tb.Fatalf("open tab: %v", err)
	}
	return ctx
}
