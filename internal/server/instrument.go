package server

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// Observer receives what the instrumenting middleware sees; the metrics
// package implements it without knowing echo.
type Observer interface {
	// Request is one answered request: route is the route pattern, never
	// the raw path.
	Request(method, route string, status int, d time.Duration)
	// Submission is the outcome of one refused submission; stored ones are
	// counted by the domain's observers with their status.
	Submission(outcome string)
}

// instrument reports each request's route, status and duration, and the
// outcome of each refused submission on submitRoute.
func instrument(obs Observer, submitRoute string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			status, key := c.Response().Status, ""
			if err != nil {
				status, key, _ = Failure(err)
			}
			route := c.Path()
			if route == "" || status == http.StatusNotFound && route == "/*" {
				route = "unmatched"
			}
			obs.Request(c.Request().Method, route, status, time.Since(start))
			if route == submitRoute && c.Request().Method == http.MethodPost && status >= 400 {
				obs.Submission(RefusalOutcome(status, key))
			}
			return err
		}
	}
}

// RefusalOutcome names why a submission was refused, for metrics.
func RefusalOutcome(status int, key string) string {
	switch status {
	case http.StatusBadRequest:
		return "malformed"
	case http.StatusForbidden:
		return "closed"
	case http.StatusConflict:
		return "duplicate"
	case http.StatusRequestTimeout:
		return "slow_body"
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusUnsupportedMediaType:
		return "unsupported_type"
	case http.StatusUnprocessableEntity:
		return "invalid"
	case http.StatusTooManyRequests:
		return "flood"
	case http.StatusServiceUnavailable:
		if key == "overloaded" {
			return "overloaded"
		}
		return "unavailable"
	}
	if status >= 500 {
		return "error"
	}
	return "refused"
}
