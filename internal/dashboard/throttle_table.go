package dashboard

import "time"

// table counts failures per hashed key under one rule, in at most
// capacity entries of fixed size. Entries live in a ring in the order
// their keys were first seen; once the ring is full, a new key takes the
// slot of the oldest. Callers hold the throttle's lock.
type table struct {
	rule
	capacity int
	index    map[uint64]int32 // key → slot
	slots    []entry
	oldest   int // the slot a new key takes once the ring is full
}

type entry struct {
	key  uint64
	n    int32
	last int64 // unix nanoseconds of the last failure
}

func newTable(r rule, capacity int) *table {
	return &table{rule: r, capacity: capacity, index: make(map[uint64]int32)}
}

// wait is how long key stays blocked: zero when it is not.
func (t *table) wait(key uint64, now time.Time) time.Duration {
	i, ok := t.index[key]
	if !ok || t.slots[i].n < t.max {
		return 0
	}
	return max(0, time.Duration(t.slots[i].last+int64(t.window)-now.UnixNano()))
}

func (t *table) fail(key uint64, now time.Time) {
	ns := now.UnixNano()
	if i, ok := t.index[key]; ok {
		e := &t.slots[i]
		if ns-e.last >= int64(t.window) {
			e.n = 0 // the window has passed: count afresh
		}
		e.n++
		e.last = ns
		return
	}
	if len(t.slots) < t.capacity {
		t.index[key] = int32(len(t.slots))
		t.slots = append(t.slots, entry{key: key, n: 1, last: ns})
		return
	}
	old := &t.slots[t.oldest]
	delete(t.index, old.key)
	*old = entry{key: key, n: 1, last: ns}
	t.index[key] = int32(t.oldest)
	t.oldest = (t.oldest + 1) % t.capacity
}

// forget drops a key's count; its slot stays in the ring until reused.
func (t *table) forget(key uint64) {
	if i, ok := t.index[key]; ok {
		t.slots[i].n = 0
	}
}
