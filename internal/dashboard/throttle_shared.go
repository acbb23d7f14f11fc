package dashboard

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"time"

	"balasan/internal/comment"
)

// The login throttle shared by instances (PostgreSQL): the same three
// rules as throttle.go, counted in the store, so an attacker cannot
// multiply the allowance by spreading attempts over the instances behind
// a load balancer. Keys are HMACs under a key every instance has (from
// BALASAN_SECRET_KEY), since a per-process hash seed would give each
// instance its own keys. A store that does not answer lets the attempt
// through to the password check (logged): an unreachable database fails
// the login there anyway.

// sharedKeys hashes an attempt as keys() does, with a shared key.
func sharedKeys(key []byte, ip, username string) loginKeys {
	client := clientOf(ip)
	h := func(parts ...string) uint64 {
		m := hmac.New(sha256.New, key)
		for _, p := range parts {
			m.Write([]byte(p))
			m.Write([]byte{0})
		}
		return binary.BigEndian.Uint64(m.Sum(nil))
	}
	return loginKeys{pair: h("p", client, username), user: h("u", username), client: h("c", client)}
}

func (k loginKeys) rules() [3]struct {
	key  int64
	rule rule
} {
	return [3]struct {
		key  int64
		rule rule
	}{{int64(k.pair), pairRule}, {int64(k.user), userRule}, {int64(k.client), clientRule}}
}

// sharedBlocked is blocked() over the store's counts.
func sharedBlocked(ctx context.Context, st comment.LoginFailures, k loginKeys, now time.Time) (time.Duration, error) {
	rs := k.rules()
	counts, err := st.FailedLogins(ctx, []int64{rs[0].key, rs[1].key, rs[2].key})
	if err != nil {
		return 0, err
	}
	var wait time.Duration
	for _, r := range rs {
		if c, ok := counts[r.key]; ok && c.N >= int(r.rule.max) {
			wait = max(wait, c.Last.Add(r.rule.window).Sub(now))
		}
	}
	return wait, nil
}

// sharedFail is fail() in the store.
func sharedFail(ctx context.Context, st comment.LoginFailures, k loginKeys, now time.Time) error {
	for _, r := range k.rules() {
		if err := st.FailLogin(ctx, r.key, r.rule.window, now); err != nil {
			return err
		}
	}
	return nil
}

// loginBlocked, loginFailed and loginSucceeded use the shared throttle
// when the store has one, else this process's tables.
func (h *Handler) loginBlocked(ctx context.Context, ip, username string) (loginKeys, time.Duration) {
	if h.SharedFailures == nil {
		k := h.throttle.keys(ip, username)
		return k, h.throttle.blocked(k)
	}
	k := sharedKeys(h.ThrottleKey, ip, username)
	wait, err := sharedBlocked(ctx, h.SharedFailures, k, h.Now())
	if err != nil {
		h.Log.ErrorContext(ctx, "read login throttle", "err", err)
	}
	return k, wait
}

func (h *Handler) loginFailed(ctx context.Context, k loginKeys) {
	if h.SharedFailures == nil {
		h.throttle.fail(k)
	} else if err := sharedFail(ctx, h.SharedFailures, k, h.Now()); err != nil {
		h.Log.ErrorContext(ctx, "count failed login", "err", err)
	}
}

func (h *Handler) loginSucceeded(ctx context.Context, k loginKeys) {
	if h.SharedFailures == nil {
		h.throttle.succeeded(k)
	} else if err := h.SharedFailures.ForgetLogin(ctx, int64(k.pair)); err != nil {
		h.Log.ErrorContext(ctx, "forget failed logins", "err", err)
	}
}

// PruneLogins trims the shared throttle's table: counts past the longest
// window, and the oldest past the in-memory tables' capacity. The app
// runs it as a background job on one instance.
func (h *Handler) PruneLogins(ctx context.Context) (int64, error) {
	longest := max(pairRule.window, userRule.window, clientRule.window)
	return h.SharedFailures.PruneLogins(ctx, h.Now().Add(-longest), 3*throttleCapacity)
}
