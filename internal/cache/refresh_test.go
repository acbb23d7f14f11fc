package cache

import (
	"context"
	"sync/atomic"
	"testing"
)

// TestCache_Refresh: while a held value is rebuilt, readers get the old
// one without waiting; once Refresh returns, the new one is held; an
// Invalidate during the rebuild wins; a key not held is not built.
func TestCache_Refresh(t *testing.T) {
	var version atomic.Int32
	var loads atomic.Int32
	gate := make(chan struct{})
	var gated atomic.Bool
	c := New(10, func(context.Context, string) (int32, error) {
		loads.Add(1)
		if gated.Load() {
			<-gate
		}
		return version.Load(), nil
	})
	ctx := context.Background()
	c.Get(ctx, "a")
	version.Store(1)
	gated.Store(true)
	done := make(chan struct{})
	go func() { c.Refresh(ctx, "a"); close(done) }()
	for loads.Load() < 2 {
		// wait for the rebuild to start
	}
	if v, _ := c.Get(ctx, "a"); v != 0 {
		t.Fatalf("during the rebuild got %d, want the held 0", v)
	}
	close(gate)
	<-done
	gated.Store(false)
	if v, _ := c.Get(ctx, "a"); v != 1 || loads.Load() != 2 {
		t.Fatalf("after Refresh got %d with %d loads, want 1 with 2", v, loads.Load())
	}

	// An Invalidate while rebuilding: the rebuilt value must not land.
	gate2 := make(chan struct{})
	c2 := New(10, func(context.Context, string) (int32, error) {
		v := version.Load()
		if gated.Load() {
			<-gate2
		}
		return v, nil
	})
	c2.Get(ctx, "b")
	version.Store(2)
	gated.Store(true)
	done = make(chan struct{})
	go func() { c2.Refresh(ctx, "b"); close(done) }()
	for c2.refreshingLen() == 0 {
	}
	c2.Invalidate("b")
	close(gate2)
	<-done
	gated.Store(false)
	version.Store(3)
	if v, _ := c2.Get(ctx, "b"); v != 3 {
		t.Fatalf("after Invalidate during a refresh got %d, want a fresh 3", v)
	}

	before := loads.Load()
	c.Refresh(ctx, "not-held")
	if loads.Load() != before || c.Len() != 1 {
		t.Fatalf("refreshing a key not held built it (loads %d → %d, len %d)", before, loads.Load(), c.Len())
	}
}

func (c *Cache[V]) refreshingLen() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.refreshing)
}
