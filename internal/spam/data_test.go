package spam

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// example is one labelled comment from testdata.
type example struct {
	spam bool
	text string
}

// readExamples parses a labelled file: one comment a line, prefixed with
// "spam\t" or "ham\t". Blank lines are skipped; anything else fails the test
// so a typo in the data set cannot silently shrink it.
func readExamples(tb testing.TB, path string) []example {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []example
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		label, text, ok := strings.Cut(sc.Text(), "\t")
		if !ok || (label != "spam" && label != "ham") || strings.TrimSpace(text) == "" {
			tb.Fatalf("%s:%d: want \"spam\\t...\" or \"ham\\t...\", got %q", path, line, sc.Text())
		}
		out = append(out, example{spam: label == "spam", text: text})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// trainedModel returns a model trained on corpus/base.txt.
func trainedModel(tb testing.TB) *Model {
	tb.Helper()
	m := NewModel()
	for _, ex := range readExamples(tb, "corpus/base.txt") {
		m.Learn(ex.text, ex.spam)
	}
	return m
}
