// Package cache keeps values built per key (an article's approved comments,
// ready-encoded) until moderation invalidates them.
package cache

import (
	"context"
	"sync"
)

// Cache is a bounded map of lazily built values. Concurrent misses for one
// key build it once; Invalidate drops it so the next Get rebuilds.
type Cache[V any] struct {
	load func(ctx context.Context, key string) (V, error)
	max  int

	mu    sync.Mutex
	slots map[string]*slot[V]
}

type slot[V any] struct {
	once  sync.Mutex
	ready bool
	val   V
}

// New returns a cache that builds values with load and keeps at most max.
func New[V any](max int, load func(ctx context.Context, key string) (V, error)) *Cache[V] {
	return &Cache[V]{load: load, max: max, slots: make(map[string]*slot[V])}
}

// Get returns the value for key, building it on a miss.
func (c *Cache[V]) Get(ctx context.Context, key string) (V, error) {
	c.mu.Lock()
	s, ok := c.slots[key]
	if !ok {
		if len(c.slots) >= c.max {
			c.evictOne()
		}
		s = &slot[V]{}
		c.slots[key] = s
	}
	c.mu.Unlock()

	s.once.Lock()
	defer s.once.Unlock()
	if s.ready {
		return s.val, nil
	}
	v, err := c.load(ctx, key)
	if err != nil {
		c.drop(key, s)
		return v, err
	}
	s.val, s.ready = v, true
	return v, nil
}

// Invalidate forgets key; a build already under way finishes into the
// forgotten slot, so it can never bring back the stale value.
func (c *Cache[V]) Invalidate(key string) {
	c.mu.Lock()
	delete(c.slots, key)
	c.mu.Unlock()
}

// Len is the number of keys held.
func (c *Cache[V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.slots)
}

func (c *Cache[V]) drop(key string, s *slot[V]) {
	c.mu.Lock()
	if c.slots[key] == s {
		delete(c.slots, key)
	}
	c.mu.Unlock()
}

// evictOne removes an arbitrary key (map order is random), which is as good
// as LRU for many articles read in bursts and costs no bookkeeping.
func (c *Cache[V]) evictOne() {
	for k := range c.slots {
		delete(c.slots, k)
		return
	}
}

// Clear forgets every key, for changes made outside this process (a
// command-line erase or import) whose articles are not known here.
func (c *Cache[V]) Clear() {
	c.mu.Lock()
	clear(c.slots)
	c.mu.Unlock()
}
