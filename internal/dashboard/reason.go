package dashboard

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"balasan/internal/comment"
	"balasan/internal/i18n"
)

// Reasons are stored as short codes ("links: 3", "moderation_keys: promo",
// "likely_spam: 0.742 (slot, has:call)") so that the store, the API and
// the webhook stay language-free; the dashboard puts them into words here.
// A code this file does not know is shown as stored, never hidden.

// limits are the settings a reason is measured against.
type limits struct {
	MaxLinks  int
	MinSubmit time.Duration
}

// reasonText is a hold reason in the moderator's language.
func reasonText(l i18n.Lang, lim limits, reason string) string {
	code, arg, _ := strings.Cut(reason, ": ")
	switch code {
	case "honeypot":
		return l.T("reason_honeypot")
	case "disallowed_keys":
		return fmt.Sprintf(l.T("reason_disallowed"), arg)
	case "moderation_keys":
		return fmt.Sprintf(l.T("reason_moderation"), arg)
	case "links":
		n, err := strconv.Atoi(arg)
		if err != nil {
			break
		}
		if lim.MaxLinks < 0 {
			return fmt.Sprintf(l.T("reason_links_nolimit"), l.Int(n))
		}
		return fmt.Sprintf(l.T("reason_links"), l.Int(n), l.Int(lim.MaxLinks))
	case "too_fast":
		d, err := time.ParseDuration(arg)
		if err != nil {
			break
		}
		return fmt.Sprintf(l.T("reason_too_fast"), l.Dec(d.Seconds(), 1), l.Dec(lim.MinSubmit.Seconds(), 1))
	case "spam_score":
		f, err := strconv.ParseFloat(arg, 64)
		if err != nil {
			break
		}
		return fmt.Sprintf(l.T("reason_spam_score"), l.Dec(f, 2))
	case comment.LikelySpamReason:
		return likelyText(l, arg)
	}
	return reason
}

// likelyText words "0.742 (slot gacor, has:call, no_form_stamp)": the
// score, then the evidence that weighed most.
func likelyText(l i18n.Lang, arg string) string {
	num, rest, _ := strings.Cut(arg, " ")
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return comment.LikelySpamReason + ": " + arg
	}
	out := fmt.Sprintf(l.T("reason_likely"), l.Dec(f, 2))
	rest = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(rest), "("), ")")
	if rest == "" {
		return out
	}
	var why []string
	for _, tok := range strings.Split(rest, ", ") {
		why = append(why, evidenceText(l, tok))
	}
	return out + ": " + strings.Join(why, ", ")
}

// evidenceText words one piece of spam evidence: a plain word stays a
// word, a marker ("has:call", "host:x") is named.
func evidenceText(l i18n.Lang, tok string) string {
	if k := "evidence_" + strings.ReplaceAll(tok, ":", "_"); i18n.Has(k) {
		return l.T(k)
	}
	kind, v, ok := strings.Cut(tok, ":")
	if !ok {
		return "“" + tok + "”"
	}
	switch kind {
	case "host":
		return fmt.Sprintf(l.T("evidence_host"), v)
	case "tld":
		return fmt.Sprintf(l.T("evidence_tld"), v)
	case "gram", "stem":
		return fmt.Sprintf(l.T("evidence_brand"), v)
	}
	return tok
}
