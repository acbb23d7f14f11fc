package i18n

import (
	"strconv"
	"strings"
)

// Int writes a whole number the way the language groups digits:
// "1.234.567" in Indonesian, "1,234,567" in English.
func (l Lang) Int(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(l.thousands())
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Dec writes a number with the given digits after the decimal mark: a
// comma in Indonesian ("0,74"), a point in English ("0.74"); the whole
// part is grouped as Int groups it.
func (l Lang) Dec(f float64, digits int) string {
	s := strconv.FormatFloat(f, 'f', digits, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(whole)
	if err != nil { // beyond int: left ungrouped rather than wrong
		n = 0
	} else {
		whole = l.Int(n)
	}
	if strings.HasPrefix(s, "-0") && n == 0 {
		whole = "-0"
	}
	if frac == "" {
		return whole
	}
	return whole + string(l.decimal()) + frac
}

func (l Lang) thousands() byte {
	if l == EN {
		return ','
	}
	return '.'
}

func (l Lang) decimal() byte {
	if l == EN {
		return '.'
	}
	return ','
}
