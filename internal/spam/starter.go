package spam

import (
	"bufio"
	"embed"
	"io/fs"
	"strings"
	"sync"
)

// corpus is the text the starter model learns from: labelled comments
// written for Balasan (corpus/README.md says how). The held-out comments
// that measure it live in testdata and are never in here.
//
//go:embed corpus/*.txt
var corpus embed.FS

// Base is a model's fixed starting point: the starter's tallies, added to
// what moderators teach. It never changes and is shared by every model.
type Base struct {
	tokens            map[string]Counts
	spamDocs, hamDocs int
}

var (
	starterOnce sync.Once
	starter     *Base
)

// Starter returns the model learned from the shipped corpus, built once
// per process (about 40 ms) and shared.
func Starter() *Base {
	starterOnce.Do(func() {
		starter = learnStarter(CorpusExamples())
	})
	return starter
}

// Example is one labelled comment.
type Example struct {
	Spam bool
	Text string
}

// CorpusExamples returns the shipped training corpus.
func CorpusExamples() []Example {
	var out []Example
	files, _ := fs.Glob(corpus, "corpus/*.txt")
	for _, name := range files {
		f, err := corpus.Open(name)
		if err != nil {
			panic(err) // embedded: cannot fail
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			label, text, ok := strings.Cut(sc.Text(), "\t")
			if ok && (label == "spam" || label == "ham") && strings.TrimSpace(text) != "" {
				out = append(out, Example{Spam: label == "spam", Text: text})
			}
		}
		f.Close()
	}
	return out
}

// learnStarter learns a starter from labelled examples: each spam is also
// learned in one disguise, so the disguise tokens (ev:…) are evidence
// from day one.
func learnStarter(exs []Example) *Base {
	m := NewModel()
	for i, ex := range exs {
		m.Learn(ex.Text, ex.Spam)
		if ex.Spam {
			m.Learn(Obfuscate(ex.Text, i), true)
		}
	}
	return &Base{tokens: m.tokens, spamDocs: m.spamDocs, hamDocs: m.hamDocs}
}
