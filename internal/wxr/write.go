package wxr

import (
	"bufio"
	"errors"
	"io"
	"strconv"
	"time"
)

// Namespaces declared by the Writer, as in WordPress's own exports.
const (
	nsWP      = "http://wordpress.org/export/1.2/"
	nsExcerpt = "http://wordpress.org/export/1.2/excerpt/"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsWfw     = "http://wellformedweb.org/CommentAPI/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
)

// errClosed is returned by WritePost after Close.
var errClosed = errors.New("wxr: write to closed Writer")

// Writer writes a WXR 1.2 document that the WordPress importer accepts.
// Text goes out as CDATA split the way WordPress splits it, so "]]>" and
// characters XML forbids cannot break the document (the latter become
// U+FFFD). Items carry wp:post_type "post" and no post date, so the
// importer attaches the comments to an existing post with the same title.
type Writer struct {
	// Location is the zone used for wp:comment_date, the site-local date
	// (wp:comment_date_gmt is always UTC). Nil means UTC. Set it before
	// the first WritePost.
	Location *time.Location

	w       *bufio.Writer
	site    string
	title   string
	started bool
	closed  bool
	err     error
	intBuf  []byte
	dateBuf []byte
}

// NewWriter returns a Writer that writes a document for the site with the
// given title and URL to w. Nothing is written until the first WritePost or
// Close; Close must be called to finish the document.
func NewWriter(w io.Writer, siteTitle, siteURL string) *Writer {
	return &Writer{w: bufio.NewWriter(w), title: siteTitle, site: siteURL}
}

// WritePost writes one <item> with its comments, in the order given.
func (w *Writer) WritePost(p Post, comments []Comment) error {
	if w.closed {
		return errClosed
	}
	w.header()
	w.raw("\t<item>\n")
	w.field("\t\t", "title", p.Title)
	w.field("\t\t", "link", p.Link)
	w.raw("\t\t<description></description>\n")
	w.raw("\t\t<content:encoded><![CDATA[]]></content:encoded>\n")
	w.raw("\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>\n")
	w.field("\t\t", "wp:post_id", p.ID)
	w.field("\t\t", "wp:comment_status", p.CommentStatus)
	w.field("\t\t", "wp:status", p.Status)
	w.raw("\t\t<wp:post_type><![CDATA[post]]></wp:post_type>\n")
	for i := range comments {
		w.comment(&comments[i])
	}
	w.raw("\t</item>\n")
	return w.err
}

// Close finishes the document and flushes it. It does not close the
// underlying io.Writer. Calling Close again returns the first error, if any.
func (w *Writer) Close() error {
	if w.closed {
		return w.err
	}
	w.header()
	w.raw("</channel>\n</rss>\n")
	w.closed = true
	if w.err == nil {
		w.err = w.w.Flush()
	}
	return w.err
}

// header writes the document head once.
func (w *Writer) header() {
	if w.started {
		return
	}
	w.started = true
	w.raw(`<?xml version="1.0" encoding="UTF-8" ?>` + "\n" +
		`<rss version="2.0"` + "\n" +
		"\txmlns:excerpt=\"" + nsExcerpt + "\"\n" +
		"\txmlns:content=\"" + nsContent + "\"\n" +
		"\txmlns:wfw=\"" + nsWfw + "\"\n" +
		"\txmlns:dc=\"" + nsDC + "\"\n" +
		"\txmlns:wp=\"" + nsWP + "\"\n" +
		">\n<channel>\n")
	w.field("\t", "title", w.title)
	w.field("\t", "link", w.site)
	w.raw("\t<description></description>\n")
	w.raw("\t<wp:wxr_version>1.2</wp:wxr_version>\n")
	w.field("\t", "wp:base_site_url", w.site)
	w.field("\t", "wp:base_blog_url", w.site)
	w.raw("\t<generator>balasan</generator>\n")
}

// comment writes one <wp:comment>.
func (w *Writer) comment(c *Comment) {
	w.raw("\t\t<wp:comment>\n")
	w.intField("wp:comment_id", c.ID)
	w.field("\t\t\t", "wp:comment_author", c.Author)
	w.field("\t\t\t", "wp:comment_author_email", c.AuthorEmail)
	w.field("\t\t\t", "wp:comment_author_url", c.AuthorURL)
	w.field("\t\t\t", "wp:comment_author_IP", c.AuthorIP)
	w.dateField("wp:comment_date", c.DateGMT, w.Location)
	w.dateField("wp:comment_date_gmt", c.DateGMT, time.UTC)
	w.field("\t\t\t", "wp:comment_content", c.Content)
	w.field("\t\t\t", "wp:comment_approved", c.Approved)
	w.field("\t\t\t", "wp:comment_type", c.Type)
	w.intField("wp:comment_parent", c.ParentID)
	w.intField("wp:comment_user_id", c.UserID)
	w.raw("\t\t</wp:comment>\n")
}

// raw writes s unchanged, remembering the first error.
func (w *Writer) raw(s string) {
	if w.err == nil {
		_, w.err = w.w.WriteString(s)
	}
}

// field writes <name>CDATA(value)</name> on its own line.
func (w *Writer) field(indent, name, value string) {
	w.raw(indent + "<" + name + ">")
	if w.err == nil {
		w.err = writeCDATA(w.w, value)
	}
	w.raw("</" + name + ">\n")
}

// intField writes a comment-level integer element.
func (w *Writer) intField(name string, v int64) {
	w.intBuf = strconv.AppendInt(w.intBuf[:0], v, 10)
	w.raw("\t\t\t<" + name + ">" + string(w.intBuf) + "</" + name + ">\n")
}

// dateField writes a comment-level date in loc (nil meaning UTC), or
// WordPress's zero date for the zero time.
func (w *Writer) dateField(name string, t time.Time, loc *time.Location) {
	s := zeroDate
	if !t.IsZero() {
		if loc == nil {
			loc = time.UTC
		}
		w.dateBuf = t.In(loc).AppendFormat(w.dateBuf[:0], dateLayout)
		s = string(w.dateBuf)
	}
	w.raw("\t\t\t<" + name + ">" + s + "</" + name + ">\n")
}
