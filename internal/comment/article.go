package comment

import (
	"context"
	"strings"
	"unicode/utf8"
)

// MaxTitle bounds an article title, from any source.
const MaxTitle = 300

// Field names of a moderator's correction of an article.
const (
	FieldTitle = "title"
	FieldPage  = "url"
)

// CorrectArticle sets an article's title and page URL on a moderator's
// word: they become verified and replace whatever a reader's request
// registered. allowed tells whether a URL is on one of the article sites;
// an empty URL leaves the article without a page (its embed page is used).
func (s *Service) CorrectArticle(ctx context.Context, key, title, page string, allowed func(string) bool, by Moderator) (Article, error) {
	if !ValidKey(key) {
		return Article{}, Errorf(ENotFound, "not_found")
	}
	title = strings.TrimSpace(cleanLine(title))
	page = strings.TrimSpace(cleanLine(page))
	errs := map[string]string{}
	switch {
	case title == "":
		errs[FieldTitle] = "required"
	case utf8.RuneCountInString(title) > MaxTitle:
		errs[FieldTitle] = "title_too_long"
	}
	if page != "" {
		if u, ok := NormalizeURL(page); !ok || !strings.Contains(page, "://") || len(page) > 2000 || !allowed(u) {
			errs[FieldPage] = "page_url_invalid"
		} else {
			page = u
		}
	}
	if len(errs) > 0 {
		return Article{}, &Error{Code: EInvalid, Key: "invalid", Fields: errs}
	}
	a := Article{Key: key, URL: page, Title: title, Verified: true, CreatedAt: s.now()}
	audit := s.audit(by, "article_edit", 0, key)
	audit.Detail = title
	if err := s.Store.SetArticle(ctx, a, audit); err != nil {
		return Article{}, err
	}
	for _, f := range s.Changed {
		f(key)
	}
	return a, nil
}
