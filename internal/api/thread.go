package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sync"
	"time"

	"balasan/internal/comment"
)

// Thread is an article's approved comments, ready to serve: the JSON body
// encoded once, its ETag, and rendered pages per variant, all dropped
// together when moderation changes the article.
type Thread struct {
	Article  comment.Article
	Known    bool // the article exists in the database
	Open     bool
	Comments []comment.Comment
	JSON     []byte
	ETag     string
	// FlipsAt is when automatic closing will change Open; the thread is
	// rebuilt after it.
	FlipsAt time.Time

	pages sync.Map // variant → *page
}

// page is a rendered page split around the per-request form stamp.
type page struct {
	once   sync.Once
	head   []byte
	tail   []byte
	etag   string
	hasTag bool
	err    error
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
}

func toAPI(c comment.Comment) apiComment {
	return apiComment{ID: c.ID, ParentID: c.ParentID, Author: c.Author, AuthorURL: c.AuthorURL,
		ContentHTML: c.HTML, CreatedAt: c.CreatedAt.UTC().Format(time.RFC3339), Staff: c.Staff}
}

// encodeThread writes the API body, with a pending comment of its author's
// when one is given.
func encodeThread(t *Thread, pending *comment.Comment) ([]byte, error) {
	body := apiThread{
		Article:  apiArticle{Key: t.Article.Key, CommentCount: len(t.Comments), CommentsOpen: t.Open},
		Comments: make([]apiComment, 0, len(t.Comments)+1),
	}
	for _, c := range t.Comments {
		body.Comments = append(body.Comments, toAPI(c))
	}
	if pending != nil {
		p := toAPI(*pending)
		p.Status = string(comment.Pending)
		body.Comments = append(body.Comments, p)
	}
	return json.Marshal(body)
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
	if t.JSON, err = encodeThread(t, nil); err != nil {
		return nil, err
	}
	t.ETag = etag(t.JSON)
	return t, nil
}

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

// weight estimates a thread's memory for the cache's bound: the JSON, the
// comments it was made from, and a rendered page or two of about its size.
func (t *Thread) weight() int { return 4*len(t.JSON) + 1024 }

func etag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}
