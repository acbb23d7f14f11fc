package comment_test

import (
	"testing"

	"balasan/internal/comment"
	"balasan/internal/secret"
)

// TestLinkToken: the domain's link signature is the secret box's Sign, so
// either side may make or check one; purposes and ids never collide.
func TestLinkToken(t *testing.T) {
	box, err := secret.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	key := box.SigningKey()
	if got, want := comment.LinkToken(key, comment.LinkConfirm, 42), box.Sign("notify-confirm:42"); got != want {
		t.Errorf("LinkToken = %s, box.Sign = %s", got, want)
	}
	seen := map[string]bool{}
	for _, p := range []string{comment.LinkConfirm, comment.LinkUnsubscribe} {
		for _, id := range []int64{1, 2, 12, 21} {
			tok := comment.LinkToken(key, p, id)
			if seen[tok] {
				t.Errorf("token of %s %d collides", p, id)
			}
			seen[tok] = true
		}
	}
}
