// Package cache keeps values built per key (an article's approved comments,
// ready-encoded) until moderation invalidates them.
package cache

import (
	"context"
	"sync"
	"sync/atomic"
)

// Cache is a bounded map of lazily built values. Concurrent misses for one
// key build it once; Invalidate drops it so the next Get rebuilds. It is
// bounded by a number of keys and, with Weigh, by a total weight (bytes).
type Cache[V any] struct {
	load func(ctx context.Context, key string) (V, error)
	max  int

	weigh     func(V) int
	maxWeight int

	mu     sync.Mutex
	slots  map[string]*slot[V]
	weight int // of the ready slots in slots
	// refreshing holds the generation of the latest Refresh under way per
	// key; Invalidate and Clear forget it, so an older build never lands.
	refreshing map[string]uint64
	gen        uint64

	hits, misses atomic.Uint64
}

type slot[V any] struct {
	once   sync.Mutex
	ready  bool
	done   atomic.Bool // ready, readable without once
	val    V
	weight int
}

// New returns a cache that builds values with load and keeps at most max.
func New[V any](max int, load func(ctx context.Context, key string) (V, error)) *Cache[V] {
	return &Cache[V]{load: load, max: max, slots: make(map[string]*slot[V]), refreshing: make(map[string]uint64)}
}

// Weigh bounds the total weight of the values kept to maxWeight, each
// value weighing weigh(v); call it before the first Get.
func (c *Cache[V]) Weigh(maxWeight int, weigh func(V) int) {
	c.maxWeight, c.weigh = maxWeight, weigh
}

// Get returns the value for key, building it on a miss.
func (c *Cache[V]) Get(ctx context.Context, key string) (V, error) {
	c.mu.Lock()
	s, ok := c.slots[key]
	if !ok {
		if len(c.slots) >= c.max {
			c.evictOne(nil)
		}
		s = &slot[V]{}
		c.slots[key] = s
	}
	c.mu.Unlock()
	// A value built is read without the build's lock: every reader of a
	// hot article took it in turn, a queue behind one mutex at p99.
	if s.done.Load() {
		c.hits.Add(1)
		return s.val, nil
	}
	s.once.Lock()
	defer s.once.Unlock()
	if s.ready {
		c.hits.Add(1)
		return s.val, nil
	}
	c.misses.Add(1)
	v, err := c.load(ctx, key)
	if err != nil {
		c.drop(key, s)
		return v, err
	}
	s.val, s.ready = v, true
	s.done.Store(true)
	if c.weigh != nil {
		c.account(key, s)
	}
	return v, nil
}

// account adds a newly built value's weight and evicts others until the
// total fits (the value itself stays, however heavy, until evicted later).
func (c *Cache[V]) account(key string, s *slot[V]) {
	w := c.weigh(s.val)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.slots[key] != s {
		return // invalidated while it was built: not held, weighs nothing
	}
	s.weight = w
	c.weight += w
	for c.weight > c.maxWeight && len(c.slots) > 1 {
		c.evictOne(s)
	}
}

// Invalidate forgets key; a build already under way finishes into the
// forgotten slot, so it can never bring back the stale value.
func (c *Cache[V]) Invalidate(key string) {
	c.mu.Lock()
	if s, ok := c.slots[key]; ok {
		c.remove(key, s)
	}
	delete(c.refreshing, key)
	c.mu.Unlock()
}

// Refresh rebuilds a value that is held and swaps it in once built;
// readers meanwhile get the value held, so none waits for the rebuild (a
// 20,000-comment thread takes a while to load). The caller (a moderator's
// action) waits instead, and returns once the new value is in. A key not
// held, or still being built, is simply invalidated. Of overlapping
// refreshes only the last started lands.
func (c *Cache[V]) Refresh(ctx context.Context, key string) {
	c.mu.Lock()
	s, ok := c.slots[key]
	if !ok || !s.done.Load() {
		if ok {
			c.remove(key, s)
		}
		delete(c.refreshing, key)
		c.mu.Unlock()
		return
	}
	c.gen++
	gen := c.gen
	c.refreshing[key] = gen
	c.mu.Unlock()

	v, err := c.load(ctx, key)
	c.misses.Add(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.refreshing[key] != gen {
		return // invalidated, cleared or refreshed again meanwhile
	}
	delete(c.refreshing, key)
	if cur, ok := c.slots[key]; ok {
		c.remove(key, cur)
	}
	if err != nil {
		return // the next Get builds it
	}
	if len(c.slots) >= c.max {
		c.evictOne(nil)
	}
	ns := &slot[V]{ready: true, val: v}
	ns.done.Store(true)
	c.slots[key] = ns
	if c.weigh != nil {
		ns.weight = c.weigh(v)
		c.weight += ns.weight
		for c.weight > c.maxWeight && len(c.slots) > 1 {
			c.evictOne(ns)
		}
	}
}

// Stats counts the Gets answered from the cache (hits, including those
// that waited for another caller's build) and those that built (misses).
func (c *Cache[V]) Stats() (hits, misses uint64) { return c.hits.Load(), c.misses.Load() }

// Len is the number of keys held.
func (c *Cache[V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.slots)
}

// Weight is the total weight of the values held.
func (c *Cache[V]) Weight() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.weight
}

func (c *Cache[V]) drop(key string, s *slot[V]) {
	c.mu.Lock()
	if c.slots[key] == s {
		c.remove(key, s)
	}
	c.mu.Unlock()
}

// remove deletes a slot and its weight; c.mu is held.
func (c *Cache[V]) remove(key string, s *slot[V]) {
	delete(c.slots, key)
	c.weight -= s.weight
	s.weight = 0
}

// evictOne removes an arbitrary key other than keep (map order is random),
// which is as good as LRU for many articles read in bursts and costs no
// bookkeeping; c.mu is held.
func (c *Cache[V]) evictOne(keep *slot[V]) {
	for k, s := range c.slots {
		if s != keep {
			c.remove(k, s)
			return
		}
	}
}

// Clear forgets every key, for changes made outside this process (a
// command-line erase or import) whose articles are not known here.
func (c *Cache[V]) Clear() {
	c.mu.Lock()
	clear(c.slots)
	clear(c.refreshing)
	c.weight = 0
	c.mu.Unlock()
}
