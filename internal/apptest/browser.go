package apptest

import (
	"cmp"
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

// Until is an action that waits, up to 15 s, for a JavaScript condition to
// hold (a throwing expression counts as false). It evaluates the condition
// afresh each time rather than with chromedp.Poll: a poll begun while a
// cross-origin navigation swaps the page's JavaScript context fails with
// "Cannot find context with specified id".
func Until(expr string) chromedp.Action[chromedp.Void] {
	cond := "(() => { try { return !!(" + expr + ") } catch (e) { return false } })()"
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		for {
			ok, err := chromedp.Evaluate[bool](cond)(ctx, t)
			if ok {
				return chromedp.Void{}, nil
			}
			select {
			case <-ctx.Done():
				return chromedp.Void{}, cmp.Or(err, ctx.Err())
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
}
