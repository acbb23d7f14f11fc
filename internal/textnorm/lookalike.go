package textnorm

// lookalikes maps the Cyrillic and Greek letters that spammers put into
// Latin words ("grаtіs", "ΒΟΝUS") to the Latin letter they imitate. It is
// the part of Unicode's confusables data that matters for Latin text: the
// full table also folds symbols and Latin letters among themselves ("rn" as
// "m"), which would merge ordinary words. Case is kept; Fold lower-cases.
var lookalikes = map[rune]rune{
	// Cyrillic upper case
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O',
	'Р': 'P', 'С': 'C', 'Т': 'T', 'Х': 'X', 'У': 'Y', 'Ѕ': 'S', 'І': 'I',
	'Ј': 'J', 'Ԛ': 'Q', 'Ԝ': 'W', 'Һ': 'H', 'Ү': 'Y', 'Ӏ': 'I',
	// Cyrillic lower case (в, к, м, н, т imitate small capitals)
	'а': 'a', 'в': 'b', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o',
	'р': 'p', 'с': 'c', 'т': 't', 'х': 'x', 'у': 'y', 'ѕ': 's', 'і': 'i',
	'ј': 'j', 'ԛ': 'q', 'ԝ': 'w', 'һ': 'h', 'ү': 'y', 'ӏ': 'l', 'ԁ': 'd',
	'ѵ': 'v', 'ɡ': 'g', 'ı': 'i',
	// Greek upper case
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K',
	'Μ': 'M', 'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
	// Greek lower case
	'α': 'a', 'ο': 'o', 'ρ': 'p', 'ν': 'v', 'ι': 'i', 'κ': 'k', 'τ': 't',
	'υ': 'u', 'χ': 'x', 'ε': 'e', 'ω': 'w',
	// Latin small capitals, which have no decomposition
	'ᴀ': 'a', 'ʙ': 'b', 'ᴄ': 'c', 'ᴅ': 'd', 'ᴇ': 'e', 'ғ': 'f', 'ɢ': 'g',
	'ʜ': 'h', 'ɪ': 'i', 'ᴊ': 'j', 'ᴋ': 'k', 'ʟ': 'l', 'ᴍ': 'm', 'ɴ': 'n',
	'ᴏ': 'o', 'ᴘ': 'p', 'ʀ': 'r', 'ꜱ': 's', 'ᴛ': 't', 'ᴜ': 'u', 'ᴠ': 'v',
	'ᴡ': 'w', 'ʏ': 'y', 'ᴢ': 'z',
}

// letterBlocks are runs of styled capitals A..Z without a decomposition:
// negative circled (🅐), negative squared (🅰) and regional indicators (🇦).
var letterBlocks = [...]rune{0x1F150, 0x1F170, 0x1F1E6}

func lookalike(r rune) (rune, bool) {
	if r >= 0x1F150 {
		for _, first := range letterBlocks {
			if r >= first && r < first+26 {
				return 'A' + (r - first), true
			}
		}
		return 0, false
	}
	l, ok := lookalikes[r]
	return l, ok
}

// minJoin is the shortest run of single letters joined: "s l o t" is a
// word spelt out, while two ("a b", "s.d.") are common abbreviations.
const minJoin = 3

// joinSpaced joins runs of at least minJoin single letters (or digits, if
// at least two are letters) separated by one separator each: "s l o t",
// "s.l.o.t", "g-a-c-o-r". Digits alone ("1.2.3.4") are never joined.
func joinSpaced(s string, ev *Evidence) string {
	if len(s) < 2*minJoin-1 {
		return s
	}
	var b []byte // nil until something is joined
	last := 0    // s[last:] is not yet copied to b
	i := 0
	for i < len(s) {
		j, letters, n := spacedRun(s, i)
		if n >= minJoin && letters >= 2 {
			if b == nil {
				b = make([]byte, 0, len(s))
			}
			b = append(b, s[last:i]...)
			for k := i; k < j; k++ {
				if !isSep(s[k]) {
					b = append(b, s[k])
				}
			}
			ev.Spaced++
			last, i = j, j
			continue
		}
		i = skipToken(s, i)
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// spacedRun measures the run of single ASCII letters and digits starting
// at i, each alone between separators or the text's ends: it returns the
// end of the run (after its last letter), how many letters and how many
// singles it holds.
func spacedRun(s string, i int) (end, letters, n int) {
	if i > 0 && (isAlnum(s[i-1]) || s[i-1] >= 0x80) {
		return i, 0, 0
	}
	end = i
	for k := i; k < len(s) && isAlnum(s[k]); {
		if k+1 < len(s) && isAlnum(s[k+1]) || (k+1 < len(s) && s[k+1] >= 0x80) {
			break // a longer word (or one going on in another script)
		}
		n++
		if isLetter(s[k]) {
			letters++
		}
		end = k + 1
		if k+2 < len(s) && isSep(s[k+1]) && isAlnum(s[k+2]) {
			k += 2
			continue
		}
		break
	}
	return end, letters, n
}

// skipToken moves past the word or character at i.
func skipToken(s string, i int) int {
	if !isAlnum(s[i]) {
		return i + 1
	}
	for i < len(s) && isAlnum(s[i]) {
		i++
	}
	return i
}

func isSep(c byte) bool    { return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*' || c == '|' }
func isLetter(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }
func isAlnum(c byte) bool  { return isLetter(c) || ('0' <= c && c <= '9') }
