package comment

import (
	"context"
	"fmt"
	"maps"
	"sort"
	"strings"
)

// listSettings hold one key a line; the rest hold one value.
// The notification addresses are a list too (comma-separated): the audit
// log counts them, as it counts the word lists' lines.
var listSettings = map[string]bool{SettingModerationKeys: true, SettingDisallowedKeys: true, SettingNotify: true}

// SaveSettings stores the settings given (the others keep their value),
// records what changed in the audit log and applies them at once. A live
// setting is checked first (EInvalid naming each bad field); one given
// unchanged while it still comes from the environment or the default is
// not stored, so the page keeps telling where it comes from, and an empty
// one goes back to the environment or the default.
func (s *Service) SaveSettings(ctx context.Context, values map[string]string, by Moderator) error {
	if errs := liveErrors(values); len(errs) > 0 {
		return &Error{Code: EInvalid, Key: "invalid", Fields: errs}
	}
	old, err := s.Store.Settings(ctx)
	if err != nil {
		return err
	}
	current := FormatLive(s.Live())
	values = maps.Clone(values)
	for _, k := range LiveSettings {
		v, ok := values[k]
		if !ok {
			continue
		}
		v = normalLive(k, v)
		if strings.TrimSpace(old[k]) == "" && v == current[k] {
			delete(values, k)
			continue
		}
		values[k] = v
	}
	merged := make(map[string]string, len(old)+len(values))
	for k, v := range old {
		merged[k] = v
	}
	for k, v := range values {
		merged[k] = v
	}
	audit := s.audit(by, "settings", 0, "")
	audit.Detail = SettingsChange(old, merged)
	if err := s.Store.SaveSettings(ctx, values, audit); err != nil {
		return err
	}
	s.setRules(merged)
	return nil
}

// SettingsChange describes a save for the audit log, one part per changed
// setting: "max_links: 2 → 3". A word list is described by its number of
// lines and how many were added and removed — "disallowed_keys: 3 → 4
// (+2 −1)" — never by the lines themselves: they are often a reader's
// email or IP address, and every moderator reads the audit log.
func SettingsChange(old, new map[string]string) string {
	var names []string
	for k := range new {
		if strings.TrimSpace(old[k]) != strings.TrimSpace(new[k]) {
			names = append(names, k)
		}
	}
	if len(names) == 0 {
		return "unchanged"
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names))
	for _, k := range names {
		if !listSettings[k] {
			parts = append(parts, fmt.Sprintf("%s: %q → %q", k, old[k], new[k]))
			continue
		}
		before, after := settingLines(k, old[k]), settingLines(k, new[k])
		added, removed := lineDiff(before, after)
		parts = append(parts, fmt.Sprintf("%s: %d → %d (+%d −%d)", k, len(before), len(after), added, removed))
	}
	return strings.Join(parts, "; ")
}

// lineDiff counts the lines of after missing from before (added) and of
// before missing from after (removed), each line counted as often as it
// occurs.
func lineDiff(before, after []string) (added, removed int) {
	n := map[string]int{}
	for _, l := range before {
		n[l]++
	}
	for _, l := range after {
		n[l]--
	}
	for _, d := range n {
		if d > 0 {
			removed += d
		} else {
			added -= d
		}
	}
	return added, removed
}

// normalLive writes a valid live value the way FormatLive does, so "14"
// and "14d" are one value and the audit log shows real changes only.
func normalLive(k, v string) string {
	if strings.TrimSpace(v) == "" {
		return ""
	}
	l, _ := ParseLive(map[string]string{k: v})
	return FormatLive(l)[k]
}

// settingLines splits a list setting into its entries.
func settingLines(k, v string) []string {
	if k == SettingNotify {
		v = strings.ReplaceAll(v, ",", "\n")
	}
	return ParseKeys(v)
}
