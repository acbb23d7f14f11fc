package wxr

import (
	"bufio"
	"io"
)

// inputBufferSize is the size of the chunks pulled from the caller's reader.
const inputBufferSize = 64 << 10

// inputReader counts the bytes it reads, reports them to a Progress, and
// replaces the C0 control characters XML 1.0 forbids (everything below 0x20
// except tab, newline and carriage return) with spaces. Such characters turn
// up in comments stored by old WordPress installs and would otherwise abort
// the whole import with "illegal character code". Bytes below 0x20 never
// occur inside a multi-byte UTF-8 sequence, so the replacement is safe.
type inputReader struct {
	r        io.Reader
	n        int64
	progress Progress
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

// newInput wraps r for the XML decoder. The result implements io.ByteReader
// so the decoder adds no buffering of its own.
func newInput(r io.Reader, progress Progress) *bufio.Reader {
	return bufio.NewReaderSize(&inputReader{r: r, progress: progress}, inputBufferSize)
}
