package spam

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"balasan/internal/textnorm"
)

const (
	// Words shorter than two runes carry no signal; words longer than 32
	// runes are glued garbage or encoded blobs that would bloat the table.
	minWordRunes = 2
	maxWordRunes = 32
	// Longer digit runs are phone numbers, amounts and ids: too specific to
	// ever repeat, so they are represented by has:phone / has:money instead.
	maxDigitWordRunes = 4
	// manyLinks distinct links in one comment is unusual for a reader.
	manyLinks = 3
	// maxTextBytes bounds the work per comment; a reader's comment is far
	// shorter, and the evidence in a megabyte of pasted junk is in its start.
	maxTextBytes = 64 << 10
	// minShoutWords ALL CAPS words (and at least a third of all words)
	// make a comment "shouting"; one acronym such as DPR must not.
	minShoutWords = 3
)

// Special tokens. Their prefixes contain ':' so they can never collide with
// word tokens, which consist only of letters and digits.
const (
	tokLink     = "has:link"
	tokManyLink = "has:manylinks"
	tokEmail    = "has:email"
	tokPhone    = "has:phone"
	tokMoney    = "has:money"
	tokShouting = "has:shouting"
	tokExclaim  = "has:exclaims"
	tokEmoji    = "has:emoji"
	tokMixed    = "shape:mixed" // letters and digits in one word: gacor88, 4d
	prefixHost  = "host:"
	prefixTLD   = "tld:"
	prefixCaps  = "caps:"
)

// moneyUnits follow a number to make it an amount ("50 ribu", "10 jt").
var moneyUnits = map[string]bool{
	"rb": true, "ribu": true, "jt": true, "juta": true, "miliar": true,
	"triliun": true, "rupiah": true, "perak": true,
}

// moneySuffixes may be glued to a number ("50rb", "10jt", "500k").
var moneySuffixes = []string{"ribu", "juta", "rb", "jt", "k"}

// currencies precede a number ("Rp 50.000", "Rp50.000", "IDR 1.000").
var currencies = map[string]bool{"rp": true, "idr": true, "usd": true}

// Tokens splits text into lower-cased, deduplicated tokens in order of first
// appearance: words of 2..32 Unicode letters or digits, plus special tokens
// for links ("has:link", "has:manylinks", "host:example.com",
// "tld:com"), e-mail addresses, phone numbers, money amounts, ALL CAPS words
// ("caps:gacor", "has:shouting"), words mixing letters and digits, repeated
// exclamation marks and emoji. The text may contain HTML: tags are stripped
// crudely, entities decoded and href= targets treated as links. Only the
// first 64 KiB of text are looked at.
func Tokens(text string) []string {
	if len(text) > maxTextBytes {
		text = text[:maxTextBytes] // a split rune becomes U+FFFD below
	}
	text = strings.ToValidUTF8(text, "\uFFFD")
	plain, hrefs := stripTags(text)
	plain = html.UnescapeString(plain)
	// Judge the letters a reader sees, whatever their disguise; the
	// disguise itself is evidence (evidence.go).
	plain, ev := textnorm.Clean(plain)
	for i, h := range hrefs {
		hrefs[i] = textnorm.Fold(h)
	}
	// About one token per three bytes of text (words, pairs, signals):
	// sized once, not grown.
	t := tokenizer{seen: make(map[string]struct{}, min(len(plain)/3+8, 1024))}
	t.words(t.links(plain, hrefs))
	t.phones(plain)
	t.shapes(plain)
	t.evidence(plain, ev)
	return t.out
}

// tokenizer collects tokens, keeping the first occurrence of each: a naive
// Bayes model over document counts wants presence, not frequency.
type tokenizer struct {
	seen map[string]struct{}
	out  []string
	// Filled by words for evidence: words seen, words mixing letters and
	// digits, words read as leetspeak.
	nWords, nMixed, nLeet int
	pairs                 int
}

func (t *tokenizer) add(tok string) {
	if _, dup := t.seen[tok]; dup {
		return
	}
	t.seen[tok] = struct{}{}
	t.out = append(t.out, tok)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// words emits word tokens and the tokens that depend on a word's shape or
// on its neighbour (money amounts).
func (t *tokenizer) words(s string) {
	var caps, lettered int
	prev := ""
	pairPrev := "" // the previous word, if a pair may start with it
	start := -1
	flush := func(raw string) {
		var n, letters, upper, digits int
		for _, r := range raw {
			n++
			switch {
			case unicode.IsDigit(r):
				digits++
			case unicode.IsUpper(r):
				letters++
				upper++
			default:
				letters++
			}
		}
		w := raw
		if upper > 0 || !isASCII(raw) {
			w = strings.Map(unicode.ToLower, raw)
		}
		if isMoney(prev, w, digits == n) {
			t.add(tokMoney)
		}
		kept := n >= minWordRunes && n <= maxWordRunes && (letters > 0 || n <= maxDigitWordRunes)
		if kept {
			t.add(w)
			t.nWords++
		}
		read := w // the word as read: leetspeak folded
		if kept && letters > 0 && digits > 0 {
			t.nMixed++
			read = t.brand(w)
		}
		if kept && letters > 0 && pairPrev != "" && t.pairs < maxPairs {
			t.add(pairPrev + " " + read)
			t.pairs++
		}
		pairPrev = ""
		if kept && letters > 0 {
			pairPrev = read
		}
		if letters >= 3 && upper == letters && n <= maxWordRunes {
			t.add(prefixCaps + w)
			caps++
		}
		if letters > 0 && digits > 0 {
			t.add(tokMixed)
		}
		if letters > 0 {
			lettered++
		}
		prev = w
	}
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			flush(s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		flush(s[start:])
	}
	if caps >= minShoutWords && 3*caps >= lettered {
		t.add(tokShouting)
	}
}

// isMoney reports whether word w, preceded by word prev, is an amount.
func isMoney(prev, w string, numeric bool) bool {
	switch {
	case numeric:
		return currencies[prev]
	case moneyUnits[w]:
		return prev != "" && allDigits(prev)
	case strings.HasPrefix(w, "rp") && allDigits(w[2:]):
		return true
	}
	for _, suf := range moneySuffixes {
		if num, ok := strings.CutSuffix(w, suf); ok {
			return allDigits(num)
		}
	}
	return false
}

// isASCII reports whether s holds only ASCII bytes, which lower-case alone.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// allDigits reports whether s is a non-empty run of ASCII digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// links emits host, TLD and link-count tokens for links in the visible text
// and in href= attributes, and returns the text with its link fields blanked
// out. Links are counted once per distinct URL, so an anchor whose text
// repeats its href is still one link.
//
// Blanking keeps "https", "www" and "com" out of the word tokens: naive Bayes
// assumes independent tokens, and counting one link five times made a
// reader's single link to an official site look like a spammer's.
func (t *tokenizer) links(plain string, hrefs []string) (rest string) {
	urls := make(map[string]struct{})
	see := func(field string) bool {
		host, ok := linkHost(field)
		if !ok {
			return false
		}
		urls[strings.ToLower(trimLinkPunct(field))] = struct{}{}
		t.add(prefixHost + host)
		t.add(prefixTLD + tld(host))
		t.hostWords(host)
		return true
	}
	for _, h := range hrefs {
		see(h)
	}
	fields := strings.Fields(plain)
	blanked := false
	for i, f := range fields {
		if strings.Contains(f, "@") && !strings.Contains(f, "://") {
			if at := strings.LastIndexByte(f, '@'); validHost(strings.ToLower(strings.Trim(f[at+1:], ".,;:!?()"))) {
				t.add(tokEmail)
			}
			continue
		}
		if see(f) {
			fields[i], blanked = "", true
		}
	}
	if len(urls) > 0 {
		t.add(tokLink)
	}
	if len(urls) >= manyLinks {
		t.add(tokManyLink)
	}
	if !blanked {
		return plain
	}
	return strings.Join(fields, " ")
}

// phones emits has:phone for Indonesian mobile numbers (08…, 628…, +628…),
// which may be written with single spaces, dots or dashes between groups.
func (t *tokenizer) phones(s string) {
	var digits []byte
	gap := false
	check := func() {
		n := len(digits)
		if n >= 10 && n <= 14 && (string(digits[:2]) == "08" || string(digits[:3]) == "628") {
			t.add(tokPhone)
		}
		digits, gap = digits[:0], false
	}
	for _, r := range s {
		switch {
		case '0' <= r && r <= '9':
			digits = append(digits, byte(r))
			gap = false
		case len(digits) > 0 && !gap && strings.ContainsRune(" -.()", r):
			gap = true
		default:
			check()
		}
	}
	check()
}

// shapes emits tokens for features outside words: "!!", emoji and "$5".
func (t *tokenizer) shapes(s string) {
	if strings.Contains(s, "!!") {
		t.add(tokExclaim)
	}
	prevDollar := false
	for _, r := range s {
		if prevDollar && '0' <= r && r <= '9' {
			t.add(tokMoney)
		}
		prevDollar = r == '$'
		// Pictographs live in U+1F000..U+1FAFF; older symbols such as ☎ and
		// ✅ are So (other symbol) from U+2600 on, below which sit © and ®.
		if (r >= 0x1F000 && r <= 0x1FAFF) || (r >= 0x2600 && unicode.Is(unicode.So, r)) {
			t.add(tokEmoji)
		}
	}
}

// hostWords emits the words inside a host name ("slot88" and "gacor" from
// "slot88-gacor.vip"), so that a new domain built from known spam words is
// still recognised. The TLD and "www" are left to the tld: token.
func (t *tokenizer) hostWords(host string) {
	labels := strings.FieldsFunc(strings.TrimSuffix(host, "."+tld(host)), func(r rune) bool {
		return r == '.' || r == '-'
	})
	for _, l := range labels {
		if n := utf8.RuneCountInString(l); l != "www" && n >= minWordRunes && n <= maxWordRunes {
			t.add(l)
		}
	}
}
