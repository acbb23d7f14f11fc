// Package outbox delivers the durable queue of mail and webhooks: it polls
// the outbox table, hands each due job to the sender of its kind, and
// retries failures with exponential backoff. A submission only ever writes
// a row; delivery never slows or fails it.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strconv"
	"sync"
	"time"

	"balasan/internal/comment"
)

// Store is the outbox table.
type Store interface {
	DueJobs(ctx context.Context, limit int) ([]comment.OutboxJob, error)
	JobDone(ctx context.Context, id int64) error
	JobFailed(ctx context.Context, id int64, reason string, next time.Time) error
	JobAbandoned(ctx context.Context, id int64, reason string) error
}

// Sender delivers one job's payload.
type Sender func(ctx context.Context, payload string) error

// permanent marks an error no retry can fix.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent wraps err so the worker gives the job up at once (the comment
// was deleted, the address is invalid).
func Permanent(err error) error { return permanent{err} }

// retryAfter is a failure whose receiver said when to come back.
type retryAfter struct {
	err   error
	after time.Duration
}

func (r retryAfter) Error() string { return r.err.Error() }
func (r retryAfter) Unwrap() error { return r.err }

// RetryAfter wraps err so the next attempt waits at least d: a receiver
// that says how long it is busy (HTTP Retry-After, Telegram's
// retry_after) is not asked again sooner, even when the backoff is shorter.
func RetryAfter(err error, d time.Duration) error { return retryAfter{err, d} }

// Defaults of a Worker's settings.
const (
	DefaultPoll        = 5 * time.Second
	DefaultMinBackoff  = time.Minute
	DefaultMaxBackoff  = time.Hour
	DefaultMaxAttempts = 20 // about 15 hours of trying at the defaults
	DefaultBatch       = 50
	DefaultSendTimeout = 30 * time.Second
)

// Worker delivers due jobs in the background.
type Worker struct {
	Store       Store
	Senders     map[string]Sender
	Log         *slog.Logger
	Now         func() time.Time
	Poll        time.Duration
	MinBackoff  time.Duration
	MaxBackoff  time.Duration
	MaxAttempts int
	Batch       int
	SendTimeout time.Duration
	// Observe, if set, is told of each attempt's outcome (for metrics):
	// "sent", "retry" or "abandoned".
	Observe func(kind, outcome string)

	kick    chan struct{}
	stop    chan struct{}
	done    chan struct{}
	sendCtx context.Context
	cancel  context.CancelFunc
	once    sync.Once
}

func (w *Worker) defaults() {
	if w.Now == nil {
		w.Now = time.Now
	}
	if w.Log == nil {
		w.Log = slog.Default()
	}
	if w.Poll <= 0 {
		w.Poll = DefaultPoll
	}
	if w.MinBackoff <= 0 {
		w.MinBackoff = DefaultMinBackoff
	}
	if w.MaxBackoff < w.MinBackoff {
		w.MaxBackoff = max(DefaultMaxBackoff, w.MinBackoff)
	}
	if w.MaxAttempts <= 0 {
		w.MaxAttempts = DefaultMaxAttempts
	}
	if w.Batch <= 0 {
		w.Batch = DefaultBatch
	}
	if w.SendTimeout <= 0 {
		w.SendTimeout = DefaultSendTimeout
	}
}

// Start runs the worker until Stop.
func (w *Worker) Start() {
	w.defaults()
	w.kick = make(chan struct{}, 1)
	w.stop = make(chan struct{})
	w.done = make(chan struct{})
	// Sends are not tied to any request; Stop cancels them only when its
	// own deadline passes, so a send in flight at shutdown can finish.
	w.sendCtx, w.cancel = context.WithCancel(context.Background())
	go w.loop()
}

// Kick asks for a pass now, e.g. right after a job was stored; it never blocks.
func (w *Worker) Kick() {
	if w.kick == nil {
		return
	}
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// Stop ends the loop after the jobs in flight; jobs not yet started stay
// in the table for the next start. If ctx ends first, sends are cancelled.
func (w *Worker) Stop(ctx context.Context) {
	if w.stop == nil {
		return
	}
	w.once.Do(func() { close(w.stop) })
	select {
	case <-w.done:
	case <-ctx.Done():
		w.cancel()
		<-w.done
	}
	w.cancel()
}

func (w *Worker) loop() {
	defer close(w.done)
	t := time.NewTicker(w.Poll)
	defer t.Stop()
	for {
		for {
			n, err := w.RunOnce(w.sendCtx)
			if err != nil {
				w.Log.Error("outbox", "error", err.Error())
			}
			if n < w.Batch || err != nil || w.stopping() {
				break // a full batch means more may be due at once
			}
		}
		select {
		case <-w.stop:
			return
		case <-t.C:
		case <-w.kick:
		}
	}
}

func (w *Worker) stopping() bool {
	select {
	case <-w.stop:
		return true
	default:
		return false
	}
}

// RunOnce delivers one batch of due jobs and returns how many it tried.
// Kinds are delivered side by side, so a slow mail server does not hold
// up webhooks; jobs of one kind go in order.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	w.defaults()
	jobs, err := w.Store.DueJobs(ctx, w.Batch)
	if err != nil || len(jobs) == 0 {
		return 0, err
	}
	byKind := map[string][]comment.OutboxJob{}
	var kinds []string
	for _, j := range jobs {
		if _, ok := byKind[j.Kind]; !ok {
			kinds = append(kinds, j.Kind)
		}
		byKind[j.Kind] = append(byKind[j.Kind], j)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(kinds))
	for i, k := range kinds {
		wg.Go(func() {
			for _, j := range byKind[k] {
				if w.stopping() {
					return // the rest stay due for the next start
				}
				if err := w.deliver(ctx, j); err != nil {
					errs[i] = err
					return
				}
			}
		})
	}
	wg.Wait()
	return len(jobs), errors.Join(errs...)
}

// deliver tries one job and records the outcome; only a failure to record
// is returned.
func (w *Worker) deliver(ctx context.Context, j comment.OutboxJob) error {
	send, ok := w.Senders[j.Kind]
	var err error
	if !ok {
		err = fmt.Errorf("no sender for %q (is it configured?)", j.Kind)
	} else {
		sctx, cancel := context.WithTimeout(comment.WithDeliveryID(ctx, DeliveryID(j)), w.SendTimeout)
		err = send(sctx, j.Payload)
		cancel()
	}
	attempts := j.Attempts + 1
	var reason string
	if err != nil {
		reason = redact(err.Error())
	}
	var p permanent
	switch {
	case err == nil:
		w.observe(j.Kind, "sent")
		return w.Store.JobDone(context.WithoutCancel(ctx), j.ID)
	case errors.As(err, &p) || attempts >= w.MaxAttempts:
		w.observe(j.Kind, "abandoned")
		w.Log.Warn("outbox job abandoned", "id", j.ID, "kind", j.Kind, "attempts", attempts, "error", reason)
		return w.Store.JobAbandoned(context.WithoutCancel(ctx), j.ID,
			fmt.Sprintf("gave up after %d attempts: %s", attempts, reason))
	default:
		w.observe(j.Kind, "retry")
		wait := Backoff(attempts, w.MinBackoff, w.MaxBackoff)
		var ra retryAfter
		if errors.As(err, &ra) && ra.after > wait {
			wait = ra.after
		}
		next := w.Now().Add(wait)
		w.Log.Info("outbox job failed, will retry", "id", j.ID, "kind", j.Kind, "attempts", attempts, "next", next, "error", reason)
		return w.Store.JobFailed(context.WithoutCancel(ctx), j.ID, reason, next)
	}
}

// DeliveryID names one job for its receiver, the same on each attempt.
// Row ids can come back once the newest rows are pruned, so the job's
// creation time (milliseconds) makes the name unique.
func DeliveryID(j comment.OutboxJob) string {
	return "msg_" + strconv.FormatInt(j.ID, 10) + "_" + strconv.FormatInt(j.CreatedAt.UnixMilli(), 10)
}

func (w *Worker) observe(kind, outcome string) {
	if w.Observe != nil {
		w.Observe(kind, outcome)
	}
}

// emailLike finds addresses in error texts: SMTP servers quote the
// recipient, and emails are never logged or stored in the clear.
var emailLike = regexp.MustCompile(`[^\s<>"':;,()]+@[^\s<>"':;,()]+`)

func redact(s string) string { return emailLike.ReplaceAllString(s, "[email]") }

// Backoff is the wait after the given number of failed attempts (1 or
// more): min, 2·min, 4·min, … capped at max.
func Backoff(attempts int, min, max time.Duration) time.Duration {
	d := min
	for i := 1; i < attempts && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	return d
}
