package i18n

import (
	"math"
	"testing"
)

func TestLang_Int(t *testing.T) {
	for _, tc := range []struct {
		n      int
		id, en string
	}{
		{0, "0", "0"},
		{7, "7", "7"},
		{999, "999", "999"},
		{1000, "1.000", "1,000"},
		{150000, "150.000", "150,000"},
		{1000000, "1.000.000", "1,000,000"},
		{-1234, "-1.234", "-1,234"},
	} {
		if got := ID.Int(tc.n); got != tc.id {
			t.Errorf("ID.Int(%d) = %q, want %q", tc.n, got, tc.id)
		}
		if got := EN.Int(tc.n); got != tc.en {
			t.Errorf("EN.Int(%d) = %q, want %q", tc.n, got, tc.en)
		}
	}
}

func TestLang_Dec(t *testing.T) {
	for _, tc := range []struct {
		f      float64
		digits int
		id, en string
	}{
		{0.742, 2, "0,74", "0.74"},
		{0.93, 2, "0,93", "0.93"},
		{1.2, 1, "1,2", "1.2"},
		{1234.5, 1, "1.234,5", "1,234.5"},
		{3, 0, "3", "3"},
		{-0.25, 1, "-0,2", "-0.2"},
	} {
		if got := ID.Dec(tc.f, tc.digits); got != tc.id {
			t.Errorf("ID.Dec(%v, %d) = %q, want %q", tc.f, tc.digits, got, tc.id)
		}
		if got := EN.Dec(tc.f, tc.digits); got != tc.en {
			t.Errorf("EN.Dec(%v, %d) = %q, want %q", tc.f, tc.digits, got, tc.en)
		}
	}
	if got := ID.Dec(math.Inf(1), 2); got == "" {
		t.Error("infinity written as nothing")
	}
}
