package spam

import (
	"strings"

	"balasan/internal/textnorm"
)

// Evidence beyond single words. Prefixes contain ':' and word pairs a
// space, so none can collide with a word token.
const (
	tokStyled     = "ev:styled"     // mathematical, fullwidth or circled letters
	tokLookalike  = "ev:lookalike"  // Cyrillic or Greek letters posing as Latin
	tokMixScript  = "ev:mixscript"  // a word mixing those with Latin letters
	tokInvisible  = "ev:invisible"  // zero-width and other format characters
	tokSpaced     = "ev:spaced"     // "s l o t", "s.l.o.t"
	tokLeet       = "ev:leet"       // "g4c0r"
	tokManyMixed  = "shape:manymix" // a fifth of the words mix letters and digits
	tokCall       = "has:call"      // "cek bio", "hubungi wa": contact elsewhere
	tokHandle     = "has:handle"    // "@admin_cuan"
	tokWA         = "has:wa"        // WhatsApp or Telegram named
	prefixGram    = "gram:"         // a 4-letter piece of a brand-like word
	prefixStem    = "stem:"         // a brand-like word without its number
	prefixLen     = "len:"          // length class of the comment
	maxPairs      = 64              // word pairs per comment: long texts stop adding them
	gramRunes     = 4
	longComment   = 400 // bytes
	minBrandRunes = 5
)

// callPhrases send a reader elsewhere without a link, which is how spam
// gets past link limits. Matched on folded text.
var callPhrases = []string{
	"cek bio", "link bio", "link di bio", "lihat bio", "cek profil", "klik profil",
	"kunjungi profil", "cek ig", "cek link", "klik link", "hubungi wa", "chat wa",
	"hubungi admin", "hubungi kami", "wa admin", "dm admin", "info lengkap wa",
	"wa.me", "t.me/", "bit.ly", "s.id/",
}

// brand emits what a word mixing letters and digits ("rajacuan4d",
// "petirmas77", "g4c0r") shares with its relatives: its leetspeak reading,
// its stem without the number, and its 4-letter pieces, so that a brand
// renamed from last week's ("rajacuan88") is still recognised.
// It returns the word as read, leetspeak folded.
func (t *tokenizer) brand(w string) string {
	if l, ok := textnorm.Leet(w); ok {
		t.add(l)
		t.add(tokLeet)
		t.nLeet++
		w = l
	}
	stem := strings.TrimRight(w, "0123456789")
	if stem != w && len(stem) >= 3 && allLetters(stem) {
		t.add(prefixStem + stem)
	}
	if len(w) < minBrandRunes || !isASCII(w) {
		return w
	}
	for i := 0; i+gramRunes <= len(w); i++ {
		t.add(prefixGram + w[i:i+gramRunes])
	}
	return w
}

func allLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// evidence emits the tokens of disguise, calls to contact elsewhere, and
// the comment's shape.
func (t *tokenizer) evidence(plain string, ev textnorm.Evidence) {
	if ev.Styled >= 2 {
		t.add(tokStyled)
	}
	if ev.Confusable > 0 {
		t.add(tokLookalike)
	}
	if ev.MixedScript > 0 {
		t.add(tokMixScript)
	}
	if ev.Invisible > 0 {
		t.add(tokInvisible)
	}
	if ev.Spaced > 0 {
		t.add(tokSpaced)
	}
	if t.nWords >= 5 && 5*t.nMixed >= t.nWords {
		t.add(tokManyMixed)
	}
	low := strings.ToLower(plain)
	for _, p := range callPhrases {
		if strings.Contains(low, p) {
			t.add(tokCall)
			break
		}
	}
	handle := false
	if i := strings.IndexByte(low, '@'); i >= 0 && i+1 < len(low) && (i == 0 || low[i-1] == ' ') && isHandleByte(low[i+1]) {
		t.add(tokHandle)
		handle = true
	}
	// A messenger named beside a number or handle is contact information;
	// named alone ("grup WA keluarga") it is ordinary talk.
	_, phone := t.seen[tokPhone]
	if (phone || handle) && (hasWord(low, "wa") || strings.Contains(low, "whatsapp") || strings.Contains(low, "telegram")) {
		t.add(tokWA)
	}
	// Only long comments are marked: a short one is as likely a reader's
	// "Setuju!" as a spammer's line, and a corpus cannot weigh that fairly.
	if len(plain) >= longComment {
		t.add(prefixLen + "long")
	}
}

// hasWord reports whether w occurs in s as a whole word.
func hasWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		if (j == 0 || !isHandleByte(s[j-1])) && (end == len(s) || !isHandleByte(s[end])) {
			return true
		}
		i = j + 1
	}
}

func isHandleByte(c byte) bool {
	return c == '_' || ('a' <= c && c <= 'z') || ('0' <= c && c <= '9')
}
