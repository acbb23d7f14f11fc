package app

import (
	"net"
	"strconv"

	"balasan/internal/comment"
	"balasan/internal/wxr"
)

// wxrStatus maps wp:comment_approved to our statuses.
var wxrStatus = map[string]comment.Status{
	"1": comment.Approved, "approve": comment.Approved,
	"0": comment.Pending, "hold": comment.Pending,
	"spam": comment.Spam, "trash": comment.Trash, "post-trashed": comment.Trash,
}

// wxrPost imports one <item>: the post becomes an article keyed by its
// wp:post_id, each comment keeps its thread. Within an item a reply may
// come before the comment it answers, so comments are stored parents
// first (a depth-first walk); the item is the unit held in memory.
func (r *importRun) wxrPost(p wxr.Post, cs []wxr.Comment) error {
	if !comment.ValidKey(p.ID) {
		for range cs {
			r.sum.skip("post without a usable wp:post_id")
		}
		return nil
	}
	a := comment.Article{Key: p.ID, URL: p.Link, Title: p.Title, CreatedAt: r.now}
	if p.CommentStatus == "closed" {
		a.State = comment.StateClosed
	}
	if err := r.article(a); err != nil {
		return err
	}
	index := make(map[int64]int, len(cs))
	for i, c := range cs {
		if _, dup := index[c.ID]; !dup {
			index[c.ID] = i
		}
	}
	ours := make(map[int64]int64, len(cs)) // WXR comment id → our id
	state := make([]uint8, len(cs))        // 0 new, 1 in progress, 2 done
	var visit func(i int) error
	visit = func(i int) error {
		if state[i] != 0 {
			return nil // done, or a cycle in the file: it stays top-level
		}
		state[i] = 1
		if j, ok := index[cs[i].ParentID]; ok && cs[i].ParentID != 0 && j != i {
			if err := visit(j); err != nil {
				return err
			}
		}
		state[i] = 2
		return r.wxrComment(p.ID, &cs[i], ours)
	}
	for i := range cs {
		if err := visit(i); err != nil {
			return err
		}
	}
	return nil
}

// wxrComment imports one comment whose parent, if any, is already stored.
func (r *importRun) wxrComment(key string, x *wxr.Comment, ours map[int64]int64) error {
	switch x.Type {
	case "", "comment":
	case "pingback", "trackback":
		r.sum.skip(x.Type)
		return nil
	default: // e.g. WooCommerce order notes: not readers' comments
		r.sum.skip("comment type " + strconv.Quote(x.Type))
		return nil
	}
	importID := key + ":" + strconv.FormatInt(x.ID, 10)
	if id, ok, err := r.im.Lookup(importID); err != nil || ok {
		if ok {
			ours[x.ID] = id
			r.sum.already++
		}
		return err
	}
	c := comment.Comment{ArticleKey: key, Author: x.Author, Email: x.AuthorEmail, AuthorURL: x.AuthorURL,
		Raw: x.Content, Staff: x.UserID > 0, CreatedAt: x.DateGMT}
	if net.ParseIP(x.AuthorIP) != nil {
		c.IP = x.AuthorIP
	}
	var ok bool
	if c.Status, ok = wxrStatus[x.Approved]; !ok {
		c.Status, c.Reason = comment.Pending, "imported with status "+strconv.Quote(x.Approved)
	}
	if reason := r.fill(&c); reason != "" {
		r.sum.skip(reason)
		return nil
	}
	if x.ParentID != 0 {
		if id, found := ours[x.ParentID]; found {
			c.ParentID = id
		} else if id, found, err := r.im.Lookup(key + ":" + strconv.FormatInt(x.ParentID, 10)); err != nil {
			return err
		} else if found {
			c.ParentID = id
		} else {
			r.sum.orphans++
		}
	}
	if err := r.add(&c, importID); err != nil {
		return err
	}
	ours[x.ID] = c.ID
	return nil
}
