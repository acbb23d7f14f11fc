package comment

import (
	"crypto/hmac"
	"crypto/sha256"
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

// match returns the first key found, case-insensitively, in any of the
// comment's name, email, URL, text, IP or user agent, as WordPress does.
func match(keys []string, c *Comment) (string, bool) {
	if len(keys) == 0 {
		return "", false
	}
	fields := []string{c.Author, c.Email, c.AuthorURL, c.Raw, c.IP, c.UserAgent}
	for i := range fields {
		fields[i] = strings.ToLower(fields[i])
	}
	for _, k := range keys {
		lk := strings.ToLower(k)
		for _, f := range fields {
			if strings.Contains(f, lk) {
				return k, true
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
