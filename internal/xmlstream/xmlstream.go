// Package xmlstream holds the mechanics shared by the streaming readers of
// export files (internal/wxr, internal/disqus): an input wrapper that counts
// bytes for a progress line and tolerates stray control characters, the
// document loop with its root-element check, and syntax errors that carry a
// line number. Standard library only.
package xmlstream

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// inputBufferSize is the size of the chunks pulled from the caller's reader.
const inputBufferSize = 64 << 10

// inputReader counts the bytes it reads, reports them to a progress
// callback, and replaces the C0 control characters XML 1.0 forbids
// (everything below 0x20 except tab, newline and carriage return) with
// spaces. Such characters turn up in comments stored by old installs and
// would otherwise abort the whole import with "illegal character code".
// Bytes below 0x20 never occur inside a multi-byte UTF-8 sequence, so the
// replacement is safe.
type inputReader struct {
	r        io.Reader
	n        int64
	progress func(int64)
}

func (c *inputReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			p[i] = ' '
		}
	}
	c.n += int64(n)
	if c.progress != nil && n > 0 {
		c.progress(c.n)
	}
	return n, err
}

// NewDecoder returns an XML decoder reading r through the input wrapper
// (progress, which may be nil, receives the running count of bytes consumed
// from r, at most every 64 KiB) and accepting HTML named entities such as
// &nbsp;. The wrapper implements io.ByteReader, so the decoder adds no
// buffering of its own.
func NewDecoder(r io.Reader, progress func(int64)) *xml.Decoder {
	d := xml.NewDecoder(bufio.NewReaderSize(&inputReader{r: r, progress: progress}, inputBufferSize))
	d.Entity = xml.HTMLEntity
	return d
}

// Format describes one kind of export file for Read.
type Format struct {
	// Prefix starts every error message, e.g. "wxr".
	Prefix string
	// Root is the local name the document element must have, e.g. "rss".
	Root string
	// Name says what the file should have been, e.g. "a WordPress export".
	Name string
	// Wrap turns a decoder error into the package's error, normally by
	// converting the result of Syntax to the package's SyntaxError type.
	Wrap func(error) error
}

// Read decodes the document from d. It checks the root element and then
// calls fn for every start element that fn has not consumed, in file order:
// fn may decode or skip the element (then its children are not seen) or
// return nil without reading (then they are). Decoder errors go through
// f.Wrap; an error from fn stops reading and is returned unchanged.
func (f Format) Read(d *xml.Decoder, fn func(start *xml.StartElement) error) error {
	sawRoot := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if !sawRoot {
				return fmt.Errorf("%s: no XML element in input", f.Prefix)
			}
			return nil
		}
		if err != nil {
			return f.Wrap(err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !sawRoot {
			sawRoot = true
			if start.Name.Local != f.Root {
				return fmt.Errorf("%s: root element is <%s>, not <%s>: not %s", f.Prefix, start.Name.Local, f.Root, f.Name)
			}
			continue
		}
		if err := fn(&start); err != nil {
			return err
		}
	}
}

// SyntaxError reports malformed XML in the input, with the line where the
// decoder noticed it. Err is the underlying *xml.SyntaxError. Packages
// define their own type on it (type SyntaxError xmlstream.SyntaxError) so
// that errors.As tells their errors apart and Error names the package.
type SyntaxError struct {
	// Line is the 1-based line number of the error.
	Line int
	// Err is the decoder's error.
	Err error
}

// Syntax returns the *xml.SyntaxError in err's chain as a *SyntaxError, or
// nil when there is none (I/O errors from the reader, callback errors).
func Syntax(err error) *SyntaxError {
	var xe *xml.SyntaxError
	if errors.As(err, &xe) {
		return &SyntaxError{Line: xe.Line, Err: xe}
	}
	return nil
}

// Message returns the error message with prefix, e.g.
// "wxr: line 12: unexpected EOF".
func (e *SyntaxError) Message(prefix string) string {
	msg := "malformed XML"
	var xe *xml.SyntaxError
	switch {
	case errors.As(e.Err, &xe):
		msg = xe.Msg
	case e.Err != nil:
		msg = e.Err.Error()
	}
	return fmt.Sprintf("%s: line %d: %s", prefix, e.Line, msg)
}
