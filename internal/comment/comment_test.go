package comment

import (
	"testing"
	"time"
)

func TestComment_CanPreview(t *testing.T) {
	made := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	const hash = "8a5a18e701c9f055f46484cad3119fbb"
	tests := []struct {
		name   string
		status Status
		stored string
		given  string
		age    time.Duration
		want   bool
	}{
		{"fresh pending", Pending, hash, hash, time.Minute, true},
		{"just under a day", Pending, hash, hash, PreviewTTL - time.Second, true},
		{"a day old", Pending, hash, hash, PreviewTTL, false},
		{"older", Pending, hash, hash, 72 * time.Hour, false},
		{"wrong hash", Pending, hash, "8a5a18e701c9f055f46484cad3119fbc", time.Minute, false},
		{"empty hash given", Pending, hash, "", time.Minute, false},
		{"no stored hash", Pending, "", "", time.Minute, false},
		{"approved", Approved, hash, hash, time.Minute, false},
		{"spam", Spam, hash, hash, time.Minute, false},
		{"trash", Trash, hash, hash, time.Minute, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Comment{Status: tt.status, Hash: tt.stored, CreatedAt: made}
			if got := c.CanPreview(tt.given, made.Add(tt.age)); got != tt.want {
				t.Errorf("CanPreview = %v, want %v", got, tt.want)
			}
		})
	}
}
