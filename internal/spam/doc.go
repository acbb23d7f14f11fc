// Package spam is a small naive Bayes spam scorer learned from moderators'
// decisions: an approved comment is ham, a comment marked as spam is spam.
//
// The model needs no outside service. Its whole state is a table of
// per-token document counts plus the number of spam and ham documents, so a
// store (written elsewhere) can persist it: Load seeds the model from the
// database at start-up, and every Learn or Unlearn returns the Delta that the
// store must add to its rows.
//
// Scoring follows Gary Robinson's refinement of Paul Graham's "A Plan for
// Spam": each token's spam probability is smoothed towards 0.5 with Robinson's
// f(w) (s = 1, x = 0.5), and the strongest clues are combined with Fisher's
// chi-square method, as SpamBayes does. The combination works on logarithms
// so that long comments cannot underflow, and clues are ordered by strength
// and then by token so that a score never depends on map iteration order.
package spam
