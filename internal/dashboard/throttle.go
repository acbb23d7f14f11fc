package dashboard

import (
	"hash/maphash"
	"net"
	"strings"
	"sync"
	"time"
)

// Login throttling. Three rules, each counting failed logins in its own
// table; an attempt any rule blocks gets 429 until that rule's window has
// passed since its last failure:
//
//   - per client and username: 5 in 15 minutes, the guessing of one
//     account from one place;
//   - per username from anywhere: 50 in an hour, slower, so guessing
//     spread over many addresses is bounded too, yet one attacker's 5
//     failures do not lock the real moderator out everywhere;
//   - per client for any username: 20 in 15 minutes, so one address
//     cannot spray passwords over many accounts.
//
// Invariants: nothing a client sends is kept, only a seeded 64-bit hash
// of it (an attacker can neither grow memory with long usernames nor
// aim collisions at someone's key); each table holds at most capacity
// entries of a fixed size, the oldest dropped first; credentials longer
// than anything an account can have are refused before they get here.
// Dropping the oldest cannot be used to wipe one's own record: filling
// a table takes capacity failures, and the per-client rule lets each
// address add only 20 in a window.
var (
	pairRule   = rule{max: 5, window: 15 * time.Minute}
	userRule   = rule{max: 50, window: time.Hour}
	clientRule = rule{max: 20, window: 15 * time.Minute}
)

// throttleCapacity bounds each table: about 12 MB for the three when
// full (TestThrottle_Memory).
const throttleCapacity = 1 << 16

// The longest credentials a login may carry: usernames are made at most
// 60 characters (240 bytes of UTF-8); no password manager makes 4 KB.
const (
	maxLoginUsername = 256
	maxLoginPassword = 4096
)

type rule struct {
	max    int32
	window time.Duration
}

type throttle struct {
	now                func() time.Time
	seed               maphash.Seed
	mu                 sync.Mutex
	pair, user, client *table
}

// loginKeys are the hashed keys of one attempt, one per rule.
type loginKeys struct{ pair, user, client uint64 }

func newThrottle(now func() time.Time, capacity int) *throttle {
	return &throttle{now: now, seed: maphash.MakeSeed(),
		pair: newTable(pairRule, capacity), user: newTable(userRule, capacity), client: newTable(clientRule, capacity)}
}

// keys hashes an attempt's client address and username (case-folded, as
// usernames are matched).
func (t *throttle) keys(ip, username string) loginKeys {
	client := clientOf(ip)
	username = strings.ToLower(username)
	h := func(parts ...string) uint64 {
		var m maphash.Hash
		m.SetSeed(t.seed)
		for _, p := range parts {
			m.WriteString(p)
			m.WriteByte(0) // "ab"+"c" and "a"+"bc" stay apart
		}
		return m.Sum64()
	}
	return loginKeys{pair: h("p", client, username), user: h("u", username), client: h("c", client)}
}

// clientOf is the unit an address is counted in: an IPv6 client holds a
// whole /64 (one home or server), so it is counted as one.
func clientOf(ip string) string {
	a := net.ParseIP(ip)
	if a == nil || a.To4() != nil {
		return ip
	}
	return a.Mask(net.CIDRMask(64, 128)).String()
}

// blocked is how long until an attempt may be made again, when a rule
// has seen too many recent failures; zero when none has.
func (t *throttle) blocked(k loginKeys) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	return max(t.pair.wait(k.pair, now), t.user.wait(k.user, now), t.client.wait(k.client, now))
}

// fail records one failed login under every rule.
func (t *throttle) fail(k loginKeys) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	t.pair.fail(k.pair, now)
	t.user.fail(k.user, now)
	t.client.fail(k.client, now)
}

// succeeded forgets the client's failures for that username after a
// correct password; the other rules keep counting what others tried.
func (t *throttle) succeeded(k loginKeys) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pair.forget(k.pair)
}
