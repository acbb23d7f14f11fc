package disqus

import "balasan/internal/xmlstream"

// SyntaxError reports malformed XML in the input, with the line where the
// decoder noticed it: Line is the 1-based line number and Err the
// underlying *xml.SyntaxError.
type SyntaxError xmlstream.SyntaxError

// Error returns a message naming the line, e.g. "disqus: line 12: unexpected EOF".
func (e *SyntaxError) Error() string { return (*xmlstream.SyntaxError)(e).Message("disqus") }

// Unwrap returns the underlying error.
func (e *SyntaxError) Unwrap() error { return e.Err }

// wrapXMLError turns an *xml.SyntaxError into a *SyntaxError and returns
// any other error (I/O errors from the reader, callback errors) unchanged.
func wrapXMLError(err error) error {
	if se := xmlstream.Syntax(err); se != nil {
		return (*SyntaxError)(se)
	}
	return err
}
