// Package secret keeps readers' emails unreadable at rest: AES-GCM for the
// address itself and a keyed hash for lookups, both from one key file.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// KeySize is the length of the master key in bytes.
const KeySize = 32

// prefix marks ciphertext, so a value stored before encryption was turned
// on is recognised and migrated rather than mistaken for ciphertext.
const prefix = "v1:"

// Box encrypts and hashes with keys derived from one master key.
type Box struct {
	aead    cipher.AEAD
	hashKey []byte
	macKey  []byte
}

// New derives the encryption, lookup and signing keys from master.
func New(master []byte) (*Box, error) {
	if len(master) != KeySize {
		return nil, fmt.Errorf("secret: key must be %d bytes, got %d", KeySize, len(master))
	}
	block, err := aes.NewCipher(derive(master, "email-encryption"))
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Box{aead: aead, hashKey: derive(master, "email-lookup"), macKey: derive(master, "signing")}, nil
}

func derive(master []byte, purpose string) []byte {
	m := hmac.New(sha256.New, master)
	m.Write([]byte("balasan:" + purpose))
	return m.Sum(nil)
}

// Seal encrypts an email; the empty string stays empty.
func (b *Box) Seal(plain string) string {
	if plain == "" {
		return ""
	}
	nonce := make([]byte, b.aead.NonceSize())
	_, _ = rand.Read(nonce)
	out := b.aead.Seal(nonce, nonce, []byte(plain), nil)
	return prefix + base64.RawStdEncoding.EncodeToString(out)
}

// Open decrypts what Seal made. A value without the prefix is returned as
// it is: it was stored before encryption and is migrated on open.
func (b *Box) Open(stored string) (string, error) {
	if !strings.HasPrefix(stored, prefix) {
		return stored, nil
	}
	raw, err := base64.RawStdEncoding.DecodeString(stored[len(prefix):])
	if err != nil || len(raw) < b.aead.NonceSize() {
		return "", errors.New("secret: malformed ciphertext")
	}
	plain, err := b.aead.Open(nil, raw[:b.aead.NonceSize()], raw[b.aead.NonceSize():], nil)
	if err != nil {
		return "", errors.New("secret: ciphertext does not open with this key")
	}
	return string(plain), nil
}

// Sealed reports whether a stored value is ciphertext.
func Sealed(stored string) bool { return strings.HasPrefix(stored, prefix) }

// Hash is the lookup key of an email: case-insensitive, keyed, so the
// database alone does not reveal which address it stands for.
func (b *Box) Hash(email string) string {
	if email == "" {
		return ""
	}
	m := hmac.New(sha256.New, b.hashKey)
	m.Write([]byte(strings.ToLower(strings.TrimSpace(email))))
	return hex.EncodeToString(m.Sum(nil))
}

// Sign returns an HMAC of msg for links that must not be forged (form
// stamps, unsubscribe links).
func (b *Box) Sign(msg string) string {
	m := hmac.New(sha256.New, b.macKey)
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}

// SigningKey is the key for signatures made elsewhere.
func (b *Box) SigningKey() []byte { return b.macKey }

// LoadOrCreateKey reads the master key from path (hex), creating it with
// 0600 permissions when there is none. Only for a new database: see
// LoadKey and CreateKey for one that may hold sealed data.
func LoadOrCreateKey(path string) ([]byte, error) {
	key, err := LoadKey(path)
	if errors.Is(err, os.ErrNotExist) {
		return CreateKey(path)
	}
	return key, err
}

// LoadKey reads the master key from path (hex); a missing file is an
// error matching os.ErrNotExist.
func LoadKey(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseKey(string(data))
}

// CreateKey writes a new random master key to path, readable by its
// owner only (0600, whatever the umask); it never replaces a key file.
func CreateKey(path string) ([]byte, error) {
	key := make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := f.WriteString(hex.EncodeToString(key) + "\n"); err != nil {
		return nil, err
	}
	return key, f.Sync()
}

// ParseKey reads a hex master key (as in the key file or BALASAN_SECRET_KEY).
func ParseKey(s string) ([]byte, error) {
	key, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil || len(key) != KeySize {
		return nil, fmt.Errorf("secret: key must be %d hex digits", 2*KeySize)
	}
	return key, nil
}
