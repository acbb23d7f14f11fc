package comment

import (
	"crypto/hmac"
	"crypto/sha256"
	_ "embed" // the default disallowed_keys list
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Rules are the editors' word lists, one word, phrase, email or IP a line,
// as in WordPress's moderation_keys and disallowed_keys.
type Rules struct {
	ModerationKeys []string
	DisallowedKeys []string
}

// ParseKeys splits a settings text into its non-empty lines.
func ParseKeys(text string) []string {
	var keys []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			keys = append(keys, line)
		}
	}
	return keys
}

// DefaultDisallowedKeys is the shipped list of blatant gambling brands and
// phrases, used while an admin has never saved disallowed_keys: the
// settings page shows it in the field, to edit or empty (which switches it
// off). Matched on folded text, so "𝐬𝐥𝐨𝐭 𝐠𝐚𝐜𝐨𝐫" and "s l o t gacor" match
// "slot gacor".
//
//go:embed default_disallowed_keys.txt
var DefaultDisallowedKeys string

// DisallowedKeysText returns the disallowed_keys text in force: the saved
// one, or the shipped default if none was ever saved.
func DisallowedKeysText(values map[string]string) string {
	if v, ok := values[SettingDisallowedKeys]; ok {
		return v
	}
	return DefaultDisallowedKeys
}

// matcher finds keys in comments, comparing both lower-cased and folded
// forms (see Service.Fold), so that a key matches what a reader sees
// whatever letters were used to write it.
type matcher struct {
	keys   []string // as the editor wrote them, for the reason
	lower  []string
	folded []string
}

func newMatcher(keys []string, fold func(string) string) matcher {
	m := matcher{keys: keys}
	for _, k := range keys {
		m.lower = append(m.lower, strings.ToLower(k))
		m.folded = append(m.folded, fold(k))
	}
	return m
}

// match returns the first key found, case-insensitively, in any of the
// comment's name, email, URL, text, IP or user agent, as WordPress does;
// then in their folded forms.
func (m matcher) match(c *Comment, fold func(string) string) (string, bool) {
	if len(m.keys) == 0 {
		return "", false
	}
	fields := []string{c.Author, c.Email, c.AuthorURL, c.Raw, c.IP, c.UserAgent}
	for i := range fields {
		fields[i] = strings.ToLower(fields[i])
	}
	for i, lk := range m.lower {
		for _, f := range fields {
			if strings.Contains(f, lk) {
				return m.keys[i], true
			}
		}
	}
	for i := range fields {
		fields[i] = fold(fields[i])
	}
	for i, fk := range m.folded {
		if fk == "" {
			continue
		}
		for _, f := range fields {
			if strings.Contains(f, fk) {
				return m.keys[i], true
			}
		}
	}
	return "", false
}

// Stamp signs the time a form was served, so a submission can be timed
// without keeping state per form.
func Stamp(key []byte, t time.Time) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return ts + "." + stampMAC(key, ts)
}

// StampAge returns how long ago a stamp was made; ok is false for a
// missing or forged stamp.
func StampAge(key []byte, stamp string, now time.Time) (time.Duration, bool) {
	ts, mac, found := strings.Cut(stamp, ".")
	if !found || !hmac.Equal([]byte(mac), []byte(stampMAC(key, ts))) {
		return 0, false
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return 0, false
	}
	return now.Sub(time.Unix(sec, 0)), true
}

func stampMAC(key []byte, ts string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("form-stamp:" + ts))
	return hex.EncodeToString(m.Sum(nil))[:32]
}
