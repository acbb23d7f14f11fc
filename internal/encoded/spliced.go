package encoded

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
)

// Spliced is a page cached in two parts around a short value that changes
// with every answer (the form's time stamp), kept ready in gzip too.
//
// Invariants, which make the gzip answer one valid gzip member without
// compressing anything per request:
//   - gzHead is head as raw DEFLATE ending in a sync flush (not final,
//     byte-aligned), so any block may follow it;
//   - the middle goes out as one stored (uncompressed) block, ≤ 65535 bytes;
//   - gzTail is tail as a fresh DEFLATE stream ending in the final block:
//     it refers back to nothing, so it is valid after any earlier blocks;
//   - the trailer's CRC-32 runs on from head's over the middle and tail.
type Spliced struct {
	head, tail     []byte
	gzHead, gzTail []byte
	crcHead        uint32
	tag            string
}

// gzipHeader is a gzip member header: deflate, no name, no time, unknown OS.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// NewSpliced prepares head and tail in both encodings; tag is the quoted
// ETag of the page (the middle, a stamp, is not part of what it names).
func NewSpliced(head, tail []byte, tag string) *Spliced {
	s := &Spliced{head: head, tail: tail, tag: tag, crcHead: crc32.ChecksumIEEE(head)}
	if len(head)+len(tail) < MinSize {
		return s
	}
	var out bytes.Buffer
	w, _ := flate.NewWriter(&out, gzipLevel)
	w.Write(head)
	w.Flush()
	s.gzHead = bytes.Clone(out.Bytes())
	out.Reset()
	w.Reset(&out)
	w.Write(tail)
	w.Close()
	s.gzTail = out.Bytes()
	return s
}

// Parts returns what to write, in order, for a request's Accept-Encoding
// with mid between head and tail, and the total length.
func (s *Spliced) Parts(acceptEncoding string, mid []byte) (parts [][]byte, n int, enc Encoding, tag string) {
	if len(mid) > 0xffff || Negotiate(acceptEncoding, false, s.gzHead != nil) != Gzip {
		parts = [][]byte{s.head, mid, s.tail}
		return parts, len(s.head) + len(mid) + len(s.tail), Identity, s.tag
	}
	stored := []byte{0, byte(len(mid)), byte(len(mid) >> 8), ^byte(len(mid)), ^byte(len(mid) >> 8)}
	crc := crc32.Update(crc32.Update(s.crcHead, crc32.IEEETable, mid), crc32.IEEETable, s.tail)
	trailer := binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(nil, crc), uint32(len(s.head)+len(mid)+len(s.tail)))
	parts = [][]byte{gzipHeader, s.gzHead, stored, mid, s.gzTail, trailer}
	for _, p := range parts {
		n += len(p)
	}
	return parts, n, Gzip, Tag(s.tag, Gzip)
}

// Size is the memory the page holds.
func (s *Spliced) Size() int { return len(s.head) + len(s.tail) + len(s.gzHead) + len(s.gzTail) }
