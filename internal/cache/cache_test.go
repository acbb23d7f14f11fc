package cache

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestCache_LoadsOnceAndInvalidates(t *testing.T) {
	var loads atomic.Int32
	version := atomic.Int32{}
	c := New(10, func(_ context.Context, key string) (int32, error) {
		loads.Add(1)
		if key == "bad" {
			return 0, errors.New("boom")
		}
		return version.Load(), nil
	})
	ctx := context.Background()
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() { defer wg.Done(); c.Get(ctx, "a") }()
	}
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Fatalf("50 concurrent gets loaded %d times, want 1", n)
	}
	version.Store(7)
	if v, _ := c.Get(ctx, "a"); v != 0 {
		t.Fatalf("before invalidation got %d, want cached 0", v)
	}
	c.Invalidate("a")
	if v, _ := c.Get(ctx, "a"); v != 7 {
		t.Fatalf("after invalidation got %d, want 7", v)
	}
	if _, err := c.Get(ctx, "bad"); err == nil || c.Len() != 1 {
		t.Fatalf("failed load must not be kept: err=%v len=%d", err, c.Len())
	}
}

func TestCache_Bounded(t *testing.T) {
	c := New(3, func(_ context.Context, key string) (string, error) { return key, nil })
	for _, k := range []string{"a", "b", "c", "d", "e"} {
		if v, _ := c.Get(context.Background(), k); v != k {
			t.Fatalf("got %q for %q", v, k)
		}
	}
	if c.Len() > 3 {
		t.Fatalf("len %d exceeds max 3", c.Len())
	}
}

func TestCache_Weighed(t *testing.T) {
	c := New(100, func(_ context.Context, key string) (string, error) { return key, nil })
	c.Weigh(10, func(v string) int { return len(v) })
	ctx := context.Background()
	for _, k := range []string{"aaaa", "bbbb", "cccc", "dddd"} {
		if v, _ := c.Get(ctx, k); v != k {
			t.Fatalf("got %q for %q", v, k)
		}
		if w := c.Weight(); w > 10 {
			t.Fatalf("after %s weight %d, want ≤ 10", k, w)
		}
	}
	if n := c.Len(); n != 2 {
		t.Fatalf("holds %d values of 4 bytes in 10, want 2", n)
	}
	c.Invalidate("dddd")
	if w := c.Weight(); w != 4 {
		t.Fatalf("after invalidation weight %d", w)
	}
	if _, err := c.Get(ctx, "a-value-heavier-than-the-whole-cache"); err != nil || c.Len() != 1 {
		t.Fatalf("an oversized value is served and kept alone: len %d", c.Len())
	}
}

func TestCache_Stats(t *testing.T) {
	c := New(10, func(_ context.Context, key string) (string, error) {
		if key == "bad" {
			return "", errors.New("boom")
		}
		return key, nil
	})
	ctx := context.Background()
	steps := []struct {
		key                  string
		invalidate           bool
		wantHits, wantMisses uint64
	}{
		{"a", false, 0, 1},
		{"a", false, 1, 1},
		{"b", false, 1, 2},
		{"a", false, 2, 2},
		{"a", true, 2, 3}, // rebuilt after moderation
		{"bad", false, 2, 4},
		{"bad", false, 2, 5}, // a failed build is not kept, so not a hit
	}
	for i, s := range steps {
		if s.invalidate {
			c.Invalidate(s.key)
		}
		c.Get(ctx, s.key)
		if h, m := c.Stats(); h != s.wantHits || m != s.wantMisses {
			t.Fatalf("step %d (%s): hits %d misses %d, want %d %d", i, s.key, h, m, s.wantHits, s.wantMisses)
		}
	}
}

// A built value is read without its slot's build lock: a Get while the
// lock is held (as by a reader still inside it) answers at once, a hit.
func TestCache_BuiltValueReadWithoutLock(t *testing.T) {
	c := New(4, func(_ context.Context, key string) (string, error) { return "v-" + key, nil })
	if v, err := c.Get(context.Background(), "a"); v != "v-a" || err != nil {
		t.Fatalf("Get = %q, %v", v, err)
	}
	c.mu.Lock()
	s := c.slots["a"]
	c.mu.Unlock()
	s.once.Lock()
	defer s.once.Unlock()
	got := make(chan string, 1)
	go func() { v, _ := c.Get(context.Background(), "a"); got <- v }()
	if v := <-got; v != "v-a" {
		t.Errorf("Get = %q", v)
	}
	if hits, misses := c.Stats(); hits != 1 || misses != 1 {
		t.Errorf("hits %d misses %d, want 1 and 1", hits, misses)
	}
}
