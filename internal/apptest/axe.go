package apptest

import (
	"context"
	_ "embed" // axe-core, for the accessibility checks
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core 4.14.1 (npm package axe-core, MPL-2.0; its
// licence header is kept at the top of the file, the full text is in
// testdata/axe-LICENSE.txt). To update: npm pack axe-core@4, copy
// package/axe.min.js here. It is only ever loaded by tests.
//
//go:embed testdata/axe.min.js
var axeSource string

// AxeVersion is the vendored axe-core's version.
const AxeVersion = "4.14.1"

// AxeTags are the rule sets checked: WCAG 2.0 and 2.1, levels A and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// Violation is one axe-core rule that the page breaks, with the elements
// that break it.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target         []any  `json:"target"`
		HTML           string `json:"html"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

// String describes the violation for a test's failure message.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    %v %s\n      %s", n.Target, n.HTML, strings.ReplaceAll(n.FailureSummary, "\n", "\n      "))
	}
	return b.String()
}

// RunAxe checks the page open in ctx's tab with axe-core against WCAG 2.1
// A and AA and returns the violations. The script is injected through
// the DevTools protocol, which a page's Content-Security-Policy does not
// govern, so the page's own strict policy stays as it is served.
func RunAxe(ctx context.Context) ([]Violation, error) {
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		return nil, err
	}
	if !loaded {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axeSource+"\n;void 0")); err != nil {
			return nil, fmt.Errorf("load axe-core: %w", err)
		}
	}
	tags := `["` + strings.Join(AxeTags, `","`) + `"]`
	return chromedp.Run(ctx, chromedp.Evaluate[[]Violation](
		`axe.run(document, {runOnly: {type: "tag", values: `+tags+`}, resultTypes: ["violations"]}).then(r => r.violations)`,
		chromedp.EvalAwaitPromise))
}

// Axe runs RunAxe on the page in ctx and returns one line per violation;
// a check that cannot run fails tb.
func Axe(tb testing.TB, ctx context.Context) []string {
	tb.Helper()
	actx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	vs, err := RunAxe(actx)
	if err != nil {
		tb.Fatalf("axe-core: %v", err)
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.String()
	}
	return out
}
