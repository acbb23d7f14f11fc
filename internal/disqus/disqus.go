// Package disqus reads the XML export of a Disqus forum (Admin → Moderate
// → Export), streaming one <thread> or <post> at a time so memory stays
// bounded by the largest single element.
//
// In the export, threads come before posts, but the posts of one thread are
// spread throughout the file. Callers map Thread.ID (the dsq:id attribute)
// to their own article as threads arrive, then attach each Post through
// Post.ThreadID.
package disqus

import "time"

// Thread is one top-level <thread>: a page that carried a Disqus embed.
type Thread struct {
	// ID is the dsq:id attribute, which posts refer to.
	ID string
	// Identifier is the <id> element: the disqus_identifier the site set
	// on the page (often the WordPress post ID and URL), possibly empty.
	Identifier string
	// Link is the page URL.
	Link string
	// Title is the page title.
	Title string
	// Closed is <isClosed>: the thread no longer accepted comments.
	Closed bool
}

// Post is one <post>, a comment.
type Post struct {
	// ID is the dsq:id attribute.
	ID string
	// ThreadID is the dsq:id of the post's <thread>.
	ThreadID string
	// ParentID is the dsq:id of the post's <parent>, or "" for a
	// top-level comment.
	ParentID string
	// Message is the comment body, HTML, verbatim.
	Message string
	// AuthorName is <author><name>.
	AuthorName string
	// AuthorEmail is <author><email>, often empty for guests.
	AuthorEmail string
	// AuthorUsername is <author><username>, the Disqus account name;
	// empty for guests.
	AuthorUsername string
	// Anonymous is <author><isAnonymous>: the author posted as a guest.
	Anonymous bool
	// IP is <ipAddress>.
	IP string
	// CreatedAt is <createdAt>, in UTC; zero when absent.
	CreatedAt time.Time
	// Deleted is <isDeleted>.
	Deleted bool
	// Spam is <isSpam>.
	Spam bool
}

// Progress receives the number of bytes consumed from the input so far. It
// is called every time a chunk (at most 64 KiB) is read, so it should be
// cheap; throttle any printing in the callback.
type Progress func(bytesRead int64)
