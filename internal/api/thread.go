package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sync"
	"sync/atomic"
	"time"

	"balasan/internal/comment"
	"balasan/internal/encoded"
)

// Thread is an article's approved comments, ready to serve, all dropped
// together when moderation changes the article. Building it only loads
// the comments: the whole JSON body and each page (JSON or HTML) are
// encoded and compressed on first use, so the first read of a page after
// an approval does not wait for the whole of a 20,000-comment thread to
// be encoded and compressed.
type Thread struct {
	Article  comment.Article
	Known    bool // the article exists in the database
	Open     bool
	Comments []comment.Comment
	// FlipsAt is when automatic closing will change Open; the thread is
	// rebuilt after it.
	FlipsAt time.Time

	wholeOnce sync.Once
	whole     *encoded.Body
	wholeErr  error

	groupsOnce sync.Once
	groups     *groups

	pages     sync.Map // variant → *page
	pageBytes atomic.Int64
	size      int // estimated bytes of the comments' public fields
}

// page is one cached answer: a JSON page, or a rendered HTML page split
// around the per-request form stamp.
type page struct {
	once sync.Once
	body *encoded.Body    // JSON and fragments
	html *encoded.Spliced // pages with a form
	err  error
	// grew counts the encodings a cached page makes after its build
	// (bodies are compressed lazily) against the thread's page budget;
	// nil for a page not kept.
	grew func(int)
}

// apiComment is one comment as the public sees it: no email, IP or agent.
type apiComment struct {
	ID          int64  `json:"id"`
	ParentID    int64  `json:"parent_id"`
	Author      string `json:"author"`
	AuthorURL   string `json:"author_url"`
	ContentHTML string `json:"content_html"`
	CreatedAt   string `json:"created_at"`
	Staff       bool   `json:"staff,omitempty"`
	Status      string `json:"status,omitempty"`
}

type apiArticle struct {
	Key          string `json:"key"`
	CommentCount int    `json:"comment_count"`
	CommentsOpen bool   `json:"comments_open"`
}

type apiThread struct {
	Article  apiArticle   `json:"article"`
	Comments []apiComment `json:"comments"`
	// Next continues a paged read; absent on the last page and when the
	// whole thread was asked for.
	Next string `json:"next,omitempty"`
}

func toAPI(c comment.Comment) apiComment {
	return apiComment{ID: c.ID, ParentID: c.ParentID, Author: c.Author, AuthorURL: c.AuthorURL,
		ContentHTML: c.HTML, CreatedAt: c.CreatedAt.UTC().Format(time.RFC3339), Staff: c.Staff}
}

// encodeComments writes the API body of some of a thread's comments; a
// comment with status pending is its author's own preview.
func encodeComments(t *Thread, list []comment.Comment, next string) ([]byte, error) {
	body := apiThread{
		Article:  apiArticle{Key: t.Article.Key, CommentCount: len(t.Comments), CommentsOpen: t.Open},
		Comments: make([]apiComment, 0, len(list)),
		Next:     next,
	}
	for _, c := range list {
		a := toAPI(c)
		if c.Status == comment.Pending {
			a.Status = string(comment.Pending)
		}
		body.Comments = append(body.Comments, a)
	}
	return json.Marshal(body)
}

// encodeThread writes the whole thread's API body, with a pending comment
// of its author's when one is given.
func encodeThread(t *Thread, pending *comment.Comment) ([]byte, error) {
	list := t.Comments
	if pending != nil {
		list = append(list[:len(list):len(list)], asPending(*pending))
	}
	return encodeComments(t, list, "")
}

func asPending(c comment.Comment) comment.Comment {
	c.Status = comment.Pending
	return c
}

func (h *Handler) loadThread(ctx context.Context, key string) (*Thread, error) {
	t := &Thread{Article: comment.Article{Key: key}}
	a, err := h.Store.Article(ctx, key)
	switch {
	case err == nil:
		t.Article, t.Known = a, true
	case comment.ErrorCode(err) != comment.ENotFound:
		return nil, err
	}
	now := h.Now()
	closeAfter := h.Service.Live().CloseAfter
	t.Open = t.Article.Open(now, closeAfter)
	if t.Open && closeAfter > 0 && t.Known && t.Article.State == comment.StateAuto {
		t.FlipsAt = t.Article.CreatedAt.Add(closeAfter)
	}
	if t.Known {
		// Only public fields: the cache holds no email, IP or raw text.
		if t.Comments, err = h.Store.PublicApproved(ctx, key); err != nil {
			return nil, err
		}
	}
	for _, c := range t.Comments {
		t.size += len(c.HTML) + len(c.Author) + len(c.AuthorURL) + 120
	}
	t.Groups() // while rebuilding, not on a reader's first page
	return t, nil
}

// Whole is the whole thread's JSON body, encoded and compressed once.
func (t *Thread) Whole() (*encoded.Body, error) {
	t.wholeOnce.Do(func() {
		raw, err := encodeThread(t, nil)
		if err != nil {
			t.wholeErr = err
			return
		}
		t.whole = encoded.New(raw, etag(raw), true)
	})
	return t.whole, t.wholeErr
}

// Groups is the thread cut into top-level comments with their replies.
func (t *Thread) Groups() *groups {
	t.groupsOnce.Do(func() { t.groups = group(t.Comments) })
	return t.groups
}

// cachedPage returns the page cached under variant, building it with
// build the first time; when the thread's page budget is spent it builds
// the page for this request only (ok false), so made-up cursors and
// limits cannot grow memory.
func (t *Thread) cachedPage(variant string, build func(*page)) (*page, bool) {
	if v, ok := t.pages.Load(variant); ok {
		pg := v.(*page)
		pg.once.Do(func() { build(pg) })
		return pg, true
	}
	if t.pageBytes.Load() > int64(t.pageBudget()) {
		pg := &page{}
		build(pg)
		return pg, false
	}
	v, _ := t.pages.LoadOrStore(variant, &page{grew: func(n int) { t.pageBytes.Add(int64(n)) }})
	pg := v.(*page)
	pg.once.Do(func() {
		build(pg)
		if pg.body != nil {
			t.pageBytes.Add(int64(pg.body.Size()))
		}
		if pg.html != nil {
			t.pageBytes.Add(int64(pg.html.Size()))
		}
	})
	return pg, true
}

// pageBudget is what the cached pages of a thread may hold: about what the
// thread itself weighs in each encoding, and room for a few pages of a
// small one (the embed page carries the form).
func (t *Thread) pageBudget() int { return 2*t.size + 64<<10 }

// thread returns the cached thread, rebuilding it once automatic closing
// has changed whether it is open.
func (h *Handler) thread(ctx context.Context, key string) (*Thread, error) {
	t, err := h.threads.Get(ctx, key)
	if err == nil && !t.FlipsAt.IsZero() && !h.Now().Before(t.FlipsAt) {
		h.threads.Invalidate(key)
		t, err = h.threads.Get(ctx, key)
	}
	return t, err
}

// weight estimates a thread's memory for the cache's bound, fixed when it
// is built: the comments, the whole JSON in three encodings, and the page
// budget it may fill.
func (t *Thread) weight() int { return 2*t.size + t.pageBudget() + 1024 }

func etag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}
