package cache

import (
	"context"
	"testing"
)

func TestCache_ClearRebuildsEveryKey(t *testing.T) {
	builds := map[string]int{}
	c := New(10, func(_ context.Context, key string) (int, error) {
		builds[key]++
		return builds[key], nil
	})
	ctx := context.Background()
	for _, k := range []string{"a", "b"} {
		c.Get(ctx, k)
		c.Get(ctx, k)
	}
	c.Clear()
	if c.Len() != 0 {
		t.Fatalf("%d keys after Clear", c.Len())
	}
	for _, k := range []string{"a", "b"} {
		if v, _ := c.Get(ctx, k); v != 2 {
			t.Errorf("%s: got build %d after Clear, want a second build", k, v)
		}
	}
}
