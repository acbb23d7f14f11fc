package api

import (
	"encoding/base64"
	"encoding/binary"
	"sort"
	"strconv"

	"balasan/internal/comment"
)

// Paging a thread: a page holds up to a limit of top-level comments, each
// with all its replies, so a conversation is never cut in two. A cursor
// names the last top-level comment of a page by id: the next page starts
// at the first top-level comment after it (before it, newest first), so a
// cursor stays good when comments are approved or removed meanwhile.

// Page sizes of the API; the embed page shows embedPageSize at a time.
const (
	maxLimit      = 200
	embedPageSize = 50
)

// Order is the order of top-level comments; replies stay oldest first
// under their comment, as WordPress shows them either way.
type Order string

// The orders.
const (
	Oldest Order = "oldest"
	Newest Order = "newest"
)

// groups is a thread's comments rearranged group by group: each group is
// a top-level comment and every reply under it, in thread order.
type groups struct {
	flat []comment.Comment
	tops []int64 // the top-level comment of each group, ascending
	from []int   // group i is flat[from[i]:from[i+1]]
}

// group cuts comments (oldest first, by id) into groups. A reply whose
// parent is not among them is a top-level comment, as in buildTree;
// comments that only lead round a cycle (imported data) belong to none.
func group(comments []comment.Comment) *groups {
	parent := make(map[int64]int64, len(comments))
	for _, c := range comments {
		parent[c.ID] = c.ParentID
	}
	rootOf := make(map[int64]int64, len(comments))
	var root func(id int64, steps int) int64
	root = func(id int64, steps int) int64 {
		if r, ok := rootOf[id]; ok {
			return r
		}
		p := parent[id]
		var r int64
		switch {
		case steps > len(comments):
			r = -1 // a cycle: no top-level comment above
		case p == 0 || p == id:
			r = id
		case !hasKey(parent, p):
			r = id
		default:
			r = root(p, steps+1)
		}
		rootOf[id] = r
		return r
	}
	// Each comment is copied once, straight to its place: counted per
	// group first, then placed in thread order (a slice per group copied
	// the thread twice, half of an approval's rebuild allocations).
	roots := make([]int64, len(comments))
	size := make(map[int64]int)
	var tops []int64
	for i, c := range comments {
		r := root(c.ID, 0)
		roots[i] = r
		if r < 0 {
			continue
		}
		if r == c.ID {
			tops = append(tops, r)
		}
		size[r]++
	}
	sort.Slice(tops, func(i, j int) bool { return tops[i] < tops[j] })
	g := &groups{tops: tops, from: make([]int, 0, len(tops)+1)}
	next := make(map[int64]int, len(tops)) // where a group's next member goes
	n := 0
	for _, top := range tops {
		g.from = append(g.from, n)
		next[top] = n
		n += size[top]
	}
	g.from = append(g.from, n)
	g.flat = make([]comment.Comment, n)
	for i, c := range comments {
		if r := roots[i]; r >= 0 {
			g.flat[next[r]] = c
			next[r]++
		}
	}
	return g
}

func hasKey(m map[int64]int64, k int64) bool { _, ok := m[k]; return ok }

// start is the position, in the given order, of the first group after
// the cursor's top-level comment (0 without a cursor).
func (g *groups) start(after int64, o Order) int {
	if after == 0 {
		return 0
	}
	if o == Newest {
		// Groups with a top below the cursor, counted from the newest.
		below := sort.Search(len(g.tops), func(i int) bool { return g.tops[i] >= after })
		return len(g.tops) - below
	}
	return sort.Search(len(g.tops), func(i int) bool { return g.tops[i] > after })
}

// page returns the comments of up to limit groups from position pos in
// the given order, and the cursor of the next page ("" on the last).
func (g *groups) page(pos, limit int, o Order) ([]comment.Comment, string) {
	n := len(g.tops)
	end := min(pos+limit, n)
	if pos >= end {
		return nil, ""
	}
	var out []comment.Comment
	var last int64
	if o == Newest {
		for p := pos; p < end; p++ {
			i := n - 1 - p
			out = append(out, g.flat[g.from[i]:g.from[i+1]]...)
			last = g.tops[i]
		}
	} else {
		out = g.flat[g.from[pos]:g.from[end]]
		last = g.tops[end-1]
	}
	if end == n {
		return out, ""
	}
	return out, encodeCursor(last)
}

// encodeCursor makes a cursor of a top-level comment's id: opaque to
// clients, short in a URL.
func encodeCursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString(binary.AppendUvarint(nil, uint64(id)))
}

// decodeCursor reads a cursor; only the exact encoding of a positive id
// is one, so a cursor means one thing and caches once.
func decodeCursor(s string) (int64, bool) {
	if s == "" || len(s) > 16 {
		return 0, false
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil {
		return 0, false
	}
	id, n := binary.Uvarint(b)
	if n != len(b) || id == 0 || id > 1<<62 || encodeCursor(int64(id)) != s {
		return 0, false
	}
	return int64(id), true
}

// paging is what a request asks of a thread's pages.
type paging struct {
	Paged bool // limit given (the API) or an embed page
	Limit int
	After int64
	Order Order
}

// variant names a page in the thread's page cache.
func (p paging) variant(pos int) string {
	return string(p.Order) + "|" + strconv.Itoa(p.Limit) + "|" + strconv.Itoa(pos)
}

// readPaging validates the paging parameters; a bad one is an invalid
// request naming the field, never a guess.
func readPaging(limit, after, order string, defaultLimit int) (paging, error) {
	p := paging{Limit: defaultLimit, Order: Oldest, Paged: defaultLimit > 0}
	fields := map[string]string{}
	if limit != "" {
		n, err := strconv.Atoi(limit)
		if err != nil || n < 1 || n > maxLimit {
			fields["limit"] = "page_limit"
		}
		p.Limit, p.Paged = n, true
	}
	switch order {
	case "", string(Oldest):
	case string(Newest):
		p.Order = Newest
	default:
		fields["order"] = "page_order"
	}
	if after != "" {
		id, ok := decodeCursor(after)
		if !ok {
			fields["after"] = "page_cursor"
		}
		p.After = id
		if !p.Paged {
			fields["limit"] = "page_limit"
		}
	}
	if len(fields) > 0 {
		return p, &comment.Error{Code: comment.EInvalid, Key: "page_invalid", Fields: fields}
	}
	return p, nil
}

// indexOf is the position, in the given order, of the group holding the
// comment id; -1 when no group holds it.
func (g *groups) indexOf(id int64, o Order) int {
	for i := range g.tops {
		for _, c := range g.flat[g.from[i]:g.from[i+1]] {
			if c.ID == id {
				if o == Newest {
					return len(g.tops) - 1 - i
				}
				return i
			}
		}
	}
	return -1
}
