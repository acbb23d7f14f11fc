// Package articlecache remembers articles recently read, for the stores:
// a read or a submission then costs no query to learn that its article
// exists and is open.
package articlecache

import (
	"sync"
	"time"

	"balasan/internal/comment"
)

// TTL is how long a remembered article answers without a query. A store
// forgets an article as soon as it changes one (and, on PostgreSQL, when
// another instance's change is heard); the bound is for changes made
// where this process cannot hear them (another process's import moving
// created_at back, a notification lost with its connection).
const TTL = time.Second

// maxArticles bounds the memory: past it, the cache starts afresh.
const maxArticles = 10000

// Cache is the remembered articles; its zero value is ready. An article
// is never deleted, and its URL and title change only through the store
// that remembers it; only its state and (by an import) its created_at
// change otherwise.
type Cache struct {
	mu  sync.RWMutex
	m   map[string]entry
	gen uint64 // bumped by every Forget: a read begun before it is not stored
}

type entry struct {
	a       comment.Article
	expires time.Time
}

// Get returns a remembered article that has not expired.
func (c *Cache) Get(key string) (comment.Article, bool) {
	c.mu.RLock()
	e, ok := c.m[key]
	c.mu.RUnlock()
	if !ok || time.Now().After(e.expires) {
		return comment.Article{}, false
	}
	return e.a, true
}

// Generation is taken before a read, for Put.
func (c *Cache) Generation() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen
}

// Put remembers a read begun at generation gen, unless something was
// forgotten since (the read may predate that change).
func (c *Cache) Put(a comment.Article, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if c.m == nil || len(c.m) >= maxArticles {
		c.m = make(map[string]entry)
	}
	c.m[a.Key] = entry{a: a, expires: time.Now().Add(TTL)}
}

// Forget drops one article, or every article when key is "".
func (c *Cache) Forget(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if key == "" {
		c.m = nil
	} else {
		delete(c.m, key)
	}
}
