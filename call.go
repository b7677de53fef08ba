package ram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"
)

// CallOption changes one call.
type CallOption func(*callSettings)

// callSettings are the settings of one call.
type callSettings struct {
	retry RetryPolicy
}

// CallRetryPolicy replaces the client's retry policy for one call; zero
// fields take the defaults of DefaultRetryPolicy.
func CallRetryPolicy(p RetryPolicy) CallOption {
	return func(s *callSettings) { s.retry = p.withDefaults() }
}

// CallError is the error of a call: the last attempt's error and how many
// attempts were made. errors.As finds the *APIError or *ResponseError
// inside it.
type CallError struct {
	// Action is the API action called.
	Action string
	// Attempts is how many requests the call sent, or tried to send.
	Attempts int
	// Err is the error of the last attempt.
	Err error

	stop    string // why no further attempt was made, when it was not obvious
	ctxDone bool   // the caller's context ended the call
}

// Error names the action, the attempts when there were several, why the
// call stopped retrying, and the last error.
func (e *CallError) Error() string {
	s := "ram: " + e.Action + ": "
	switch {
	case e.Attempts > 1 && e.stop != "":
		s += "after " + strconv.Itoa(e.Attempts) + " attempts (" + e.stop + "): "
	case e.Attempts > 1:
		s += "after " + strconv.Itoa(e.Attempts) + " attempts: "
	case e.stop != "":
		s += "not retried (" + e.stop + "): "
	}
	return s + e.Err.Error()
}

// Unwrap returns the last attempt's error.
func (e *CallError) Unwrap() error { return e.Err }

// GetAccountSecurityPracticeReport returns the security report of the
// account whose credentials sign the call.
//
// Throttling, server errors and broken connections are retried as the
// retry policy says; a used nonce is retried once with a new one, and a
// refused timestamp once with the clock offset learned from the service's
// Date header. A failed call returns a *CallError wrapping the last
// attempt's error: an *APIError for an error answer, a *ResponseError for a
// body that is not a valid report, or the transport's or ctx's error.
func (c *Client) GetAccountSecurityPracticeReport(ctx context.Context, opts ...CallOption) (*Report, error) {
	cs := callSettings{retry: c.retry}
	for _, opt := range opts {
		if opt != nil {
			opt(&cs)
		}
	}
	p := cs.retry
	var (
		attempts, counted  int
		nonceFix, clockFix bool
		res                attemptResult
	)
	for {
		attempts++
		start := time.Now()
		res = c.attempt(ctx)
		if res.err == nil {
			c.logAttempt(ctx, attempts, start, res, -1)
			c.budget.succeeded()
			return res.report, nil
		}
		if ctx.Err() != nil {
			c.logAttempt(ctx, attempts, start, res, -1)
			return nil, c.callError(attempts, ctx.Err(), res.err, "")
		}
		// Corrections of the request itself: once each, without a wait.
		switch {
		case !nonceFix && isAPICode(res.err, "SignatureNonceUsed"):
			nonceFix = true
			c.logAttempt(ctx, attempts, start, res, 0)
			continue
		case !clockFix && isClockSkew(res.err) && c.learnClockOffset(res.header, res.received):
			clockFix = true
			c.logAttempt(ctx, attempts, start, res, 0)
			continue
		}
		counted++
		wait, stop := c.nextWait(ctx, p, counted, res)
		c.logAttempt(ctx, attempts, start, res, wait)
		if stop != "" || wait < 0 {
			return nil, c.callError(attempts, nil, res.err, stop)
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, c.callError(attempts, err, res.err, "")
		}
	}
}

// nextWait decides whether the call goes on after a failed attempt: it
// returns the wait before the next attempt, or -1 and, where it is worth
// saying, why not.
func (c *Client) nextWait(ctx context.Context, p RetryPolicy, counted int, res attemptResult) (time.Duration, string) {
	if counted >= p.MaxAttempts || !p.Retryable(res.err) {
		return -1, ""
	}
	wait := min(max(p.Backoff(counted, p.BaseDelay, p.MaxDelay), 0), p.MaxDelay)
	if apiErr, ok := asAPIError(res.err); ok && apiErr.RetryAfter > 0 {
		asked := apiErr.RetryAfter
		if asked > p.MaxDelay {
			return -1, "the service asked to wait " + asked.String() + ", more than the policy's MaxDelay"
		}
		wait = asked
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= wait {
		return -1, "a wait of " + wait.String() + " would pass the context's deadline"
	}
	if !c.budget.takeRetry() {
		return -1, "the client's retry budget is spent"
	}
	return wait, ""
}

// callError builds the error of a failed call. ctxErr, when set, is the
// reason the call ended and is wrapped alongside the last attempt's error.
func (c *Client) callError(attempts int, ctxErr, last error, stop string) error {
	err := last
	if ctxErr != nil && !errors.Is(last, ctxErr) {
		err = fmt.Errorf("%w (last attempt: %w)", ctxErr, last)
	}
	return &CallError{Action: Action, Attempts: attempts, Err: err, stop: stop, ctxDone: ctxErr != nil}
}

// sleep waits d, or less if ctx ends first, whose error it then returns.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// isAPICode reports whether err is an *APIError with the given code.
func isAPICode(err error, code string) bool {
	e, ok := asAPIError(err)
	return ok && e.Code == code
}

// logAttempt logs one attempt at debug level; wait is the pause before the
// next attempt, or negative when there is none.
func (c *Client) logAttempt(ctx context.Context, attempt int, start time.Time, res attemptResult, wait time.Duration) {
	if c.logger == nil || !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("action", Action),
		slog.Int("attempt", attempt),
		slog.Int("status", res.status),
		slog.Duration("duration", time.Since(start)),
	}
	apiErr, isAPI := asAPIError(res.err)
	switch {
	case res.report != nil:
		attrs = append(attrs, slog.String("request_id", res.report.RequestID))
	case isAPI:
		attrs = append(attrs, slog.String("code", apiErr.Code), slog.String("request_id", apiErr.RequestID))
	case res.header != nil:
		attrs = append(attrs, slog.String("request_id", res.header.Get(requestIDHeader)))
	}
	if res.err != nil {
		attrs = append(attrs, slog.String("error", res.err.Error()))
	}
	if wait >= 0 && res.err != nil {
		attrs = append(attrs, slog.Duration("retry_in", wait))
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "ram: attempt", attrs...)
}
