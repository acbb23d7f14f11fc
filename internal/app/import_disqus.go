package app

import (
	"net"
	"regexp"
	"strings"

	"balasan/internal/comment"
	"balasan/internal/disqus"
)

// wpIdentifier is the disqus_identifier the WordPress plugin sets:
// "POST_ID GUID". Its post id is the key a WXR import of the same site
// uses, so both imports land on one article.
var wpIdentifier = regexp.MustCompile(`^([0-9]+) https?://`)

// disqusKey is a thread's article key: its identifier when that is a
// valid key (or a WordPress plugin identifier), else "disqus-" + its id.
func disqusKey(th disqus.Thread) string {
	id := strings.TrimSpace(th.Identifier)
	if comment.ValidKey(id) {
		return id
	}
	if m := wpIdentifier.FindStringSubmatch(id); m != nil {
		return m[1]
	}
	return "disqus-" + th.ID
}

// disqusThread turns a thread into an article and remembers its key for
// the posts, which come later in the file.
func (r *importRun) disqusThread(th disqus.Thread) error {
	key := disqusKey(th)
	if !comment.ValidKey(key) {
		r.sum.skip("thread without a usable id")
		return nil
	}
	a := comment.Article{Key: key, URL: th.Link, Title: th.Title, CreatedAt: r.now}
	if th.Closed {
		a.State = comment.StateClosed
	}
	if err := r.article(a); err != nil {
		return err
	}
	return r.im.Remember("thread:"+th.ID, key)
}

// disqusPost imports one post. Its parent may come later in the file; the
// link is then made at the end of the import.
func (r *importRun) disqusPost(p disqus.Post) error {
	key, ok, err := r.im.Recall("thread:" + p.ThreadID)
	if err != nil {
		return err
	}
	if !ok {
		r.sum.skip("post of an unknown thread")
		return nil
	}
	if _, found, err := r.im.Lookup(p.ID); err != nil || found {
		if found {
			r.sum.already++
		}
		return err
	}
	c := comment.Comment{ArticleKey: key, Author: p.AuthorName, Email: p.AuthorEmail,
		Raw: p.Message, Status: comment.Approved, CreatedAt: p.CreatedAt}
	if net.ParseIP(p.IP) != nil {
		c.IP = p.IP
	}
	if c.Author == "" {
		c.Author = p.AuthorUsername
	}
	switch {
	case p.Deleted:
		c.Status = comment.Trash
	case p.Spam:
		c.Status = comment.Spam
	}
	if reason := r.fill(&c); reason != "" {
		r.sum.skip(reason)
		return nil
	}
	late := false
	if p.ParentID != "" {
		id, found, err := r.im.Lookup(p.ParentID)
		if err != nil {
			return err
		}
		c.ParentID, late = id, !found
	}
	if err := r.add(&c, p.ID); err != nil {
		return err
	}
	if late {
		return r.im.LinkLater(c.ID, p.ParentID)
	}
	return nil
}
