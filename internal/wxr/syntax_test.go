package wxr

import (
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestReadSyntaxError(t *testing.T) {
	sample, err := os.ReadFile("testdata/sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	// Cut the sample at the end of line 60, inside the first comment.
	lines := strings.SplitAfter(string(sample), "\n")
	truncated := strings.TrimSuffix(strings.Join(lines[:60], ""), "\n")

	tests := []struct {
		name     string
		in       string
		wantLine int
	}{
		// wrap's XML declaration is line 1; the items start on line 2.
		{"truncated sample", truncated, 60},
		{"truncated inside CDATA", wrap("\n<item>\n<wp:comment>\n<wp:comment_content><![CDATA[belum sele"), 5},
		{"mismatched tag", wrap("\n<item>\n<title>Judul</link>\n</item>"), 4},
		{"mismatched in comment", wrap("\n<item>\n<wp:comment>\n<wp:comment_id>1</wp:comment_id>\n</wp:commentx>\n</item>"), 6},
		{"unknown entity", wrap("\n\n<item><title>A &bogus; B</title></item>"), 4},
		{"bad attribute", "<rss>\n<channel>\n<item a=b></item></channel></rss>", 3},
		{"unclosed root", "<rss>\n<channel>\n</channel>\n", 4},
		{"invalid UTF-8", wrap("\n<item><title>\xff\xfe</title></item>"), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Read(strings.NewReader(tt.in), func(Post, []Comment) error { return nil })
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v (%T), want *SyntaxError", err, err)
			}
			if se.Line != tt.wantLine {
				t.Errorf("Line = %d, want %d (%v)", se.Line, tt.wantLine, err)
			}
			if want := fmt.Sprintf("line %d:", tt.wantLine); !strings.Contains(se.Error(), want) {
				t.Errorf("Error() = %q, want it to mention %q", se.Error(), want)
			}
			var xe *xml.SyntaxError
			if !errors.As(err, &xe) {
				t.Errorf("underlying *xml.SyntaxError not reachable with errors.As")
			}
		})
	}
}

// failingReader returns some data and then an I/O error.
type failingReader struct {
	data string
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.data == "" {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestReadIOErrorNotWrapped(t *testing.T) {
	ioErr := errors.New("disk rusak")
	err := Read(&failingReader{data: wrap("<item>")[:80], err: ioErr}, func(Post, []Comment) error { return nil })
	if !errors.Is(err, ioErr) {
		t.Fatalf("err = %v, want the reader's error", err)
	}
	var se *SyntaxError
	if errors.As(err, &se) {
		t.Fatalf("I/O error reported as *SyntaxError: %v", err)
	}
}
