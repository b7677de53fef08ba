package ram_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

func TestEchoedCredentialsNeverReachLogs(t *testing.T) {
	cases := map[string]http.HandlerFunc{
		"html error page": func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadGateway)
			_, _ = w.Write([]byte("<html>token=" + r.Header.Get("x-acs-security-token") + "</html>"))
		},
		"json-escaped message": func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			esc := strings.ReplaceAll(r.Header.Get("x-acs-security-token"), "T", `\u0054`)
			_, _ = w.Write([]byte(`{"Code":"Bad","Message":"` + esc + `","RequestId":"` + esc + `"}`))
		},
		"bad 200 body": func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte("not json " + r.Header.Get("x-acs-security-token")))
		},
		"request id header": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("x-acs-request-id", "id-"+r.Header.Get("x-acs-security-token")+"\x01")
			w.WriteHeader(http.StatusServiceUnavailable)
		},
	}
	for name, handler := range cases {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(handler)
			t.Cleanup(srv.Close)
			var buf syncBuffer
			logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			c, err := ram.NewClient(ram.WithEndpoint(srv.URL), ram.WithSTSToken("STS.id", leakSecret, leakToken),
				ram.WithLogger(logger), ram.WithRetryPolicy(ram.NoRetry()))
			require.NoError(t, err)
			_, err = c.GetAccountSecurityPracticeReport(testContext(t))
			require.Error(t, err)
			require.NotEmpty(t, buf.String())
			for _, text := range []string{buf.String(), err.Error()} {
				assert.NotContains(t, text, leakToken)
				assert.NotContains(t, text, leakSecret)
				assert.NotContains(t, text, "\x01")
			}
		})
	}
}

func TestClockSkewFromAMessage(t *testing.T) {
	skew := 20 * time.Minute
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		serverNow := time.Now().Add(skew)
		w.Header().Set("Date", serverNow.UTC().Format(http.TimeFormat))
		date, _ := time.Parse("2006-01-02T15:04:05Z", r.Header.Get("x-acs-date"))
		if d := serverNow.Sub(date); d > time.Minute || d < -time.Minute {
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"Code":"Forbidden","Message":"The request time is skewed from the server time.","RequestId":"R1"}`))
			return
		}
		_, _ = w.Write(readExample(t))
	}))
	t.Cleanup(srv.Close)
	c, err := ram.NewClient(ram.WithEndpoint(srv.URL), ram.WithAccessKey("id", "secret"), ram.WithRetryPolicy(ram.NoRetry()))
	require.NoError(t, err)
	_, err = c.GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
	assert.Equal(t, int32(2), calls.Load())
}

func TestDefaultBodyCapIsOneMiB(t *testing.T) {
	example := readExample(t)
	padded := func(size int) []byte {
		// A valid report padded with an unknown field to exactly size bytes.
		prefix := `{"Pad":"`
		rest := `",` + string(example[1:])
		return []byte(prefix + strings.Repeat("x", size-len(prefix)-len(rest)) + rest)
	}
	srv := startFake(t)
	c := fakeClient(t, srv, ram.WithRetryPolicy(ram.NoRetry()))

	srv.SetReportBody(padded(1 << 20))
	_, err := c.GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err, "a body of exactly 1 MiB is read")

	srv.SetReportBody(padded(1<<20 + 1))
	_, err = c.GetAccountSecurityPracticeReport(testContext(t))
	assert.ErrorContains(t, err, "body exceeds the 1048576-byte limit")

	_, err = ram.NewClient(ram.WithMaxResponseBytes(math.MaxInt64))
	assert.Error(t, err)
}

func TestRetryAfterAsAnHTTPDate(t *testing.T) {
	srv := startFake(t)
	srv.SetClockSkew(20 * time.Minute) // measured against the service's clock, not ours
	c := fakeClient(t, srv, ram.WithRetryPolicy(ram.RetryPolicy{BaseDelay: time.Millisecond}))
	_, err := c.GetAccountSecurityPracticeReport(testContext(t)) // learns the offset
	require.NoError(t, err)

	at := time.Now().Add(20*time.Minute + 2*time.Second).UTC().Format(http.TimeFormat)
	srv.FailNext(1, ramtest.Fault{Code: "ServiceUnavailable", RetryAfterHeader: at})
	_, err = c.GetAccountSecurityPracticeReport(testContext(t), ram.CallRetryPolicy(ram.NoRetry()))
	var apiErr *ram.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.InDelta(t, 2, apiErr.RetryAfter.Seconds(), 1.5, "about 2s, not 20 minutes")

	srv.FailNext(1, ramtest.Fault{Code: "Throttling.User", RetryAfter: 1500 * time.Millisecond})
	_, err = c.GetAccountSecurityPracticeReport(testContext(t), ram.CallRetryPolicy(ram.NoRetry()))
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 1500*time.Millisecond, apiErr.RetryAfter)
}

func TestEveryAttemptTimingOut(t *testing.T) {
	srv := startFake(t)
	srv.FailNext(3, ramtest.Fault{Delay: 5 * time.Second})
	c := fakeClient(t, srv, fastRetries, ram.WithTimeouts(ram.Timeouts{Attempt: 50 * time.Millisecond}))
	_, err := c.GetAccountSecurityPracticeReport(testContext(t))
	assert.ErrorIs(t, err, ram.ErrAttemptTimeout)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	var callErr *ram.CallError
	require.ErrorAs(t, err, &callErr)
	assert.Equal(t, 3, callErr.Attempts)
	assert.True(t, ram.IsRetryable(callErr.Err))
}

func TestRetryBudgetRefills(t *testing.T) {
	srv := startFake(t)
	c := fakeClient(t, srv, fastRetries, ram.WithRetryBudget(ram.RetryBudget{Tokens: 5, RetryCost: 5}))
	srv.FailNext(2, ramtest.Fault{Code: "ServiceUnavailable"})
	_, err := c.GetAccountSecurityPracticeReport(testContext(t))
	require.Error(t, err, "one retry spends the bucket")
	require.Len(t, srv.Requests(), 2)

	for range 5 {
		_, err := c.GetAccountSecurityPracticeReport(testContext(t))
		require.NoError(t, err)
	}
	srv.FailNext(1, ramtest.Fault{Code: "ServiceUnavailable"})
	_, err = c.GetAccountSecurityPracticeReport(testContext(t))
	assert.NoError(t, err, "five successes earned a retry back")
}

func TestBackoffIsCappedAndSafe(t *testing.T) {
	assert.NotPanics(t, func() { ram.FullJitterBackoff(62, time.Second, math.MaxInt64) })
	srv := startFake(t)
	srv.FailNext(1, ramtest.Fault{Code: "ServiceUnavailable"})
	c := fakeClient(t, srv, ram.WithRetryPolicy(ram.RetryPolicy{
		MaxDelay: 10 * time.Millisecond,
		Backoff:  func(int, time.Duration, time.Duration) time.Duration { return time.Hour },
	}))
	start := time.Now()
	_, err := c.GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
	assert.Less(t, time.Since(start), 5*time.Second, "a custom backoff is capped by MaxDelay")
}

func TestOtherThrottlingCodesAreRetried(t *testing.T) {
	assert.True(t, ram.IsRetryable(&ram.APIError{StatusCode: 400, Code: "Throttling.Concurrent"}))
	assert.False(t, ram.IsRetryable(context.DeadlineExceeded))
	assert.False(t, ram.IsRetryable(errors.New("x")))
}

// jsonLines decodes a JSON-lines log.
func jsonLines(t *testing.T, s string) []map[string]any {
	var out []map[string]any
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	for dec.More() {
		var m map[string]any
		require.NoError(t, dec.Decode(&m))
		out = append(out, m)
	}
	return out
}

func TestCorrectionsAreLogged(t *testing.T) {
	srv := startFake(t)
	var buf syncBuffer
	c := fakeClient(t, srv, ram.WithLogger(slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	srv.FailNext(1, ramtest.Fault{Code: "SignatureNonceUsed"})
	_, err := c.GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
	lines := jsonLines(t, buf.String())
	require.Len(t, lines, 2)
	assert.Equal(t, "SignatureNonceUsed", lines[0]["code"])
	assert.EqualValues(t, 0, lines[0]["retry_in"])
}
