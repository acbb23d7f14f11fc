package dashboard

import (
	"context"
	"net/url"

	"balasan/internal/comment"
)

// Match is a search's matches in another view, linked: "2 di Sampah".
type Match struct {
	Status comment.Status
	N      int
	More   bool // the search reached the cap: there may be more
	URL    string
}

// elsewhere counts a search's matches in the views other than f's, with
// links to them; nothing without a search.
func (h *Handler) elsewhere(ctx context.Context, f comment.Filter) ([]Match, error) {
	if f.Query == "" {
		return nil, nil
	}
	counts, err := h.Store.MatchCounts(ctx, f)
	if err != nil {
		return nil, err
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	var out []Match
	for _, st := range []comment.Status{comment.Pending, comment.Approved, comment.Spam, comment.Trash} {
		if st == f.Status || counts[st] == 0 {
			continue
		}
		q := url.Values{"status": {string(st)}, "q": {f.Query}}
		if f.Article != "" {
			q.Set("article", f.Article)
		}
		out = append(out, Match{Status: st, N: counts[st], More: total >= comment.MatchCountCap,
			URL: "/admin/comments?" + q.Encode()})
	}
	return out, nil
}
