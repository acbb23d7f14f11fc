// Package encoded keeps answer bodies ready in every content encoding a
// reader's browser may accept (identity, gzip, brotli), compressed once
// when they are cached so that no request compresses anew, and picks the
// encoding a request's Accept-Encoding allows.
package encoded

import (
	"bytes"
	"compress/gzip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/andybalholm/brotli"
)

// Encoding is a content coding of an answer.
type Encoding uint8

// The encodings, from plain to best.
const (
	Identity Encoding = iota
	Gzip
	Brotli
)

// Header is the Content-Encoding value, "" for identity.
func (e Encoding) Header() string {
	switch e {
	case Gzip:
		return "gzip"
	case Brotli:
		return "br"
	}
	return ""
}

// MinSize is the smallest body worth compressing: below about one TCP
// segment the saving does not pay for the header and the decoding.
const MinSize = 1024

// Levels chosen by BenchmarkCompress on a 200 KB thread: gzip's best
// level took 4.7× the time of the default (7.8 ms against 1.7 ms) for
// under 1% fewer bytes; brotli at quality 5 took 5 ms for half gzip's
// bytes. Bodies are compressed once per cache fill, the first request
// after an approval waits for it, so cheap levels win.
const (
	gzipLevel     = gzip.DefaultCompression
	brotliQuality = 5
)

// Body is one answer in each encoding, with an ETag per encoding (a cache
// between must never hand gzip bytes to a client that asked for none).
type Body struct {
	raw  []byte
	tag  string    // quoted, e.g. "abc"
	has  [3]bool   // the encodings it offers
	form [3]form   // each encoding's bytes, made once
	grew func(int) // told the bytes of each encoding made lazily
	size atomic.Int64
	// Each encoding's ETag as a header value, made once: a small cached
	// read spent a tenth of its time building its headers.
	tags [3][]string
}

// form is one encoding of a body and its Content-Length header value.
type form struct {
	once   sync.Once
	body   []byte
	length []string
}

// New compresses raw once in every encoding that pays; tag is the quoted
// ETag of the plain body.
func New(raw []byte, tag string, withBrotli bool) *Body {
	b := newBody(raw, tag, withBrotli, nil)
	for e := range b.has {
		if b.has[e] {
			b.made(Encoding(e))
		}
	}
	return b
}

// NewLazy is New compressing each encoding when first asked for: a page
// of a big thread, rebuilt after an approval, is read in one encoding by
// most, and its first reader waits for that one only (brotli cost more
// than the JSON and gzip together). grew, when not nil, is told the size
// of each encoding made later, for a cache's accounting.
func NewLazy(raw []byte, tag string, withBrotli bool, grew func(n int)) *Body {
	return newBody(raw, tag, withBrotli, grew)
}

func newBody(raw []byte, tag string, withBrotli bool, grew func(int)) *Body {
	b := &Body{raw: raw, tag: tag, grew: grew}
	b.has = [3]bool{true, len(raw) >= MinSize, withBrotli && len(raw) >= MinSize}
	for e := range b.tags {
		b.tags[e] = []string{Tag(tag, Encoding(e))}
	}
	b.size.Store(int64(len(raw)))
	b.form[Identity].once.Do(func() { b.form[Identity].body, b.form[Identity].length = raw, []string{strconv.Itoa(len(raw))} })
	return b
}

// made returns an encoding's form, compressing it on first use.
func (b *Body) made(e Encoding) *form {
	f := &b.form[e]
	f.once.Do(func() {
		if e == Brotli {
			f.body = BrotliBytes(b.raw)
		} else {
			f.body = GzipBytes(b.raw, gzipLevel)
		}
		f.length = []string{strconv.Itoa(len(f.body))}
		b.size.Add(int64(len(f.body)))
		if b.grew != nil {
			b.grew(len(f.body))
		}
	})
	return f
}

// For returns the body and ETag to send for an accepted encoding: the
// best one it holds that the client accepts.
func (b *Body) For(acceptEncoding string) (body []byte, enc Encoding, tag string) {
	enc = b.pick(acceptEncoding)
	return b.made(enc).body, enc, b.tags[enc][0]
}

// Headers is For with the ETag and Content-Length as header values, to
// put into an http.Header by assignment. The slices are shared by every
// request: a caller must not change their elements (Header.Add, which
// copies a full slice before appending, is safe).
func (b *Body) Headers(acceptEncoding string) (body []byte, enc Encoding, etag, length []string) {
	enc = b.pick(acceptEncoding)
	f := b.made(enc)
	return f.body, enc, b.tags[enc], f.length
}

func (b *Body) pick(acceptEncoding string) Encoding {
	return Negotiate(acceptEncoding, b.has[Brotli], b.has[Gzip])
}

// Raw is the plain body.
func (b *Body) Raw() []byte { return b.raw }

// Size is the memory the body holds in all its encodings made so far.
func (b *Body) Size() int { return int(b.size.Load()) }

// Tag is the ETag of an encoding: the plain tag with a suffix inside the
// quotes ("abc" → "abc-gz"), so each encoding revalidates on its own.
func Tag(tag string, e Encoding) string {
	if e == Identity || len(tag) < 2 {
		return tag
	}
	suffix := "-gz"
	if e == Brotli {
		suffix = "-br"
	}
	return tag[:len(tag)-1] + suffix + `"`
}

// Writers are pooled: a brotli writer allocates megabytes of tables, a
// gzip one hundreds of kilobytes, and a big thread fills hundreds of pages.
var (
	gzipPools  sync.Map // level → *sync.Pool of *gzip.Writer
	brotliPool = sync.Pool{New: func() any { return brotli.NewWriterLevel(nil, brotliQuality) }}
)

// GzipBytes compresses b with gzip at level.
func GzipBytes(b []byte, level int) []byte {
	p, _ := gzipPools.LoadOrStore(level, &sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(nil, level) // level is one of ours: never an error
		return w
	}})
	pool := p.(*sync.Pool)
	var out bytes.Buffer
	out.Grow(len(b)/4 + 64)
	w := pool.Get().(*gzip.Writer)
	w.Reset(&out)
	w.Write(b)
	w.Close()
	pool.Put(w)
	return out.Bytes()
}

// BrotliBytes compresses b with brotli at the quality chosen above.
func BrotliBytes(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(b)/5 + 64)
	w := brotliPool.Get().(*brotli.Writer)
	w.Reset(&out)
	w.Write(b)
	w.Close()
	brotliPool.Put(w)
	return out.Bytes()
}

// Negotiate picks the encoding to send from an Accept-Encoding header and
// what the server holds: brotli, then gzip, when the client accepts them
// (q-value above zero, by name or "*"); identity otherwise. Identity is
// sent even when the client refuses it, as RFC 9110 allows: it is never
// worse than a 406 for a reader.
func Negotiate(header string, haveBrotli, haveGzip bool) Encoding {
	if header == "" || !haveBrotli && !haveGzip {
		return Identity
	}
	br, gz, star := -1.0, -1.0, -1.0
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		q := quality(params)
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "br":
			br = q
		case "gzip", "x-gzip":
			gz = max(gz, q)
		case "*":
			star = q
		}
	}
	if br < 0 {
		br = star
	}
	if gz < 0 {
		gz = star
	}
	switch {
	case haveBrotli && br > 0 && (br >= gz || !haveGzip):
		return Brotli
	case haveGzip && gz > 0:
		return Gzip
	case haveBrotli && br > 0:
		return Brotli
	}
	return Identity
}

// quality reads q from a coding's parameters; 1 when absent, 0 when it
// cannot be read (a malformed weight accepts nothing).
func quality(params string) float64 {
	for p := range strings.SplitSeq(params, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || q < 0 || q > 1 {
			return 0
		}
		return q
	}
	return 1
}
