package apptest

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core 4.14.1 (Deque Systems, MPL-2.0, licence beside
// it), from npm's axe-core package. It is kept here, not installed at test
// time, so the accessibility tests run the same everywhere, offline too;
// apptest is imported by tests only, so the binary never carries it.
//
//go:embed axe/axe.min.js
var axeSource string

// Axe runs axe-core's WCAG 2.1 A and AA rules on the page in ctx and
// returns one line per violation: rule, impact, and the first nodes.
func Axe(tb testing.TB, ctx context.Context) []string {
	tb.Helper()
	actx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(actx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
		tb.Fatalf("load axe-core: %v", err)
	}
	type node struct{ Target []any }
	var res struct {
		Violations []struct {
			ID, Impact, Help string
			Nodes            []node
		}
	}
	run := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
		.then(r => ({Violations: r.violations.map(v => ({ID: v.id, Impact: v.impact || "", Help: v.help, Nodes: v.nodes.map(n => ({Target: n.target}))}))}))`
	v, err := chromedp.Run(actx, chromedp.Evaluate[[]byte](run, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.Fatalf("run axe-core: %v", err)
	}
	if err := json.Unmarshal(v, &res); err != nil {
		tb.Fatalf("axe-core result: %v", err)
	}
	var out []string
	for _, x := range res.Violations {
		var where []string
		for i, n := range x.Nodes {
			if i == 3 {
				where = append(where, fmt.Sprintf("… %d more", len(x.Nodes)-3))
				break
			}
			where = append(where, fmt.Sprint(n.Target...))
		}
		out = append(out, fmt.Sprintf("%s (%s): %s — %s", x.ID, x.Impact, x.Help, strings.Join(where, "; ")))
	}
	return out
}
