package comment

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// listSettings hold one key a line; the rest hold one value.
var listSettings = map[string]bool{SettingModerationKeys: true, SettingDisallowedKeys: true}

// SaveSettings stores the settings given (the others keep their value),
// records what changed in the audit log and applies them at once.
func (s *Service) SaveSettings(ctx context.Context, values map[string]string, by Moderator) error {
	old, err := s.Store.Settings(ctx)
	if err != nil {
		return err
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
		before, after := ParseKeys(old[k]), ParseKeys(new[k])
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
