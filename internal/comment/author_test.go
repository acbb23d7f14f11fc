package comment

import (
	"strings"
	"testing"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

func TestAuthorToken_Parse(t *testing.T) {
	good := AuthorToken(testKey, []int64{42, 7})
	_, mac, _ := strings.Cut(strings.TrimPrefix(good, "a1."), ".")
	tests := []struct {
		name  string
		token string
		want  []int64
	}{
		{"signed", good, []int64{42, 7}},
		{"one id", AuthorToken(testKey, []int64{1}), []int64{1}},
		{"empty", "", nil},
		{"other key", AuthorToken([]byte("kunci lain"), []int64{42, 7}), nil},
		{"ids changed, mac kept", "a1.42-8." + mac, nil},
		{"no prefix", strings.TrimPrefix(good, "a1."), nil},
		{"other version", "a2." + strings.TrimPrefix(good, "a1."), nil},
		{"mac cut", good[:len(good)-2], nil},
		{"upper-case mac", "a1.42-7." + strings.ToUpper(mac), nil},
		{"zero id", AuthorToken(testKey, []int64{0}), nil},
		{"negative id", AuthorToken(testKey, []int64{-3}), nil},
		{"too many ids", AuthorToken(testKey, []int64{1, 2, 3, 4, 5, 6}), nil},
		{"too long", good + strings.Repeat("0", MaxAuthorToken), nil},
		{"no ids", "a1.." + mac, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseAuthorToken(testKey, tt.token)
			if len(got) != len(tt.want) {
				t.Fatalf("ParseAuthorToken = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("ParseAuthorToken = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestService_NextAuthorToken(t *testing.T) {
	trusted := &Service{Config: Config{Policy: PolicyTrusted, StampKey: testKey}}
	tests := []struct {
		name string
		s    *Service
		sent string
		id   int64
		want []int64
	}{
		{"first comment", trusted, "", 10, []int64{10}},
		{"keeps the earlier proofs, newest first", trusted, AuthorToken(testKey, []int64{9, 3}), 10, []int64{10, 9, 3}},
		{"at most five", trusted, AuthorToken(testKey, []int64{9, 8, 7, 6, 5}), 10, []int64{10, 9, 8, 7, 6}},
		{"a forged token is dropped", trusted, AuthorToken([]byte("x"), []int64{1}), 10, []int64{10}},
		{"the same id once", trusted, AuthorToken(testKey, []int64{10, 4}), 10, []int64{10, 4}},
		{"all policy: none", &Service{Config: Config{Policy: PolicyAll, StampKey: testKey}}, "", 10, nil},
		{"nothing stored: none", trusted, "", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := tt.s.NextAuthorToken(tt.sent, Comment{ID: tt.id})
			if tt.want == nil {
				if tok != "" {
					t.Fatalf("token %q, want none", tok)
				}
				return
			}
			got := ParseAuthorToken(testKey, tok)
			if len(got) != len(tt.want) {
				t.Fatalf("ids %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("ids %v, want %v", got, tt.want)
				}
			}
		})
	}
}

// FuzzParseAuthorToken: any text is refused or gives at most five
// positive ids that the same key signs back to the same token.
func FuzzParseAuthorToken(f *testing.F) {
	f.Add(AuthorToken(testKey, []int64{42, 7}))
	f.Add("a1.1.beef")
	f.Add("a1.-.")
	f.Add("a1.99999999999999999999.00")
	f.Fuzz(func(t *testing.T, token string) {
		ids := ParseAuthorToken(testKey, token)
		if ids == nil {
			return
		}
		if len(ids) > maxAuthorProofs {
			t.Fatalf("%d ids", len(ids))
		}
		for _, id := range ids {
			if id <= 0 {
				t.Fatalf("id %d", id)
			}
		}
		if again := AuthorToken(testKey, ids); again != token {
			t.Fatalf("token %q parsed to %v, which signs as %q", token, ids, again)
		}
	})
}

func TestWithStampEvidence(t *testing.T) {
	tests := []struct {
		name    string
		score   float64
		stamped bool
		min     float64
		max     float64
	}{
		{"stamped: unchanged", 0.5, true, 0.5, 0.5},
		{"no opinion, no stamp: likely spam", 0.5, false, 0.7499, 0.7501},
		{"doubtful text, no stamp: higher", 0.75, false, 0.8999, 0.9001},
		{"clean text, no stamp: still clean", 0.01, false, 0.029, 0.030},
		{"zero stays zero", 0, false, 0, 0},
		{"one stays one", 1, false, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := withStampEvidence(tt.score, tt.stamped); got < tt.min || got > tt.max {
				t.Errorf("withStampEvidence(%v, %v) = %v, want in [%v, %v]", tt.score, tt.stamped, got, tt.min, tt.max)
			}
		})
	}
}
