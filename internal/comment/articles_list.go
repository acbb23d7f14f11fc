package comment

import (
	"strconv"
	"strings"
)

// MatchCountCap bounds the matches MatchCounts looks at: a search
// matching more says "at least" instead of counting a million rows.
const MatchCountCap = 1000

// AuthorCounts is what one email has written, as moderators judge it: a
// regular with many approved comments or a first-timer.
type AuthorCounts struct{ Approved, Spam int }

// ArticleFilter selects a page of the articles list.
type ArticleFilter struct {
	// Query is a prefix of the key or of a word of the title (any case).
	Query string
	// After is the keyset cursor: ArticleCursor of the previous page's
	// last article ("" for the first page).
	After string
	Limit int // 1..200; anything else means 50
}

// PageLimit is the page size a store uses for f.Limit.
func (f ArticleFilter) PageLimit() int {
	if f.Limit <= 0 || f.Limit > 200 {
		return 50
	}
	return f.Limit
}

// Cursor splits After into the creation time in Unix milliseconds and
// the key; ok is false for no or a malformed cursor (the first page).
func (f ArticleFilter) Cursor() (ms int64, key string, ok bool) {
	t, k, found := strings.Cut(f.After, ":")
	n, err := strconv.ParseInt(t, 10, 64)
	if !found || err != nil || !ValidKey(k) {
		return 0, "", false
	}
	return n, k, true
}

// LikePattern is Query as a LIKE pattern's start (its % and _ escaped
// with a backslash) for the stores' prefix matches.
func (f ArticleFilter) LikePattern() string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(strings.TrimSpace(f.Query))
}

// ArticleCursor is the cursor that continues after a.
func ArticleCursor(a Article) string {
	return strconv.FormatInt(a.CreatedAt.UnixMilli(), 10) + ":" + a.Key
}

// ArticleStats is an article with its comments counted by status.
type ArticleStats struct {
	Article
	Counts map[Status]int
}
