package disqus

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
	// Cut the sample at the end of line 50, inside the first post.
	lines := strings.SplitAfter(string(sample), "\n")
	truncated := strings.TrimSuffix(strings.Join(lines[:50], ""), "\n")

	tests := []struct {
		name     string
		in       string
		wantLine int
	}{
		{"truncated sample", truncated, 50},
		{"truncated inside CDATA", "<disqus>\n<post>\n<message><![CDATA[belum", 3},
		{"mismatched tag", "<disqus>\n<thread>\n<title>Judul</link>\n</thread></disqus>", 3},
		{"mismatched in author", "<disqus>\n<post>\n<author>\n<name>Siti</name>\n</autor>\n</post></disqus>", 5},
		{"mismatched in category", "<disqus>\n<category>\n</categori></disqus>", 3},
		{"unknown entity", "<disqus>\n<post>\n\n<message>&bogus;</message></post></disqus>", 4},
		{"unclosed root", "<disqus>\n<thread dsq:id=\"1\"/>\n", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Read(strings.NewReader(tt.in), func(Thread) error { return nil }, func(Post) error { return nil })
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v (%T), want *SyntaxError", err, err)
			}
			if se.Line != tt.wantLine {
				t.Errorf("Line = %d, want %d (%v)", se.Line, tt.wantLine, err)
			}
			if want := fmt.Sprintf("disqus: line %d:", tt.wantLine); !strings.Contains(se.Error(), want) {
				t.Errorf("Error() = %q, want it to contain %q", se.Error(), want)
			}
			var xe *xml.SyntaxError
			if !errors.As(err, &xe) {
				t.Error("underlying *xml.SyntaxError not reachable with errors.As")
			}
		})
	}
}
