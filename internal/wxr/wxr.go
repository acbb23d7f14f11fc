// Package wxr reads and writes WordPress eXtended RSS (WXR), the XML
// document produced by WordPress under Tools → Export.
//
// Reading is streaming: the decoder walks the document token by token and
// decodes one <item> at a time, so memory stays bounded by the largest
// single item however large the export is. Only the parts Balasan needs are
// kept: the post an item describes and its <wp:comment> elements.
//
// Element names are matched on their local name, so exports declaring the
// older wp namespaces (export/1.0/, export/1.1/) read the same as 1.2.
package wxr

import "time"

// Post is one <item> that carries comments.
type Post struct {
	// ID is wp:post_id, kept as written in the file.
	ID string
	// Title is the item <title>.
	Title string
	// Link is the item <link>, the post's permalink.
	Link string
	// Status is wp:status: "publish", "draft", "private", "trash", …
	Status string
	// CommentStatus is wp:comment_status: "open" or "closed".
	CommentStatus string
}

// Comment is one <wp:comment>.
type Comment struct {
	// ID is wp:comment_id.
	ID int64
	// ParentID is wp:comment_parent; 0 means a top-level comment.
	ParentID int64
	// Author is wp:comment_author, the display name.
	Author string
	// AuthorEmail is wp:comment_author_email.
	AuthorEmail string
	// AuthorURL is wp:comment_author_url.
	AuthorURL string
	// AuthorIP is wp:comment_author_IP.
	AuthorIP string
	// DateGMT is wp:comment_date_gmt, in UTC. When that is empty or
	// "0000-00-00 00:00:00" the reader falls back to wp:comment_date (the
	// site's local time, which carries no zone and is read as UTC). It is
	// the zero time when neither holds a date.
	DateGMT time.Time
	// Content is wp:comment_content, verbatim (usually HTML). XML parsing
	// normalises line endings to "\n".
	Content string
	// Approved is wp:comment_approved as in the file: "1", "0", "spam",
	// "trash" (and occasionally "post-trashed").
	Approved string
	// Type is wp:comment_type: "" or "comment" for ordinary comments,
	// "pingback" or "trackback" for the ones callers usually skip.
	Type string
	// UserID is wp:comment_user_id; greater than 0 when the author was
	// logged in as one of the site's own users.
	UserID int64
}

// Progress receives the number of bytes consumed from the input so far. It
// is called from the reading goroutine every time a chunk (at most 64 KiB)
// is read, so it should be cheap; throttle any printing in the callback.
type Progress func(bytesRead int64)
