package spam

import (
	"sync"

	"balasan/internal/comment"
)

// Counts is one token's tallies: the number of learned spam and ham
// documents that contained the token.
type Counts = comment.SpamCounts

// Delta is a change to persist: token counts to add (negative after Unlearn)
// and document counts to add. Tokens holds only tokens whose counts changed.
type Delta = comment.SpamDelta

// Model is a naive Bayes spam model. It is safe for concurrent use; the zero
// value is an empty model ready to use.
type Model struct {
	mu       sync.RWMutex
	tokens   map[string]Counts // learned from moderators: what the store keeps
	spamDocs int
	hamDocs  int
	base     *Base // the starter, or nil; never stored, never unlearned
}

// SetBase makes the model judge with b's tallies added to what it learns
// (nil: only what it learns). Learn, Unlearn, Load, Snapshot and the
// deltas concern the learned part alone, so the store never holds the
// starter and switching it off leaves moderators' teaching intact.
func (m *Model) SetBase(b *Base) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.base = b
}

// NewModel returns an empty model.
func NewModel() *Model {
	return &Model{tokens: make(map[string]Counts)}
}

// Load replaces the model's state, typically with rows read from the
// database at start-up. The map is copied, so the caller may reuse it.
// Negative counts (a corrupt row) are treated as zero, and tokens with no
// counts are dropped so the in-memory table matches what Learn/Unlearn keep.
func (m *Model) Load(tokens map[string]Counts, spamDocs, hamDocs int) {
	t := make(map[string]Counts, len(tokens))
	for tok, c := range tokens {
		c.Spam, c.Ham = max(c.Spam, 0), max(c.Ham, 0)
		if c != (Counts{}) {
			t[tok] = c
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.tokens, m.spamDocs, m.hamDocs = t, max(spamDocs, 0), max(hamDocs, 0)
}

// Snapshot returns a copy of the model's state, in the form Load accepts.
// A store can use it to rewrite its tables in full.
func (m *Model) Snapshot() (tokens map[string]Counts, spamDocs, hamDocs int) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	tokens = make(map[string]Counts, len(m.tokens))
	for tok, c := range m.tokens {
		tokens[tok] = c
	}
	return tokens, m.spamDocs, m.hamDocs
}

// Learn adds one document as spam (isSpam) or ham and returns the delta the
// store must add to its rows.
func (m *Model) Learn(text string, isSpam bool) Delta {
	toks := Tokens(text) // outside the lock: tokenizing is the slow part
	d := Delta{Tokens: make(map[string]Counts, len(toks))}
	one := Counts{Ham: 1}
	if isSpam {
		one = Counts{Spam: 1}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.tokens == nil {
		m.tokens = make(map[string]Counts)
	}
	for _, tok := range toks {
		c := m.tokens[tok]
		m.tokens[tok] = Counts{Spam: c.Spam + one.Spam, Ham: c.Ham + one.Ham}
		d.Tokens[tok] = one
	}
	m.spamDocs += one.Spam
	m.hamDocs += one.Ham
	d.SpamDocs, d.HamDocs = one.Spam, one.Ham
	return d
}

// Unlearn removes one earlier-learned document, for when a moderator
// reverses a decision, and returns the delta (negative counts) the store must
// add. Counts never go below zero: if the document was never learned (or the
// tokenizer changed since), only what is actually there is removed, and the
// delta records exactly that so the store stays equal to the model.
func (m *Model) Unlearn(text string, isSpam bool) Delta {
	toks := Tokens(text)
	d := Delta{Tokens: make(map[string]Counts, len(toks))}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, tok := range toks {
		c, ok := m.tokens[tok]
		if !ok {
			continue
		}
		var step Counts
		if isSpam && c.Spam > 0 {
			step.Spam = -1
		} else if !isSpam && c.Ham > 0 {
			step.Ham = -1
		} else {
			continue
		}
		c.Spam += step.Spam
		c.Ham += step.Ham
		if c == (Counts{}) {
			delete(m.tokens, tok) // keep the table from filling with zero rows
		} else {
			m.tokens[tok] = c
		}
		d.Tokens[tok] = step
	}
	if isSpam && m.spamDocs > 0 {
		m.spamDocs--
		d.SpamDocs = -1
	} else if !isSpam && m.hamDocs > 0 {
		m.hamDocs--
		d.HamDocs = -1
	}
	return d
}
