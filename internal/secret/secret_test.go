package secret

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBox_SealOpenHash(t *testing.T) {
	key, err := LoadOrCreateKey(filepath.Join(t.TempDir(), "k", "secret.key"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(key)
	if err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"budi@example.test", "Siti.Nur@contoh.co.id", ""} {
		t.Run(email, func(t *testing.T) {
			sealed := b.Seal(email)
			if email != "" && (strings.Contains(sealed, email) || !Sealed(sealed)) {
				t.Fatalf("sealed %q reveals or lacks prefix: %q", email, sealed)
			}
			got, err := b.Open(sealed)
			if err != nil || got != email {
				t.Fatalf("Open = %q, %v; want %q", got, err, email)
			}
		})
	}
	if b.Hash("Budi@Example.test ") != b.Hash("budi@example.test") {
		t.Error("hash must ignore case and spaces")
	}
	if b.Seal("a@b.co") == b.Seal("a@b.co") {
		t.Error("two seals of one address must differ (random nonce)")
	}
	if got, _ := b.Open("legacy@example.test"); got != "legacy@example.test" {
		t.Errorf("plain legacy value: got %q", got)
	}
	if _, err := b.Open(prefix + "!!!"); err == nil {
		t.Error("malformed ciphertext must fail")
	}
}

func TestLoadOrCreateKey_KeepsKeyAndMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secret.key")
	k1, err := LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := LoadOrCreateKey(path)
	if err != nil || string(k1) != string(k2) {
		t.Fatalf("second load differs: %v", err)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", st.Mode().Perm())
	}
	other, _ := New(make([]byte, KeySize))
	mine, _ := New(k1)
	if _, err := other.Open(mine.Seal("x@y.zz")); err == nil {
		t.Error("another key must not open the ciphertext")
	}
}
