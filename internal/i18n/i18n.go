// Package i18n holds Balasan's words in Indonesian (the default) and
// English, and picks the reader's language.
package i18n

import (
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"
)

// parts are the catalogue's parts, one a file, listed here in plain view
// rather than registered from each file's init.
var parts = []map[string]message{coreMessages, dashboardMessages, embedMessages, notifyMessages,
	opsMessages, privacyMessages, trustMessages, spamMessages, httpMessages, dashuiMessages,
	modapiMessages,
	chatMessages, readersMessages, dashdataMessages}

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

// FromAcceptLanguage picks the reader's language from an Accept-Language
// header: the best match of the header's languages, by q-value (q=0
// excluded), among those Balasan speaks; Indonesian when none matches or
// the header cannot be read, since Indonesian readers are the audience.
func FromAcceptLanguage(header string) Lang {
	if header == "" {
		return ID
	}
	if l, ok := accepted.Load(header); ok {
		return l.(Lang)
	}
	l := matchAcceptLanguage(header)
	if len(header) <= maxCachedHeader && acceptedN.Add(1) <= maxCachedHeaders {
		accepted.Store(header, l)
	}
	return l
}

// The read path asks once per request, and browsers send few distinct
// headers, so the answers are kept: at most maxCachedHeaders headers of at
// most maxCachedHeader bytes, so made-up headers cannot grow memory.
const (
	maxCachedHeaders = 1024
	maxCachedHeader  = 128
)

var (
	accepted  sync.Map // header → Lang
	acceptedN atomic.Int64
)

// matcher knows the languages Balasan speaks, Indonesian first (the
// answer when nothing matches). Malay readers read Indonesian.
var matcher = language.NewMatcher([]language.Tag{language.Indonesian, language.English, language.Malay})

func matchAcceptLanguage(header string) Lang {
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return ID
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No || i != 1 {
		return ID
	}
	return EN
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
