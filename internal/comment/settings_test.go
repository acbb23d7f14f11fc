package comment

import (
	"strings"
	"testing"
)

func TestSettingsChange(t *testing.T) {
	tests := []struct {
		name     string
		old, new map[string]string
		want     string
	}{
		{"nothing", map[string]string{SettingModerationKeys: "a\nb"}, map[string]string{SettingModerationKeys: "a\nb\n"}, "unchanged"},
		{"first save", map[string]string{}, map[string]string{SettingModerationKeys: "judi\nslot"},
			"moderation_keys: 0 → 2 (+2 −0)"},
		{"one swapped", map[string]string{SettingDisallowedKeys: "a\nb\nc"}, map[string]string{SettingDisallowedKeys: "a\nc\nd\ne"},
			"disallowed_keys: 3 → 4 (+2 −1)"},
		{"duplicates count", map[string]string{SettingModerationKeys: "x\nx"}, map[string]string{SettingModerationKeys: "x"},
			"moderation_keys: 2 → 1 (+0 −1)"},
		{"both lists, sorted", map[string]string{SettingModerationKeys: "a", SettingDisallowedKeys: "b"},
			map[string]string{SettingModerationKeys: "", SettingDisallowedKeys: "b\nc"},
			"disallowed_keys: 1 → 2 (+1 −0); moderation_keys: 1 → 0 (+0 −1)"},
		{"a plain value", map[string]string{"max_links": "2"}, map[string]string{"max_links": "3"}, `max_links: "2" → "3"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SettingsChange(tt.old, tt.new); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A word list names readers' addresses and IPs; its audit line never does.
func TestSettingsChange_NoListContent(t *testing.T) {
	secret := "budi@example.test\n203.0.113.9\njudi online"
	got := SettingsChange(map[string]string{}, map[string]string{SettingDisallowedKeys: secret})
	for _, line := range ParseKeys(secret) {
		if strings.Contains(got, line) || strings.Contains(got, "@") {
			t.Errorf("audit detail %q shows %q", got, line)
		}
	}
}
