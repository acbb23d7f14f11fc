package disqus

import (
	"encoding/xml"
	"fmt"
	"io"

	"balasan/internal/xmlstream"
)

// Read streams a Disqus export from r, calling onThread for each top-level
// <thread> and onPost for each <post>, in file order. Either callback may
// be nil. Other elements (<category>) are skipped.
//
// Malformed XML yields a *SyntaxError carrying the line number; a value
// that cannot be read (a bad date or boolean) yields an error naming the
// element's line. An error returned by a callback stops reading and is
// returned unchanged, as are errors from r.
func Read(r io.Reader, onThread func(Thread) error, onPost func(Post) error) error {
	return ReadWithProgress(r, onThread, onPost, nil)
}

// ReadWithProgress is Read with a progress callback, which may be nil. It
// receives the running count of bytes consumed from r. C0 control
// characters other than tab, newline and carriage return are read as
// spaces.
func ReadWithProgress(r io.Reader, onThread func(Thread) error, onPost func(Post) error, progress Progress) error {
	d := xmlstream.NewDecoder(r, progress)
	// Every child of the root is consumed whole by readChild, so each start
	// element it sees is a direct child of <disqus>.
	return format.Read(d, func(start *xml.StartElement) error {
		return readChild(d, start, onThread, onPost)
	})
}

// format is the shape of a Disqus file for xmlstream.
var format = xmlstream.Format{Prefix: "disqus", Root: "disqus", Name: "a Disqus export", Wrap: wrapXMLError}

// readChild decodes one child of the root and hands it to its callback.
func readChild(d *xml.Decoder, start *xml.StartElement, onThread func(Thread) error, onPost func(Post) error) error {
	line, _ := d.InputPos()
	switch start.Name.Local {
	case "thread":
		var x xmlThread
		if err := d.DecodeElement(&x, start); err != nil {
			return wrapXMLError(err)
		}
		th, err := x.convert()
		if err != nil {
			return fmt.Errorf("disqus: thread at line %d: %w", line, err)
		}
		if onThread != nil {
			return onThread(th)
		}
	case "post":
		var x xmlPost
		if err := d.DecodeElement(&x, start); err != nil {
			return wrapXMLError(err)
		}
		p, err := x.convert()
		if err != nil {
			return fmt.Errorf("disqus: post at line %d: %w", line, err)
		}
		if onPost != nil {
			return onPost(p)
		}
	default:
		if err := d.Skip(); err != nil {
			return wrapXMLError(err)
		}
	}
	return nil
}
