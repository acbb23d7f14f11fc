package spam

import (
	"strings"
	"unicode"
)

// Disguises is the number of kinds Obfuscate knows.
const Disguises = 8

// Obfuscate returns text disguised the way spammers dodge filters, one kind
// per value of kind (modulo Disguises): mathematical bold or sans italic
// letters, fullwidth forms, Cyrillic look-alikes, zero-width spaces inside
// words, the longest word spaced or dotted out, or leetspeak. The starter
// model learns each spam example in one disguise too, so that the
// evidence tokens (ev:…) carry weight from the first day; the tests use it
// to disguise held-out spam that the starter never saw.
func Obfuscate(text string, kind int) string {
	switch ((kind % Disguises) + Disguises) % Disguises {
	case 0:
		return mapLetters(text, 0x1D41A, 0x1D400) // 𝐚 𝐀: mathematical bold
	case 1:
		return mapLetters(text, 0x1D622, 0x1D608) // 𝘢 𝘈: sans-serif italic
	case 2:
		return mapLetters(text, 0xFF41, 0xFF21) // ａ Ａ: fullwidth
	case 3:
		return strings.Map(func(r rune) rune {
			if c, ok := cyrillic[r]; ok {
				return c
			}
			return r
		}, text)
	case 4:
		return zeroWidth(text)
	case 5:
		return spellOut(text, " ")
	case 6:
		return spellOut(text, ".")
	default:
		return strings.NewReplacer("a", "4", "o", "0", "i", "1", "e", "3").Replace(text)
	}
}

// cyrillic holds the Cyrillic letters spammers swap into Latin words.
var cyrillic = map[rune]rune{'a': 'а', 'e': 'е', 'o': 'о', 'p': 'р', 'c': 'с', 'i': 'і', 'x': 'х', 'y': 'у', 's': 'ѕ'}

// mapLetters moves ASCII letters to a styled block with the given 'a' and 'A'.
func mapLetters(text string, lower, upper rune) string {
	return strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z':
			return lower + r - 'a'
		case 'A' <= r && r <= 'Z':
			return upper + r - 'A'
		}
		return r
	}, text)
}

// zeroWidth puts a zero-width space after the second letter of each word
// of four letters or more.
func zeroWidth(text string) string {
	var b strings.Builder
	run := 0
	for _, r := range text {
		b.WriteRune(r)
		if unicode.IsLetter(r) {
			run++
			if run == 2 {
				b.WriteRune('\u200B')
			}
		} else {
			run = 0
		}
	}
	return b.String()
}

// spellOut separates the letters of the longest word with sep.
func spellOut(text, sep string) string {
	words := strings.Fields(text)
	best := -1
	for i, w := range words {
		if isASCIILetters(w) && (best < 0 || len(w) > len(words[best])) {
			best = i
		}
	}
	if best < 0 {
		return text
	}
	words[best] = strings.Join(strings.Split(words[best], ""), sep)
	return strings.Join(words, " ")
}

func isASCIILetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if !('a' <= w[i] && w[i] <= 'z') && !('A' <= w[i] && w[i] <= 'Z') {
			return false
		}
	}
	return w != ""
}
