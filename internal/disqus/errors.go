package disqus

import (
	"encoding/xml"
	"errors"
	"fmt"
)

// SyntaxError reports malformed XML in the input, with the line where the
// decoder noticed it. Err is the underlying *xml.SyntaxError.
type SyntaxError struct {
	// Line is the 1-based line number of the error.
	Line int
	// Err is the decoder's error.
	Err error
}

// Error returns a message naming the line, e.g. "disqus: line 12: unexpected EOF".
func (e *SyntaxError) Error() string {
	msg := "malformed XML"
	var xe *xml.SyntaxError
	switch {
	case errors.As(e.Err, &xe):
		msg = xe.Msg
	case e.Err != nil:
		msg = e.Err.Error()
	}
	return fmt.Sprintf("disqus: line %d: %s", e.Line, msg)
}

// Unwrap returns the underlying error.
func (e *SyntaxError) Unwrap() error { return e.Err }

// wrapXMLError turns an *xml.SyntaxError into a *SyntaxError and returns
// any other error (I/O errors from the reader, callback errors) unchanged.
func wrapXMLError(err error) error {
	var xe *xml.SyntaxError
	if errors.As(err, &xe) {
		return &SyntaxError{Line: xe.Line, Err: xe}
	}
	return err
}
