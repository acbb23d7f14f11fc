package sqlite

import (
	"testing"

	"balasan/internal/comment"
	"balasan/internal/storetest"
)

// TestConformance runs the store suite every store passes.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) comment.Store {
		s, _ := mustOpenStore(t)
		return s
	})
}
