package api

import (
	"hash/fnv"

	"balasan/internal/comment"
)

// MaxDepth is how deep replies nest, as WordPress's thread_comments_depth;
// deeper replies hang under the comment at this depth.
const MaxDepth = 5

// Node is one comment in the rendered thread.
type Node struct {
	C        comment.Comment
	Depth    int
	Pending  bool
	Children []*Node
}

// Hue picks one of 12 avatar colours from the public name, so the avatar
// says nothing about the email.
func (n *Node) Hue() int {
	h := fnv.New32a()
	h.Write([]byte(n.C.Author))
	return int(h.Sum32() % 12)
}

// buildTree nests comments under their parents, top-level comments in the
// order given (a page newest first keeps it), replies oldest first; a
// comment with status pending is the reader's own preview.
// A reply whose parent is not shown becomes a top-level comment; below
// MaxDepth, replies line up at MaxDepth right after the comment they answer.
func buildTree(comments []comment.Comment, pending *comment.Comment) []*Node {
	all := make([]*Node, 0, len(comments)+1)
	for _, c := range comments {
		all = append(all, &Node{C: c, Pending: c.Status == comment.Pending})
	}
	if pending != nil {
		all = append(all, &Node{C: *pending, Pending: true})
	}
	byID := make(map[int64]*Node, len(all))
	for _, n := range all {
		byID[n.C.ID] = n
	}
	kids := map[int64][]*Node{}
	var tops []*Node
	for _, n := range all {
		if p := byID[n.C.ParentID]; n.C.ParentID != 0 && p != nil && p != n {
			kids[p.C.ID] = append(kids[p.C.ID], n)
		} else {
			tops = append(tops, n)
		}
	}
	var roots []*Node
	seen := make(map[int64]bool, len(all))
	var walk func(n *Node, depth int, list *[]*Node)
	walk = func(n *Node, depth int, list *[]*Node) {
		if seen[n.C.ID] {
			return // a cycle in imported data must not loop
		}
		seen[n.C.ID] = true
		n.Depth = depth
		*list = append(*list, n)
		for _, k := range kids[n.C.ID] {
			if depth < MaxDepth {
				walk(k, depth+1, &n.Children)
			} else {
				walk(k, depth, list)
			}
		}
	}
	for _, n := range tops {
		walk(n, 1, &roots)
	}
	return roots
}
