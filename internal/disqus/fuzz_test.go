package disqus

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

func FuzzRead(f *testing.F) {
	sample, err := os.ReadFile("testdata/sample.xml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	f.Add(sample[:len(sample)/3])
	f.Add([]byte(""))
	f.Add([]byte(`<disqus><thread dsq:id="1"><isClosed>x</isClosed></thread></disqus>`))
	f.Add([]byte(`<disqus><post><thread><post/></thread><createdAt>2013-07-12T15:23:51Z</createdAt></post></disqus>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := Read(bytes.NewReader(data), func(Thread) error { return nil }, func(Post) error { return nil })
		var se *SyntaxError
		if errors.As(err, &se) && se.Line < 1 {
			t.Fatalf("SyntaxError with line %d", se.Line)
		}
	})
}
