package dashboard

import (
	"sync"
	"time"
)

// Login throttling: after maxFailures failed logins within window from one
// client or for one username, further attempts get 429 until the window
// has passed since the last failure.
const (
	maxFailures    = 5
	failureWindow  = 15 * time.Minute
	throttleMaxKey = 100000
)

type throttle struct {
	now func() time.Time
	mu  sync.Mutex
	m   map[string]*failures
}

type failures struct {
	n    int
	last time.Time
}

func newThrottle(now func() time.Time) *throttle {
	return &throttle{now: now, m: make(map[string]*failures)}
}

// blocked reports whether any of the keys has too many recent failures.
func (t *throttle) blocked(keys ...string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		if f := t.m[k]; f != nil && f.n >= maxFailures && t.now().Sub(f.last) < failureWindow {
			return true
		}
	}
	return false
}

// fail records one failed login for each key.
func (t *throttle) fail(keys ...string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.m) > throttleMaxKey {
		t.sweep()
	}
	now := t.now()
	for _, k := range keys {
		f := t.m[k]
		if f == nil || now.Sub(f.last) >= failureWindow {
			f = &failures{}
			t.m[k] = f
		}
		f.n++
		f.last = now
	}
}

// reset forgets a key after a successful login.
func (t *throttle) reset(key string) {
	t.mu.Lock()
	delete(t.m, key)
	t.mu.Unlock()
}

func (t *throttle) sweep() {
	now := t.now()
	for k, f := range t.m {
		if now.Sub(f.last) >= failureWindow {
			delete(t.m, k)
		}
	}
}
