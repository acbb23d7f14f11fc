package comment

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"time"
)

// Code classifies an error so each surface can answer it its own way.
type Code string

// Error codes, mapped to HTTP statuses by the server package.
const (
	EInvalid      Code = "invalid"
	ENotFound     Code = "not_found"
	EConflict     Code = "conflict"
	ETooMany      Code = "too_many"
	EClosed       Code = "closed"
	EUnauthorized Code = "unauthorized"
	EForbidden    Code = "forbidden"
	EUnavailable  Code = "unavailable"
	EInternal     Code = "internal"
)

// Error is an error a user may see: a code, a message key for the
// translator, and per-field message keys for invalid input.
type Error struct {
	Code       Code
	Key        string            // message key, e.g. "duplicate"
	Fields     map[string]string // field name → message key
	RetryAfter time.Duration     // for ETooMany and EUnavailable
	Cause      error             // the underlying failure, for the log only
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Key, e.Cause)
	}
	if len(e.Fields) > 0 {
		return fmt.Sprintf("%s: %s %v", e.Code, e.Key, e.Fields)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Key)
}

// Unwrap returns the underlying failure.
func (e *Error) Unwrap() error { return e.Cause }

// Errorf returns an *Error with code and message key.
func Errorf(code Code, key string) *Error { return &Error{Code: code, Key: key} }

// ErrorCode returns the code of err, EInternal for anything unexpected.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

func constantTimeEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
