package textnorm

// leetDigits maps the digits that stand for letters in leetspeak.
var leetDigits = [10]byte{'o', 'i', 'z', 'e', 'a', 's', 'g', 't', 'b', 'g'}

// Leet folds leetspeak in one folded word ("g4c0r" → "gacor", "sl0t88" →
// "slot88"): a digit is read as a letter when letters stand on both sides
// of it, or when it starts a word whose next rune is a letter ("0bat").
// Trailing digits stay ("slot88", "4d" is togel slang, "rajacuan4d" keeps
// its "4d"), so brand numbers are not mangled. ok is false when nothing
// changed. The result is a second token stream: callers keep the word too.
func Leet(w string) (string, bool) {
	var b []byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c < '0' || c > '9' {
			continue
		}
		prevLetter := i > 0 && isLetter(w[i-1])
		nextLetter := i+1 < len(w) && isLetter(w[i+1])
		// "4d" at a word's end is a togel market, not a letter.
		if i+2 == len(w) && w[i+1] == 'd' {
			continue
		}
		if !(prevLetter && nextLetter) && !(i == 0 && nextLetter && len(w) >= 4) {
			continue
		}
		if b == nil {
			b = []byte(w)
		}
		b[i] = leetDigits[c-'0']
	}
	if b == nil {
		return w, false
	}
	return string(b), true
}
