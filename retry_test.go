package ram_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

// fastRetries keeps the backoff of tests short.
var fastRetries = ram.WithRetryPolicy(ram.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 50 * time.Millisecond})

func statuses(srv *ramtest.Server) []int {
	var out []int
	for _, r := range srv.Requests() {
		out = append(out, r.Status)
	}
	return out
}

func TestRetriedFaultsRecover(t *testing.T) {
	tests := []struct {
		name  string
		fault ramtest.Fault
		opts  []ram.Option
	}{
		{"Throttling", ramtest.Fault{Code: "Throttling"}, nil},
		{"Throttling.User", ramtest.Fault{Code: "Throttling.User"}, nil},
		{"Throttling.Api", ramtest.Fault{Code: "Throttling.Api"}, nil},
		{"ServiceUnavailable", ramtest.Fault{Code: "ServiceUnavailable"}, nil},
		{"InternalError", ramtest.Fault{Code: "InternalError"}, nil},
		{"HTTP 429", ramtest.Fault{Status: 429, Body: []byte("too many")}, nil},
		{"HTTP 500", ramtest.Fault{Status: 500, Body: []byte{}}, nil},
		{"HTTP 502 from a proxy", ramtest.Fault{Status: 502, Body: []byte("<html>bad gateway</html>")}, nil},
		{"HTTP 503", ramtest.Fault{Status: 503, Code: "Unavailable"}, nil},
		{"HTTP 504", ramtest.Fault{Status: 504, Body: []byte("gateway timeout")}, nil},
		{"connection reset", ramtest.Fault{Reset: true}, nil},
		{"body cut short", ramtest.Fault{Truncate: true}, nil},
		{"hang past the attempt timeout", ramtest.Fault{Delay: 5 * time.Second},
			[]ram.Option{ram.WithTimeouts(ram.Timeouts{Attempt: 500 * time.Millisecond})}},
		{"hang past the response header timeout", ramtest.Fault{Delay: 5 * time.Second},
			[]ram.Option{ram.WithTimeouts(ram.Timeouts{ResponseHeader: 500 * time.Millisecond})}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startFake(t)
			srv.FailNext(2, tt.fault)
			c := fakeClient(t, srv, append([]ram.Option{fastRetries}, tt.opts...)...)
			rep, err := c.GetAccountSecurityPracticeReport(testContext(t))
			require.NoError(t, err)
			assert.Equal(t, 63, rep.AccountSecurityPracticeInfo.Score)
			assert.Len(t, srv.Requests(), 3, "two faults, then the report")
		})
	}
}

func TestConnectionRefusedIsRetried(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())

	c, err := ram.NewClient(ram.WithEndpoint("http://"+addr), ram.WithAccessKey("id", "secret"), fastRetries)
	require.NoError(t, err)
	_, err = c.GetAccountSecurityPracticeReport(testContext(t))
	require.Error(t, err)
	assert.ErrorIs(t, err, syscall.ECONNREFUSED)
	var callErr *ram.CallError
	require.ErrorAs(t, err, &callErr)
	assert.Equal(t, 3, callErr.Attempts)
	assert.Contains(t, err.Error(), "after 3 attempts")
}

func TestNotRetried(t *testing.T) {
	big := []byte(`{"RequestId":"` + strings.Repeat("x", 2<<20) + `"}`)
	tests := []struct {
		name   string
		fault  *ramtest.Fault
		client []ram.Option
		body   string
	}{
		{name: "signature", client: []ram.Option{ram.WithAccessKey(ramtest.AccessKeyID, "wrong")}},
		{name: "unknown key", client: []ram.Option{ram.WithAccessKey("LTAInobody", "x")}},
		{name: "inactive key", fault: &ramtest.Fault{Code: "InvalidAccessKeyId.Inactive"}},
		{name: "permission", fault: &ramtest.Fault{Code: "NoPermission"}},
		{name: "RAM forbidden", fault: &ramtest.Fault{Code: "Forbidden.RAM"}},
		{name: "other 4xx", fault: &ramtest.Fault{Code: "InvalidParameter"}},
		{name: "redirect", fault: &ramtest.Fault{Redirect: "https://elsewhere.example/"}},
		{name: "oversized body", fault: &ramtest.Fault{Status: 200, Body: big, ContentType: "application/json"}},
		{name: "non-JSON 200", fault: &ramtest.Fault{Status: 200, Body: []byte("<html>maintenance</html>")}},
		{name: "malformed report", body: `{"RequestId":"r","AccountSecurityPracticeInfo":{"Score":"x"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startFake(t)
			if tt.fault != nil {
				srv.FailNext(3, *tt.fault)
			}
			if tt.body != "" {
				srv.SetReportBody([]byte(tt.body))
			}
			_, err := fakeClient(t, srv, append([]ram.Option{fastRetries}, tt.client...)...).GetAccountSecurityPracticeReport(testContext(t))
			require.Error(t, err)
			assert.Len(t, srv.Requests(), 1, "one attempt: %v", err)
			var callErr *ram.CallError
			require.ErrorAs(t, err, &callErr)
			assert.Equal(t, 1, callErr.Attempts)
		})
	}
}

func TestCancelledContextIsNotRetried(t *testing.T) {
	srv := startFake(t)
	srv.FailNext(1, ramtest.Fault{Delay: 5 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := fakeClient(t, srv, fastRetries).GetAccountSecurityPracticeReport(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.False(t, ram.IsRetryable(err), "the caller's deadline ended it")
	assert.Len(t, srv.Requests(), 1)
}

func TestAttemptsAreBoundedAndTheLastErrorKept(t *testing.T) {
	srv := startFake(t)
	srv.FailNext(10, ramtest.Fault{Code: "Throttling.User"})
	_, err := fakeClient(t, srv, fastRetries).GetAccountSecurityPracticeReport(testContext(t))
	require.Error(t, err)
	reqs := srv.Requests()
	require.Len(t, reqs, 3, "3 attempts in all by default")

	var callErr *ram.CallError
	require.ErrorAs(t, err, &callErr)
	assert.Equal(t, 3, callErr.Attempts)
	var apiErr *ram.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, reqs[2].RequestID, apiErr.RequestID, "the last attempt's request ID")
	assert.True(t, ram.IsThrottling(err))
	assert.True(t, strings.HasPrefix(err.Error(), "ram: GetAccountSecurityPracticeReport: after 3 attempts: HTTP 400 Throttling.User"), err.Error())
}

func TestRetryPolicyPerClientAndPerCall(t *testing.T) {
	srv := startFake(t)
	run := func(c *ram.Client, opts ...ram.CallOption) int {
		before := len(srv.Requests())
		srv.FailNext(10, ramtest.Fault{Code: "ServiceUnavailable"})
		_, err := c.GetAccountSecurityPracticeReport(testContext(t), opts...)
		require.Error(t, err)
		n := len(srv.Requests()) - before
		srv.FailNext(0, ramtest.Fault{})
		// Drain what is left of the queue so the next case starts clean.
		for range 10 - n {
			_, _ = c.GetAccountSecurityPracticeReport(testContext(t), ram.CallRetryPolicy(ram.NoRetry()))
		}
		return n
	}
	five := fakeClient(t, srv, ram.WithRetryPolicy(ram.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Millisecond}))
	assert.Equal(t, 5, run(five))
	assert.Equal(t, 1, run(five, ram.CallRetryPolicy(ram.NoRetry())))
	assert.Equal(t, 2, run(five, ram.CallRetryPolicy(ram.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond})))
	off := fakeClient(t, srv, ram.WithRetryPolicy(ram.NoRetry()))
	assert.Equal(t, 1, run(off))

	// A replaced classifier and backoff.
	var waits []int
	custom := ram.RetryPolicy{
		MaxAttempts: 3,
		Retryable:   func(err error) bool { return ram.IsPermission(err) },
		Backoff: func(attempt int, _, _ time.Duration) time.Duration {
			waits = append(waits, attempt)
			return time.Millisecond
		},
	}
	srv.FailNext(2, ramtest.Fault{Code: "NoPermission"})
	_, err := fakeClient(t, srv, ram.WithRetryPolicy(custom)).GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, waits)
}

func TestRetryAfterIsHonoured(t *testing.T) {
	tests := []struct {
		name  string
		fault ramtest.Fault
		min   time.Duration
	}{
		{"x-acs-retry-after", ramtest.Fault{Code: "Throttling.User", RetryAfter: 300 * time.Millisecond}, 300 * time.Millisecond},
		{"Retry-After seconds", ramtest.Fault{Status: 503, Code: "ServiceUnavailable", RetryAfterHeader: "1"}, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startFake(t)
			srv.FailNext(1, tt.fault)
			_, err := fakeClient(t, srv, fastRetries, ram.WithRetryPolicy(ram.RetryPolicy{BaseDelay: time.Millisecond})).
				GetAccountSecurityPracticeReport(testContext(t))
			require.NoError(t, err)
			reqs := srv.Requests()
			require.Len(t, reqs, 2)
			assert.GreaterOrEqual(t, reqs[1].Received.Sub(reqs[0].Received), tt.min)
		})
	}
}

func TestWaitsThatCannotFitReturnAtOnce(t *testing.T) {
	t.Run("past the deadline", func(t *testing.T) {
		srv := startFake(t)
		srv.FailNext(1, ramtest.Fault{Code: "Throttling.User", RetryAfter: 5 * time.Second})
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		start := time.Now()
		_, err := fakeClient(t, srv).GetAccountSecurityPracticeReport(ctx)
		require.Error(t, err)
		assert.Less(t, time.Since(start), time.Second, "no sleeping into the deadline")
		assert.True(t, ram.IsThrottling(err))
		assert.Contains(t, err.Error(), "would pass the context's deadline")
		assert.Len(t, srv.Requests(), 1)
	})
	t.Run("longer than MaxDelay", func(t *testing.T) {
		srv := startFake(t)
		srv.FailNext(1, ramtest.Fault{Code: "Throttling.User", RetryAfter: time.Minute})
		start := time.Now()
		_, err := fakeClient(t, srv).GetAccountSecurityPracticeReport(testContext(t))
		require.Error(t, err)
		assert.Less(t, time.Since(start), time.Second)
		assert.Contains(t, err.Error(), "asked to wait 1m0s")
	})
}

func TestCancelDuringBackoffReturnsPromptly(t *testing.T) {
	srv := startFake(t)
	srv.FailNext(1, ramtest.Fault{Code: "Throttling.User", RetryAfter: 5 * time.Second})
	c := fakeClient(t, srv)

	ctx, cancel := context.WithCancel(context.Background())
	cancelled := make(chan time.Time, 1)
	time.AfterFunc(200*time.Millisecond, func() {
		cancelled <- time.Now()
		cancel()
	})
	_, err := c.GetAccountSecurityPracticeReport(ctx)
	returned := time.Now()
	require.Error(t, err)
	select {
	case at := <-cancelled:
		assert.Less(t, returned.Sub(at), 50*time.Millisecond, "returns within 50 ms of the cancel")
	default:
		t.Fatalf("the call returned before the cancel: %v", err)
	}
	assert.ErrorIs(t, err, context.Canceled)
	var apiErr *ram.APIError
	assert.ErrorAs(t, err, &apiErr, "the last attempt's error is kept")
	assert.Len(t, srv.Requests(), 1)
}

func TestRetryBudget(t *testing.T) {
	srv := startFake(t)
	c := fakeClient(t, srv, fastRetries, ram.WithRetryBudget(ram.RetryBudget{Tokens: 10, RetryCost: 5}))
	srv.FailNext(100, ramtest.Fault{Code: "ServiceUnavailable"})

	_, err := c.GetAccountSecurityPracticeReport(testContext(t))
	require.Error(t, err)
	assert.Len(t, srv.Requests(), 3, "two retries spend the 10 tokens")

	_, err = c.GetAccountSecurityPracticeReport(testContext(t))
	require.Error(t, err)
	assert.Len(t, srv.Requests(), 4, "the first attempt is never refused; the retry is")
	assert.Contains(t, err.Error(), "retry budget is spent")
	assert.True(t, ram.IsServerError(err))

	_, err = ram.NewClient(ram.WithRetryBudget(ram.RetryBudget{Tokens: -1}))
	assert.Error(t, err)
}

func TestSignatureNonceUsedIsRetriedWithANewNonce(t *testing.T) {
	t.Run("injected", func(t *testing.T) {
		srv := startFake(t)
		srv.FailNext(1, ramtest.Fault{Code: "SignatureNonceUsed"})
		_, err := fakeClient(t, srv, ram.WithRetryPolicy(ram.NoRetry())).GetAccountSecurityPracticeReport(testContext(t))
		require.NoError(t, err, "corrected even with retries off")
		reqs := srv.Requests()
		require.Len(t, reqs, 2)
		assert.NotEqual(t, reqs[0].Header.Get("x-acs-signature-nonce"), reqs[1].Header.Get("x-acs-signature-nonce"))
	})
	t.Run("a nonce really reused", func(t *testing.T) {
		srv := startFake(t)
		c := fakeClient(t, srv)
		calls := 0
		ram.SetNonceSource(c, func() string {
			calls++
			if calls <= 2 {
				return "the-same-nonce"
			}
			return fmt.Sprintf("fresh-%d", calls)
		})
		for range 2 {
			_, err := c.GetAccountSecurityPracticeReport(testContext(t))
			require.NoError(t, err)
		}
		assert.Equal(t, []int{200, 400, 200}, statuses(srv))
		assert.Equal(t, "SignatureNonceUsed", srv.Requests()[1].Code)
	})
	t.Run("only once", func(t *testing.T) {
		srv := startFake(t)
		srv.FailNext(3, ramtest.Fault{Code: "SignatureNonceUsed"})
		_, err := fakeClient(t, srv, fastRetries).GetAccountSecurityPracticeReport(testContext(t))
		require.Error(t, err)
		assert.Len(t, srv.Requests(), 2)
	})
}

func TestClockSkewIsLearnedFromTheService(t *testing.T) {
	for _, skew := range []time.Duration{20 * time.Minute, -20 * time.Minute} {
		t.Run(skew.String(), func(t *testing.T) {
			srv := startFake(t)
			srv.SetClockSkew(skew)
			c := fakeClient(t, srv, ram.WithRetryPolicy(ram.NoRetry()))

			_, err := c.GetAccountSecurityPracticeReport(testContext(t))
			require.NoError(t, err)
			assert.Equal(t, []int{400, 200}, statuses(srv))
			assert.Equal(t, "InvalidTimeStamp.Expired", srv.Requests()[0].Code)

			_, err = c.GetAccountSecurityPracticeReport(testContext(t))
			require.NoError(t, err)
			assert.Equal(t, []int{400, 200, 200}, statuses(srv), "later calls sign with the learned offset")
			date, err := time.Parse("2006-01-02T15:04:05Z", srv.Requests()[2].Header.Get("x-acs-date"))
			require.NoError(t, err)
			assert.InDelta(t, skew.Seconds(), time.Until(date).Seconds(), 5)
		})
	}
	t.Run("only once", func(t *testing.T) {
		srv := startFake(t)
		srv.FailNext(3, ramtest.Fault{Code: "InvalidTimeStamp.Expired"})
		_, err := fakeClient(t, srv, fastRetries).GetAccountSecurityPracticeReport(testContext(t))
		require.Error(t, err)
		assert.Len(t, srv.Requests(), 2)
		assert.True(t, ram.IsAuthentication(err))
	})
}

func TestRedirectFaultIsNotFollowed(t *testing.T) {
	srv := startFake(t)
	srv.FailNext(1, ramtest.Fault{Redirect: "https://attacker.example/collect"})
	_, err := fakeClient(t, srv).GetAccountSecurityPracticeReport(testContext(t))
	var apiErr *ram.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusFound, apiErr.StatusCode)
	assert.Contains(t, err.Error(), "https://attacker.example/collect")
	assert.Len(t, srv.Requests(), 1)
}

func TestIsRetryable(t *testing.T) {
	yes := []error{
		&ram.APIError{StatusCode: 400, Code: "Throttling.User"},
		&ram.APIError{StatusCode: 503},
		&ram.APIError{StatusCode: 429},
		fmt.Errorf("x: %w", syscall.ECONNRESET),
		fmt.Errorf("x: %w", ram.ErrAttemptTimeout),
	}
	no := []error{
		nil,
		&ram.APIError{StatusCode: 403, Code: "SignatureDoesNotMatch"},
		&ram.APIError{StatusCode: 400, Code: "InvalidParameter"},
		&ram.APIError{StatusCode: 404, Code: "InvalidAccessKeyId.NotFound"},
		context.Canceled,
		errors.New("report has no RequestId"),
	}
	for _, err := range yes {
		assert.True(t, ram.IsRetryable(err), "%v", err)
	}
	for _, err := range no {
		assert.False(t, ram.IsRetryable(err), "%v", err)
	}
}

func TestFullJitterBackoff(t *testing.T) {
	base, limit := 100*time.Millisecond, time.Second
	for attempt := 1; attempt <= 100; attempt++ {
		ceiling := limit
		if attempt <= 4 {
			ceiling = base << (attempt - 1)
		}
		for range 50 {
			d := ram.FullJitterBackoff(attempt, base, limit)
			assert.GreaterOrEqual(t, d, time.Duration(0))
			assert.LessOrEqual(t, d, ceiling, "attempt %d", attempt)
		}
	}
	assert.Zero(t, ram.FullJitterBackoff(1, 0, time.Second))
	var distinct = map[time.Duration]bool{}
	for range 50 {
		distinct[ram.FullJitterBackoff(3, base, limit)] = true
	}
	assert.Greater(t, len(distinct), 10, "jittered")
}
