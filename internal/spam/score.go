package spam

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// MinDocs is the number of learned documents of each class below which Score
// refuses to judge and returns 0.5. With fewer than five examples of a class
// a single unusual comment dominates every token's ratio, and a new site
// would start auto-spamming after its first few moderator clicks.
const MinDocs = 5

// SpamThreshold is the score at or above which a comment is treated as
// near-certain spam and may go straight to the spam folder without a
// moderator. Fisher's combination pushes scores towards 0 or 1 only when the
// clues agree, so 0.99 leaves unsure comments (roughly 0.2..0.99) for a human
// while still catching typical gambling, loan and link spam; a false positive
// (hiding a reader's comment) costs more than a missed spam.
const SpamThreshold = 0.99

const (
	// Robinson's f(w): s is the strength given to the prior belief x about a
	// token seen too rarely to trust its ratio. s=1, x=0.5 as recommended.
	priorStrength = 1.0
	priorProb     = 0.5
	// Clues weaker than this (|f-0.5| < 0.1) are mostly noise and only dilute
	// the chi-square combination; SpamBayes uses the same cut-off.
	minStrength = 0.1
	// maxClues bounds the work per comment and keeps one very long comment
	// from drowning its strongest evidence in hundreds of weak tokens.
	maxClues = 150
)

// clue is one token's smoothed spam probability f(w).
type clue struct {
	tok string
	f   float64
}

// Score returns the probability in [0,1] that text is spam. It returns 0.5
// (no opinion) while the model has fewer than MinDocs documents of either
// class, and when no token of the text carries enough evidence.
func (m *Model) Score(text string) float64 {
	toks := Tokens(text)
	m.mu.RLock()
	if m.spamDocs < MinDocs || m.hamDocs < MinDocs {
		m.mu.RUnlock()
		return 0.5
	}
	clues := make([]clue, 0, len(toks))
	for _, tok := range toks {
		c, ok := m.tokens[tok]
		if !ok {
			continue // unseen: f would be exactly x = 0.5, no evidence
		}
		if f := m.tokenProb(c); math.Abs(f-0.5) >= minStrength {
			clues = append(clues, clue{tok, f})
		}
	}
	m.mu.RUnlock()
	return fisher(clues)
}

// tokenProb is Robinson's f(w) for one token. Caller holds m.mu.
//
// The raw probability compares the token's frequency among spam and ham
// documents, so that an unbalanced training set (more ham than spam) does not
// bias every token; f(w) then shrinks it towards x by how little it was seen.
func (m *Model) tokenProb(c Counts) float64 {
	// Ratios are capped at 1 because Load may bring counts that exceed the
	// document totals (e.g. rows written by an older tokenizer).
	b := math.Min(1, float64(c.Spam)/float64(m.spamDocs))
	g := math.Min(1, float64(c.Ham)/float64(m.hamDocs))
	if b+g == 0 {
		return priorProb
	}
	p := b / (b + g)
	n := float64(c.Spam + c.Ham)
	return (priorStrength*priorProb + n*p) / (priorStrength + n)
}

// fisher combines clues with Fisher's method as in SpamBayes: S measures how
// strongly the clues reject "this is ham", H how strongly they reject "this
// is spam", and the score is (1 + S - H) / 2. When both are high (or both
// low) the comment is ambiguous and the score stays near 0.5.
func fisher(clues []clue) float64 {
	if len(clues) == 0 {
		return 0.5
	}
	// Strongest first; the token breaks ties so the chosen set and the
	// order of summation are deterministic.
	slices.SortFunc(clues, func(a, b clue) int {
		if c := cmp.Compare(math.Abs(b.f-0.5), math.Abs(a.f-0.5)); c != 0 {
			return c
		}
		return strings.Compare(a.tok, b.tok)
	})
	if len(clues) > maxClues {
		clues = clues[:maxClues]
	}
	// Sums of logarithms instead of products of probabilities, which would
	// underflow to zero after a few hundred clues.
	var lnSpam, lnHam float64
	for _, c := range clues {
		lnSpam += math.Log(c.f)
		lnHam += math.Log1p(-c.f)
	}
	df := 2 * len(clues)
	s := 1 - chi2Q(-2*lnHam, df)
	h := 1 - chi2Q(-2*lnSpam, df)
	p := (1 + s - h) / 2
	if math.IsNaN(p) {
		return 0.5
	}
	return math.Max(0, math.Min(1, p))
}

// chi2Q returns the probability that a chi-square variable with df (even)
// degrees of freedom exceeds x2. For even df it is the closed form
// sum_{i<df/2} e^-m m^i / i! with m = x2/2; the terms are added in log space
// (log-sum-exp) because e^-m underflows for m > ~745 while later terms of
// the series can still matter.
func chi2Q(x2 float64, df int) float64 {
	m := x2 / 2
	if !(m > 0) {
		return 1
	}
	lnM := math.Log(m)
	// Streaming log-sum-exp: sum is the series scaled by e^-hi, where hi is
	// the largest log-term so far, so nothing overflows or underflows.
	term := -m // log of the i = 0 term
	hi, sum := term, 1.0
	for i := 1; i < df/2; i++ {
		term += lnM - math.Log(float64(i))
		if term > hi {
			sum = sum*math.Exp(hi-term) + 1
			hi = term
		} else {
			sum += math.Exp(term - hi)
		}
	}
	return math.Min(1, math.Exp(hi+math.Log(sum)))
}
