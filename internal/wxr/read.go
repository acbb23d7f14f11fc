package wxr

import (
	"encoding/xml"
	"fmt"
	"io"

	"balasan/internal/xmlstream"
)

// Read streams a WXR export from r. For each <item> that has at least one
// <wp:comment> it calls fn once with the post and its comments, in file
// order; items without comments are not reported. Memory stays bounded by
// the largest single item.
//
// Malformed XML yields a *SyntaxError carrying the line number. An error
// returned by fn stops reading and is returned unchanged, as are errors
// from r. HTML named entities such as &nbsp; are accepted, and forbidden
// control characters are read as spaces (see ReadWithProgress).
func Read(r io.Reader, fn func(Post, []Comment) error) error {
	return ReadWithProgress(r, fn, nil)
}

// ReadWithProgress is Read with a progress callback, which may be nil. It
// receives the running count of bytes consumed from r, for a progress line.
// C0 control characters other than tab, newline and carriage return, which
// XML forbids but old WordPress databases contain, are read as spaces
// instead of failing the whole import.
func ReadWithProgress(r io.Reader, fn func(Post, []Comment) error, progress Progress) error {
	d := xmlstream.NewDecoder(r, progress)
	return format.Read(d, func(start *xml.StartElement) error {
		if start.Name.Local != "item" {
			return nil
		}
		line, _ := d.InputPos()
		var it xmlItem
		if err := d.DecodeElement(&it, start); err != nil {
			return wrapXMLError(err)
		}
		if len(it.Comments) == 0 {
			return nil
		}
		post, comments, err := it.convert()
		if err != nil {
			return fmt.Errorf("wxr: item at line %d: %w", line, err)
		}
		return fn(post, comments)
	})
}

// format is the shape of a WXR file for xmlstream.
var format = xmlstream.Format{Prefix: "wxr", Root: "rss", Name: "a WordPress export", Wrap: wrapXMLError}
