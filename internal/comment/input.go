package comment

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the WordPress form, kept so an existing form behaves the same.
const (
	MaxKey     = 200
	MaxAuthor  = 245
	MaxEmail   = 100
	MaxURL     = 200
	MaxContent = 65525
)

// Field names, the WordPress form's own.
const (
	FieldKey     = "comment_post_ID"
	FieldAuthor  = "author"
	FieldEmail   = "email"
	FieldURL     = "url"
	FieldContent = "comment"
	FieldParent  = "comment_parent"
)

var keyPattern = regexp.MustCompile(`^[A-Za-z0-9._~-]{1,200}$`)

// ValidKey reports whether key is a well-formed article key. "." and ".."
// are refused though their characters are allowed: a key becomes a path
// segment (/embed/KEY, /admin/articles/KEY/close), and there they would
// climb out of it.
//
// It runs on every public read, so it loops over bytes instead of running
// keyPattern (which states the same rule); TestValidKey_MatchesPattern
// keeps the two the same.
func ValidKey(key string) bool {
	if len(key) == 0 || len(key) > 200 || key == "." || key == ".." {
		return false
	}
	for i := 0; i < len(key); i++ {
		switch c := key[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '_', c == '~', c == '-':
		default:
			return false
		}
	}
	return true
}

// Input is a submission as the reader typed it, before any checking.
type Input struct {
	ArticleKey string
	Author     string
	Email      string
	URL        string
	Content    string
	Parent     string // "0", "" or a comment id
	Notify     bool
	IP         string
	UserAgent  string
	Honeypot   string // a field people never see; bots fill it
	FormStamp  string // signed time the form was served
	PageURL    string // the article's page, as the widget reports it
	PageTitle  string
	// AuthorToken is the proof of earlier comments the browser kept (see
	// author.go); only the trusted policy reads it.
	AuthorToken string
}

// Clean makes every field valid UTF-8 without NUL or other control bytes,
// so nothing raw reaches the database. Newlines and tabs stay in the text.
func (in Input) Clean() Input {
	in.ArticleKey = strings.TrimSpace(cleanLine(in.ArticleKey))
	in.Author = strings.TrimSpace(cleanLine(in.Author))
	// Control bytes in an email are refused by Validate, not cleaned away,
	// so "a@b.c\r\nBcc: x" can never become a plausible address.
	in.Email = strings.TrimSpace(strings.ToValidUTF8(in.Email, "\uFFFD"))
	in.URL = strings.TrimSpace(cleanLine(in.URL))
	in.Parent = strings.TrimSpace(cleanLine(in.Parent))
	in.Content = cleanText(in.Content)
	in.UserAgent = truncate(cleanLine(in.UserAgent), 254)
	in.PageURL = strings.TrimSpace(cleanLine(in.PageURL))
	in.PageTitle = truncate(strings.TrimSpace(cleanLine(in.PageTitle)), MaxTitle)
	in.AuthorToken = truncate(strings.TrimSpace(cleanLine(in.AuthorToken)), MaxAuthorToken+1)
	return in
}

// Validate checks a cleaned input and returns a message key per bad field,
// or nil. author is the name after tags were stripped.
func (in Input) Validate(author string) map[string]string {
	errs := map[string]string{}
	switch {
	case in.ArticleKey == "":
		errs[FieldKey] = "required"
	case !ValidKey(in.ArticleKey):
		errs[FieldKey] = "key_invalid"
	}
	switch {
	case author == "":
		errs[FieldAuthor] = "required"
	case utf8.RuneCountInString(author) > MaxAuthor:
		errs[FieldAuthor] = "author_too_long"
	}
	switch {
	case in.Email == "":
		errs[FieldEmail] = "required"
	case utf8.RuneCountInString(in.Email) > MaxEmail:
		errs[FieldEmail] = "email_too_long"
	case !ValidEmail(in.Email):
		errs[FieldEmail] = "email_invalid"
	}
	if in.URL != "" {
		if utf8.RuneCountInString(in.URL) > MaxURL {
			errs[FieldURL] = "url_too_long"
		} else if _, ok := NormalizeURL(in.URL); !ok {
			errs[FieldURL] = "url_invalid"
		}
	}
	switch {
	case strings.TrimSpace(in.Content) == "":
		errs[FieldContent] = "comment_required"
	case utf8.RuneCountInString(in.Content) > MaxContent:
		errs[FieldContent] = "comment_too_long"
	}
	if _, ok := ParseParent(in.Parent); !ok {
		errs[FieldParent] = "parent_invalid"
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// ValidEmail accepts exactly what WordPress's is_email accepts: at least
// six characters; a local part of A-Za-z0-9 and !#$%&'*+/=?^_`{|}~.-;
// a domain of two or more dot-separated labels of a-z, 0-9 and inner
// hyphens. Nothing else gets in — no quotes, spaces, commas, angle
// brackets, control bytes or non-ASCII — so no address can carry a second
// recipient or a mail header. Characters such as ? % & stay allowed, as in
// WordPress; every place that puts an address into a URL escapes it.
func ValidEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if len(s) < 6 || at < 1 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	for i := 0; i < len(local); i++ {
		if !localChar(local[i]) {
			return false
		}
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			if c := l[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// localChar is WordPress's set for the part of an address before the @.
func localChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		strings.IndexByte("!#$%&'*+/=?^_`{|}~.-", c) >= 0
}

// NormalizeURL returns the author URL with http:// added when no scheme
// was typed (as WordPress does); only http and https are accepted.
func NormalizeURL(s string) (string, bool) {
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		strings.ContainsAny(u.Host, " <>\"'") || u.User != nil {
		return "", false
	}
	return u.String(), true
}

// ParseParent reads comment_parent: empty or "0" for none.
func ParseParent(s string) (int64, bool) {
	if s == "" || s == "0" {
		return 0, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r == '\r' {
			return '\n'
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

func cleanLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
