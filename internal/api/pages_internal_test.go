package api

import (
	"slices"
	"strconv"
	"testing"

	"balasan/internal/comment"
)

// thread builds comments from "id:parent" pairs, in id order.
func thread(pairs ...[2]int64) []comment.Comment {
	var out []comment.Comment
	for _, p := range pairs {
		out = append(out, comment.Comment{ID: p[0], ParentID: p[1]})
	}
	return out
}

func ids(cs []comment.Comment) []int64 {
	var out []int64
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func TestGroup(t *testing.T) {
	for _, tc := range []struct {
		name     string
		comments []comment.Comment
		tops     []int64
		flat     []int64
	}{
		{"empty", nil, nil, nil},
		{"flat", thread([2]int64{1, 0}, [2]int64{2, 0}), []int64{1, 2}, []int64{1, 2}},
		{"replies follow their conversation", thread([2]int64{1, 0}, [2]int64{2, 0}, [2]int64{3, 1}, [2]int64{4, 3}, [2]int64{5, 2}),
			[]int64{1, 2}, []int64{1, 3, 4, 2, 5}},
		{"a reply to a comment not shown is top-level", thread([2]int64{2, 0}, [2]int64{3, 99}, [2]int64{4, 3}),
			[]int64{2, 3}, []int64{2, 3, 4}},
		{"a cycle belongs to nothing", thread([2]int64{1, 0}, [2]int64{2, 3}, [2]int64{3, 2}),
			[]int64{1}, []int64{1}},
		{"self parent is top-level", thread([2]int64{7, 7}), []int64{7}, []int64{7}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := group(tc.comments)
			if !slices.Equal(g.tops, tc.tops) || !slices.Equal(ids(g.flat), tc.flat) {
				t.Errorf("tops %v flat %v, want %v %v", g.tops, ids(g.flat), tc.tops, tc.flat)
			}
			if len(g.from) != len(g.tops)+1 {
				t.Errorf("%d bounds for %d groups", len(g.from), len(g.tops))
			}
		})
	}
}

func TestGroups_Page(t *testing.T) {
	// Tops 1, 2, 4, 6, 9; replies 3 (to 1), 5 (to 4), 7 (to 5), 8 (to 2).
	g := group(thread([2]int64{1, 0}, [2]int64{2, 0}, [2]int64{3, 1}, [2]int64{4, 0}, [2]int64{5, 4},
		[2]int64{6, 0}, [2]int64{7, 5}, [2]int64{8, 2}, [2]int64{9, 0}))
	for _, tc := range []struct {
		order Order
		limit int
		pages [][]int64
	}{
		{Oldest, 2, [][]int64{{1, 3, 2, 8}, {4, 5, 7, 6}, {9}}},
		{Newest, 2, [][]int64{{9, 6}, {4, 5, 7, 2, 8}, {1, 3}}},
		{Oldest, 5, [][]int64{{1, 3, 2, 8, 4, 5, 7, 6, 9}}},
		{Newest, 200, [][]int64{{9, 6, 4, 5, 7, 2, 8, 1, 3}}},
		{Oldest, 1, [][]int64{{1, 3}, {2, 8}, {4, 5, 7}, {6}, {9}}},
	} {
		t.Run(string(tc.order)+"-"+itoa(tc.limit), func(t *testing.T) {
			var after int64
			for i, want := range tc.pages {
				list, next := g.page(g.start(after, tc.order), tc.limit, tc.order)
				if !slices.Equal(ids(list), want) {
					t.Fatalf("page %d: %v, want %v", i, ids(list), want)
				}
				last := i == len(tc.pages)-1
				if (next == "") != last {
					t.Fatalf("page %d: next %q, last page %v", i, next, last)
				}
				if !last {
					var ok bool
					if after, ok = decodeCursor(next); !ok {
						t.Fatalf("next %q does not decode", next)
					}
				}
			}
		})
	}
	// A cursor whose comment is gone continues after where it stood.
	if list, _ := g.page(g.start(3, Oldest), 2, Oldest); !slices.Equal(ids(list), []int64{4, 5, 7, 6}) {
		t.Errorf("oldest after a removed id 3: %v", ids(list))
	}
	if list, _ := g.page(g.start(5, Newest), 2, Newest); !slices.Equal(ids(list), []int64{4, 5, 7, 2, 8}) {
		t.Errorf("newest after a removed id 5: %v", ids(list))
	}
	if list, next := g.page(g.start(100, Oldest), 2, Oldest); len(list) != 0 || next != "" {
		t.Errorf("after the end: %v %q", ids(list), next)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestReadPaging(t *testing.T) {
	c5 := encodeCursor(5)
	for _, tc := range []struct {
		limit, after, order string
		defaultLimit        int
		bad                 []string // fields named
		want                paging
	}{
		{"", "", "", 0, nil, paging{Order: Oldest}},
		{"50", "", "newest", 0, nil, paging{Paged: true, Limit: 50, Order: Newest}},
		{"200", c5, "oldest", 0, nil, paging{Paged: true, Limit: 200, After: 5, Order: Oldest}},
		{"", c5, "", 50, nil, paging{Paged: true, Limit: 50, After: 5, Order: Oldest}},
		{"", "", "newest", 0, nil, paging{Order: Newest}},
		{"0", "", "", 0, []string{"limit"}, paging{}},
		{"201", "", "", 0, []string{"limit"}, paging{}},
		{"-1", "", "", 0, []string{"limit"}, paging{}},
		{"1e2", "", "", 0, []string{"limit"}, paging{}},
		{"10", "", "random", 0, []string{"order"}, paging{}},
		{"10", "!!", "", 0, []string{"after"}, paging{}},
		{"10", c5 + "=", "", 0, []string{"after"}, paging{}},
		{"10", "AA", "", 0, []string{"after"}, paging{}},
		{"", c5, "", 0, []string{"limit"}, paging{}},
		{"x", "y", "z", 0, []string{"limit", "after", "order"}, paging{}},
	} {
		got, err := readPaging(tc.limit, tc.after, tc.order, tc.defaultLimit)
		if tc.bad == nil {
			if err != nil || got != tc.want {
				t.Errorf("readPaging(%q, %q, %q) = %+v, %v; want %+v", tc.limit, tc.after, tc.order, got, err, tc.want)
			}
			continue
		}
		ce, ok := err.(*comment.Error)
		if !ok || ce.Code != comment.EInvalid {
			t.Errorf("readPaging(%q, %q, %q): %v, want invalid", tc.limit, tc.after, tc.order, err)
			continue
		}
		for _, f := range tc.bad {
			if ce.Fields[f] == "" {
				t.Errorf("readPaging(%q, %q, %q) names %v, not %s", tc.limit, tc.after, tc.order, ce.Fields, f)
			}
		}
	}
}

func FuzzDecodeCursor(f *testing.F) {
	for _, s := range []string{encodeCursor(1), encodeCursor(1 << 40), "AA", "", "____", "gAE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, ok := decodeCursor(s)
		if ok && (id <= 0 || encodeCursor(id) != s) {
			t.Fatalf("%q decoded to %d", s, id)
		}
	})
}
