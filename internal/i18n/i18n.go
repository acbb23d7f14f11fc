// Package i18n holds Balasan's words in Indonesian (the default) and
// English, and picks the reader's language.
package i18n

import (
	"strings"
)

// parts are the catalogue's parts, one a file, listed here in plain view
// rather than registered from each file's init.
var parts = []map[string]message{coreMessages, dashboardMessages, embedMessages, notifyMessages,
	opsMessages, privacyMessages, trustMessages}

// messages is the whole catalogue (a key in two parts: the later wins;
// TestCatalogue_NoKeyTwice refuses that).
var messages = merge(parts)

func merge(parts []map[string]message) map[string]message {
	out := map[string]message{}
	for _, p := range parts {
		for k, v := range p {
			out[k] = v
		}
	}
	return out
}

// Lang is a language Balasan speaks.
type Lang string

// The languages: Indonesian first.
const (
	ID Lang = "id"
	EN Lang = "en"
)

// Parse accepts "id" or "en" (or a tag starting so), else Indonesian.
func Parse(s string) Lang {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "en") {
		return EN
	}
	return ID
}

// FromAcceptLanguage picks English only when the header prefers it over
// Indonesian; Indonesian readers are the default audience.
func FromAcceptLanguage(header string) Lang {
	for _, part := range strings.Split(header, ",") {
		tag, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		tag = strings.ToLower(strings.TrimSpace(tag))
		if strings.Contains(q, "q=0") && !strings.Contains(q, "q=0.") {
			continue // q=0 means "not this one"
		}
		switch {
		case strings.HasPrefix(tag, "id"), strings.HasPrefix(tag, "ms"):
			return ID
		case strings.HasPrefix(tag, "en"):
			return EN
		}
	}
	return ID
}

// T translates a message key; an unknown key falls back to English, then
// to the key itself, so a missing word never breaks a page.
func (l Lang) T(key string) string {
	if m, ok := messages[key]; ok {
		if l == EN || m.id == "" {
			return m.en
		}
		return m.id
	}
	return key
}

// Has reports whether key is in the catalogue.
func Has(key string) bool {
	_, ok := messages[key]
	return ok
}

// Keys lists every key, for tests that check both languages.
func Keys() []string {
	out := make([]string, 0, len(messages))
	for k := range messages {
		out = append(out, k)
	}
	return out
}

type message struct{ id, en string }
