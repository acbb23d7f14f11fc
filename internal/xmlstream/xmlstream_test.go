package xmlstream

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// wrapped marks errors that went through Format.Wrap.
type wrapped struct{ err error }

func (w wrapped) Error() string { return "wrapped: " + w.err.Error() }
func (w wrapped) Unwrap() error { return w.err }

var testFormat = Format{Prefix: "tes", Root: "root", Name: "a test file", Wrap: func(err error) error { return wrapped{err} }}

func TestFormatRead(t *testing.T) {
	callbackErr := errors.New("berhenti")
	ioErr := errors.New("disk rusak")
	tests := []struct {
		name    string
		in      io.Reader
		stopAt  string // fn returns callbackErr at this element
		want    string // local names passed to fn, space-separated
		wantErr string // "" for nil
	}{
		{"children and grandchildren", strings.NewReader("<root><a><b/></a><c/></root>"), "", "a b c", ""},
		{"prefixed root", strings.NewReader(`<x:root xmlns:x="u"><x:a/></x:root>`), "", "a", ""},
		{"entities and control characters", strings.NewReader("<root>&nbsp;\x01<a/></root>"), "", "a", ""},
		{"empty", strings.NewReader(""), "", "", "tes: no XML element in input"},
		{"only a comment", strings.NewReader("<!-- x -->"), "", "", "tes: no XML element in input"},
		{"wrong root", strings.NewReader("<html><a/></html>"), "", "", "tes: root element is <html>, not <root>: not a test file"},
		{"callback error unchanged", strings.NewReader("<root><a/><b/></root>"), "a", "a", "berhenti"},
		{"syntax error wrapped", strings.NewReader("<root>\n<a></b></root>"), "", "a", "wrapped: XML syntax error on line 2: element <a> closed by </b>"},
		{"I/O error wrapped as is", io.MultiReader(strings.NewReader("<root><a/>"), iotest.ErrReader(ioErr)), "", "a", "wrapped: disk rusak"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			err := testFormat.Read(NewDecoder(tt.in, nil), func(start *xml.StartElement) error {
				got = append(got, start.Name.Local)
				if start.Name.Local == tt.stopAt {
					return callbackErr
				}
				return nil
			})
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("elements = %q, want %q", g, tt.want)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("err = %v, want nil", err)
			case tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr):
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if tt.stopAt != "" && !errors.Is(err, callbackErr) {
				t.Errorf("callback error changed: %#v", err)
			}
		})
	}
}

func TestNewDecoderInput(t *testing.T) {
	in := "<root>\x00a\x07b\x1fc\td\ne\rf é</root>"
	var reports []int64
	d := NewDecoder(strings.NewReader(in), func(n int64) { reports = append(reports, n) })
	var text string
	if err := d.Decode(&text); err != nil {
		t.Fatal(err)
	}
	if want := " a b c\td\ne\nf é"; text != want {
		t.Errorf("text = %q, want %q", text, want)
	}
	if len(reports) == 0 || reports[len(reports)-1] != int64(len(in)) {
		t.Errorf("progress reports = %v, want the last to be %d", reports, len(in))
	}
}

func TestNewDecoderProgressLargeInput(t *testing.T) {
	in := "<root>" + strings.Repeat("<a>x</a>", 40000) + "</root>" // > 4 chunks
	var reports []int64
	d := NewDecoder(strings.NewReader(in), func(n int64) { reports = append(reports, n) })
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if len(reports) < 4 {
		t.Fatalf("got %d progress reports, want one per 64 KiB chunk", len(reports))
	}
	for i := 1; i < len(reports); i++ {
		if reports[i] <= reports[i-1] || reports[i]-reports[i-1] > inputBufferSize {
			t.Fatalf("reports %v not rising by at most %d", reports, inputBufferSize)
		}
	}
	if last := reports[len(reports)-1]; last != int64(len(in)) {
		t.Errorf("last report = %d, want %d", last, len(in))
	}
}

func TestSyntax(t *testing.T) {
	var target struct{ X string }
	xerr := xml.Unmarshal([]byte("<x>\n\n<y></x>"), &target)
	se := Syntax(xerr)
	if se == nil {
		t.Fatalf("Syntax(%v) = nil", xerr)
	}
	if se.Line != 3 {
		t.Errorf("Line = %d, want 3", se.Line)
	}
	if got, want := se.Message("tes"), "tes: line 3: element <y> closed by </x>"; got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
	var xe *xml.SyntaxError
	if !errors.As(se.Err, &xe) {
		t.Error("Err is not the *xml.SyntaxError")
	}
	if Syntax(io.ErrUnexpectedEOF) != nil || Syntax(nil) != nil {
		t.Error("Syntax of a non-syntax error is not nil")
	}
	for _, tt := range []struct {
		e    SyntaxError
		want string
	}{
		{SyntaxError{Line: 7}, "tes: line 7: malformed XML"},
		{SyntaxError{Line: 8, Err: errors.New("aneh")}, "tes: line 8: aneh"},
	} {
		if got := tt.e.Message("tes"); got != tt.want {
			t.Errorf("Message = %q, want %q", got, tt.want)
		}
	}
}
