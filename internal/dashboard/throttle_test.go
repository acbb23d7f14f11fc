package dashboard

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"runtime"
	"strings"
	"testing"
	"time"
)

// clock is a settable time for the throttle's windows.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// attempt is one login from a client address for a username.
type attempt struct{ ip, user string }

func TestThrottle_Rules(t *testing.T) {
	tests := []struct {
		name    string
		fails   []attempt     // failed logins, in order
		advance time.Duration // then the clock moves on
		try     attempt
		blocked bool
	}{
		{"4 failures leave the pair free", repeat(4, attempt{"203.0.113.1", "redaksi"}), 0, attempt{"203.0.113.1", "redaksi"}, false},
		{"5 failures block the pair", repeat(5, attempt{"203.0.113.1", "redaksi"}), 0, attempt{"203.0.113.1", "redaksi"}, true},
		{"username matched case-folded", repeat(5, attempt{"203.0.113.1", "Redaksi"}), 0, attempt{"203.0.113.1", "REDAKSI"}, true},
		{"another client still logs in", repeat(5, attempt{"203.0.113.1", "redaksi"}), 0, attempt{"198.51.100.7", "redaksi"}, false},
		{"the pair is free after 15 minutes", repeat(5, attempt{"203.0.113.1", "redaksi"}), 15 * time.Minute, attempt{"203.0.113.1", "redaksi"}, false},
		{"49 failures from many clients leave the username free", spread(49, "redaksi"), 0, attempt{"192.0.2.1", "redaksi"}, false},
		{"50 failures from many clients block the username", spread(50, "redaksi"), 0, attempt{"192.0.2.1", "redaksi"}, true},
		{"the username is still blocked after 15 minutes", spread(50, "redaksi"), 15 * time.Minute, attempt{"192.0.2.1", "redaksi"}, true},
		{"the username is free after an hour", spread(50, "redaksi"), time.Hour, attempt{"192.0.2.1", "redaksi"}, false},
		{"20 usernames from one client block the client", users(20, "203.0.113.1"), 0, attempt{"203.0.113.1", "sari"}, true},
		{"19 usernames from one client leave it free", users(19, "203.0.113.1"), 0, attempt{"203.0.113.1", "sari"}, false},
		{"an IPv6 /64 is one client", []attempt{{"2001:db8::1", "a"}, {"2001:db8::2", "a"}, {"2001:db8::3", "a"}, {"2001:db8::4", "a"}, {"2001:db8::5", "a"}},
			0, attempt{"2001:db8::ffff", "a"}, true},
		{"another /64 is another client", repeat(5, attempt{"2001:db8::1", "a"}), 0, attempt{"2001:db8:0:1::1", "a"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &clock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
			th := newThrottle(clk.now, throttleCapacity)
			for _, a := range tt.fails {
				th.fail(th.keys(a.ip, a.user))
			}
			clk.t = clk.t.Add(tt.advance)
			if got := th.blocked(th.keys(tt.try.ip, tt.try.user)) > 0; got != tt.blocked {
				t.Errorf("blocked = %v, want %v", got, tt.blocked)
			}
		})
	}
}

// TestThrottle_RetryAfter: the wait told is the rule's window since the
// last failure, the longest when several rules block.
func TestThrottle_RetryAfter(t *testing.T) {
	clk := &clock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	th := newThrottle(clk.now, throttleCapacity)
	k := th.keys("203.0.113.1", "redaksi")
	for range 5 {
		th.fail(k)
	}
	clk.t = clk.t.Add(5 * time.Minute)
	if got := th.blocked(k); got != 10*time.Minute {
		t.Errorf("pair blocked for %v, want 10m", got)
	}
	for _, a := range spread(50, "redaksi") {
		th.fail(th.keys(a.ip, a.user))
	}
	if got := th.blocked(th.keys("192.0.2.1", "redaksi")); got != time.Hour {
		t.Errorf("username blocked for %v, want 1h", got)
	}
}

// TestThrottle_SuccessForgetsThePairOnly: a correct password clears the
// client's own failures for that username, not what others tried.
func TestThrottle_SuccessForgetsThePairOnly(t *testing.T) {
	clk := &clock{t: time.Now()}
	th := newThrottle(clk.now, throttleCapacity)
	k := th.keys("203.0.113.1", "redaksi")
	for range 4 {
		th.fail(k)
	}
	th.succeeded(k)
	th.fail(k)
	if th.blocked(k) > 0 {
		t.Error("a success did not clear the pair's failures")
	}
	for _, a := range spread(50, "redaksi") {
		th.fail(th.keys(a.ip, a.user))
	}
	th.succeeded(k)
	if th.blocked(k) == 0 {
		t.Error("one client's success cleared the username's failures from everywhere")
	}
}

// TestThrottle_Capacity: a full table drops its oldest key first, and
// never holds more than its capacity.
func TestThrottle_Capacity(t *testing.T) {
	clk := &clock{t: time.Now()}
	th := newThrottle(clk.now, 8)
	victim := th.keys("203.0.113.1", "redaksi")
	for range 5 {
		th.fail(victim)
	}
	for i := range 7 { // the table is now full
		th.fail(th.keys("198.51.100."+fmt.Sprint(i), "u"+fmt.Sprint(i)))
	}
	if th.blocked(victim) == 0 {
		t.Fatal("blocked pair forgotten before the table was full")
	}
	th.fail(th.keys("198.51.100.99", "lain"))
	if th.blocked(victim) != 0 {
		t.Error("the oldest key was kept past the capacity")
	}
	for _, tb := range []*table{th.pair, th.user, th.client} {
		if len(tb.index) > 8 || len(tb.slots) > 8 {
			t.Errorf("table holds %d keys in %d slots, capacity 8", len(tb.index), len(tb.slots))
		}
	}
}

// TestThrottle_Memory: 100,000 failed logins from random addresses, each
// with its own 1 KB username, leave the throttle under 20 MB of heap.
func TestThrottle_Memory(t *testing.T) {
	th := newThrottle(time.Now, throttleCapacity)
	r := rand.New(rand.NewPCG(1, 2))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	name := []byte(strings.Repeat("x", 1024))
	for i := range 100_000 {
		ip := netip.AddrFrom4([4]byte{byte(r.Uint32()), byte(r.Uint32()), byte(r.Uint32()), byte(r.Uint32())})
		copy(name, fmt.Sprintf("%08d", i)) // a fresh 1 KB username each time
		th.fail(th.keys(ip.String(), string(name)))
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	grown := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("heap grew %.1f MB for 100,000 failing keys", float64(grown)/(1<<20))
	if grown > 20<<20 {
		t.Errorf("heap grew %d bytes, want under 20 MB", grown)
	}
	runtime.KeepAlive(th)
}

func repeat(n int, a attempt) []attempt {
	out := make([]attempt, n)
	for i := range out {
		out[i] = a
	}
	return out
}

// spread is n failures for one username, each from its own client.
func spread(n int, user string) []attempt {
	out := make([]attempt, n)
	for i := range out {
		out[i] = attempt{fmt.Sprintf("10.0.%d.%d", i/250, i%250+1), user}
	}
	return out
}

// users is n failures from one client, each for its own username.
func users(n int, ip string) []attempt {
	out := make([]attempt, n)
	for i := range out {
		out[i] = attempt{ip, fmt.Sprintf("tamu%d", i)}
	}
	return out
}
