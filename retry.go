package ram

import (
	"context"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"
)

// RetryPolicy says how often and how patiently a call is retried. The zero
// value of a field takes its default (see DefaultRetryPolicy).
//
// A call is retried while Retryable says yes, fewer than MaxAttempts were
// made, the client's retry budget allows it and the wait fits before the
// context's deadline. Between attempts it waits the service's
// x-acs-retry-after or Retry-After when given, else Backoff(attempt).
type RetryPolicy struct {
	// MaxAttempts is the number of attempts in all; 1 turns retries off.
	// Default 3. The two one-time corrections (a used nonce, a refused
	// timestamp) fix the request rather than repeat it, and are not
	// counted.
	MaxAttempts int
	// BaseDelay is the backoff before the second attempt, doubled after
	// each attempt. Default 200ms.
	BaseDelay time.Duration
	// MaxDelay caps a backoff; a service asking to wait longer ends the
	// call with its error at once. Default 10s.
	MaxDelay time.Duration
	// Retryable reports whether an attempt's error is worth another
	// attempt. Default IsRetryable.
	Retryable func(err error) bool
	// Backoff returns the wait after the given attempt (1 for the first)
	// from BaseDelay and MaxDelay. Default FullJitterBackoff.
	Backoff func(attempt int, base, max time.Duration) time.Duration
}

// DefaultRetryPolicy returns the policy of a client built without
// WithRetryPolicy: 3 attempts in all, full-jitter backoff from 200ms capped
// at 10s, retrying what IsRetryable says.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{
		MaxAttempts: 3,
		BaseDelay:   200 * time.Millisecond,
		MaxDelay:    10 * time.Second,
		Retryable:   IsRetryable,
		Backoff:     FullJitterBackoff,
	}
}

// NoRetry is a policy of a single attempt.
func NoRetry() RetryPolicy { return RetryPolicy{MaxAttempts: 1} }

// withDefaults fills the zero fields of p from DefaultRetryPolicy.
func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = d.MaxAttempts
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = d.BaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = d.MaxDelay
	}
	if p.Retryable == nil {
		p.Retryable = d.Retryable
	}
	if p.Backoff == nil {
		p.Backoff = d.Backoff
	}
	return p
}

// FullJitterBackoff returns a random wait between 0 and
// min(max, base*2^(attempt-1)).
func FullJitterBackoff(attempt int, base, max time.Duration) time.Duration {
	ceiling := max
	if attempt < 1 {
		attempt = 1
	}
	if shift := attempt - 1; shift < 62 && base <= max>>shift {
		ceiling = base << shift
	}
	if ceiling <= 0 {
		return 0
	}
	if ceiling < math.MaxInt64 {
		ceiling++ // include the ceiling itself
	}
	return rand.N(ceiling)
}

// IsRetryable reports whether another attempt may succeed where err failed:
// throttling, InternalError and ServiceUnavailable, HTTP 429, 500, 502, 503
// and 504, a refused or reset connection, a connection closed before the
// answer was read, and a timeout of the attempt (ErrAttemptTimeout or a
// network timeout). A cancelled or expired caller context, signature,
// authentication and permission errors and other 4xx answers are not
// retryable.
func IsRetryable(err error) bool {
	var callErr *CallError
	switch {
	case err == nil, errors.As(err, &callErr) && callErr.ctxDone:
		return false
	case errors.Is(err, ErrAttemptTimeout):
		return true
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return false
	}
	if apiErr, ok := asAPIError(err); ok {
		switch apiErr.StatusCode {
		case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return IsThrottling(err) || apiErr.Code == "ServiceUnavailable" || apiErr.Code == "InternalError"
	}
	var netErr net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return true
	case errors.As(err, &netErr) && netErr.Timeout():
		return true
	}
	return false
}

// ErrAttemptTimeout is wrapped by the error of an attempt that ran out of
// its own time (Timeouts.Attempt) while the caller's context was still
// live; such an attempt is retried.
var ErrAttemptTimeout = errors.New("attempt timed out")

// retryAfter reads the service's requested wait: x-acs-retry-after in
// milliseconds, or Retry-After in seconds or as an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	if v := h.Get("x-acs-retry-after"); v != "" {
		if ms, err := strconv.ParseInt(v, 10, 64); err == nil && ms >= 0 && ms < 1<<40 {
			return time.Duration(ms) * time.Millisecond, true
		}
	}
	if v := h.Get("Retry-After"); v != "" {
		if s, err := strconv.ParseInt(v, 10, 64); err == nil && s >= 0 && s < 1<<30 {
			return time.Duration(s) * time.Second, true
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(t.Sub(now), 0), true
		}
	}
	return 0, false
}
