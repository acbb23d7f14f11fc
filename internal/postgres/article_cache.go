package postgres

import (
	"sync"
	"time"

	"balasan/internal/comment"
)

// articleTTL is how long a remembered article answers without a query.
// This instance forgets an article as soon as it changes one, and when
// another instance's change is heard (Changes); the bound is for a
// notification lost with its connection, so an instance sees another's
// change at most this late. The same cache as internal/sqlite's: the
// public read of a cached thread then costs no query on either store.
const articleTTL = time.Second

// maxCachedArticles bounds the memory: past it, the cache starts afresh.
const maxCachedArticles = 10000

// articleCache remembers articles recently read, so a read or submission
// costs no query to learn that its article exists and is open. An article is never
// deleted, and its URL and title are set once; only its state and (by an
// import) its created_at change.
type articleCache struct {
	mu  sync.RWMutex
	m   map[string]cachedArticle
	gen uint64 // bumped by every forget: a read begun before it is not stored
}

type cachedArticle struct {
	a       comment.Article
	expires time.Time
}

func (c *articleCache) get(key string) (comment.Article, bool) {
	c.mu.RLock()
	e, ok := c.m[key]
	c.mu.RUnlock()
	if !ok || time.Now().After(e.expires) {
		return comment.Article{}, false
	}
	return e.a, true
}

// generation is taken before a read, for put.
func (c *articleCache) generation() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen
}

// put remembers a read begun at generation gen, unless something was
// forgotten since (the read may predate that change).
func (c *articleCache) put(a comment.Article, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if c.m == nil || len(c.m) >= maxCachedArticles {
		c.m = make(map[string]cachedArticle)
	}
	c.m[a.Key] = cachedArticle{a: a, expires: time.Now().Add(articleTTL)}
}

// forget drops one article, or every article when key is "".
func (c *articleCache) forget(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if key == "" {
		c.m = nil
	} else {
		delete(c.m, key)
	}
}
