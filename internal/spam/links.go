package spam

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxHostBytes bounds host tokens; DNS names cannot be longer, and a longer
// "host" is garbage that would only bloat the token table.
const maxHostBytes = 253

// bareTLDs lists the top-level domains accepted for a link written without a
// scheme ("slot88.vip"). A whitelist is needed because Indonesian text often
// glues words to full stops ("dll.saya"), which must not become links.
var bareTLDs = map[string]bool{
	"com": true, "net": true, "org": true, "id": true, "info": true,
	"biz": true, "xyz": true, "vip": true, "top": true, "site": true,
	"online": true, "io": true, "me": true, "co": true, "cc": true,
	"club": true, "live": true, "shop": true, "store": true, "asia": true,
	"pro": true, "link": true, "bet": true, "win": true, "app": true,
	"ly": true, "tk": true, "ml": true, "ga": true, "cf": true, "gq": true,
	"ws": true, "us": true, "uk": true, "ru": true, "cn": true, "in": true,
	"my": true, "sg": true, "ph": true, "tv": true, "fun": true, "icu": true,
	"space": true, "website": true, "today": true, "casino": true,
	"games": true, "lol": true, "monster": true, "buzz": true, "cyou": true,
}

// stripTags removes HTML tags crudely and returns the remaining text plus the
// values of any href= attributes, because a spammer's link often lives only
// in the attribute while the visible anchor text looks harmless.
//
// A '<' only opens a tag when a letter, '/' or '!' follows it and a '>'
// closes it, so that comments such as "harga < 10 ribu" or "<3" keep their
// text.
func stripTags(s string) (text string, hrefs []string) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] == '<' && i+1 < len(s) && opensTag(s[i+1]) {
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				// Unclosed: a reader's "<b" typo must not swallow the rest
				// of the comment, so the '<' stays as plain text.
				b.WriteString(s[i:])
				break
			}
			hrefs = append(hrefs, hrefValues(s[i:i+end+1])...)
			b.WriteByte(' ')
			i += end + 1
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String(), hrefs
}

func opensTag(c byte) bool {
	return c == '/' || c == '!' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// hrefValues returns the values of href= attributes inside one tag. Each
// search resumes after the previous value, so a tag stuffed with thousands of
// "href=" costs linear, not quadratic, time.
func hrefValues(tag string) []string {
	const space = " \t\r\n"
	var out []string
	rest := strings.ToLower(tag)
	for {
		i := strings.Index(rest, "href")
		if i < 0 {
			return out
		}
		rest = strings.TrimLeft(rest[i+len("href"):], space)
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], space)
		stop := space + ">"
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
			stop, rest = rest[:1], rest[1:]
		}
		j := strings.IndexAny(rest, stop)
		if j < 0 {
			j = len(rest)
		}
		if j > 0 {
			out = append(out, rest[:j])
		}
		rest = rest[j:]
	}
}

// linkHost reports whether a whitespace-separated field is a link and, if so,
// returns its host (lower-case, without "www."). Fields with a scheme or a
// "www." prefix are links; bare "name.tld" fields only with a known TLD.
func linkHost(field string) (host string, ok bool) {
	if strings.IndexByte(field, '.') < 0 {
		return "", false // a host has at least two labels: most words end here
	}
	f := strings.ToLower(trimLinkPunct(field))
	explicit := false
	if i := strings.Index(f, "://"); i >= 0 {
		f, explicit = f[i+3:], true
	}
	if strings.HasPrefix(f, "www.") {
		f, explicit = f[4:], true
	}
	if j := strings.IndexAny(f, "/?#"); j >= 0 {
		f = f[:j]
	}
	if !explicit && strings.Contains(f, "@") {
		return "", false // an e-mail address, not a link
	}
	if j := strings.LastIndexByte(f, '@'); j >= 0 {
		f = f[j+1:] // drop user:password@ from explicit URLs
	}
	if j := strings.IndexByte(f, ':'); j >= 0 {
		f = f[:j] // drop the port
	}
	f = strings.TrimSuffix(f, ".")
	if !validHost(f) {
		return "", false
	}
	if !explicit && !bareTLDs[tld(f)] {
		return "", false
	}
	return f, true
}

// validHost accepts dot-separated labels of letters, digits and hyphens, with
// at least two labels and a TLD that is not purely numeric (so "1.500" or an
// IP address is not mistaken for a domain name).
func validHost(h string) bool {
	if h == "" || len(h) > maxHostBytes || !utf8.ValidString(h) || !strings.Contains(h, ".") {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" {
			return false
		}
		for _, r := range label {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' {
				return false
			}
		}
	}
	for _, r := range tld(h) {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// tld returns the last label of a host name.
func tld(host string) string {
	return host[strings.LastIndexByte(host, '.')+1:]
}

// trimLinkPunct trims the punctuation around a link in running text
// ("(lihat www.x.com).").
func trimLinkPunct(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return strings.ContainsRune("()[]{}<>\"'`,.;:!?*", r) })
}
