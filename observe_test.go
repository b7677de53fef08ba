package ram_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestLoggerRecordsEachAttempt(t *testing.T) {
	srv := startFake(t, ramtest.WithSTSToken("STS.log", leakSecret, leakToken))
	var buf syncBuffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := fakeClient(t, srv, ram.WithSTSToken("STS.log", leakSecret, leakToken), ram.WithLogger(logger), fastRetries)

	srv.FailNext(1, ramtest.Fault{Code: "Throttling.User", RetryAfter: 20 * time.Millisecond})
	rep, err := c.GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)

	var records []map[string]any
	sc := bufio.NewScanner(bytes.NewReader([]byte(buf.String())))
	for sc.Scan() {
		var rec map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &rec))
		records = append(records, rec)
	}
	require.Len(t, records, 2)
	reqs := srv.Requests()

	first := records[0]
	assert.Equal(t, "DEBUG", first["level"])
	assert.Equal(t, "GetAccountSecurityPracticeReport", first["action"])
	assert.EqualValues(t, 1, first["attempt"])
	assert.EqualValues(t, 400, first["status"])
	assert.Equal(t, "Throttling.User", first["code"])
	assert.Equal(t, reqs[0].RequestID, first["request_id"])
	assert.EqualValues(t, 20*time.Millisecond, first["retry_in"])
	assert.Contains(t, first, "duration")
	assert.Contains(t, first["error"], "Throttling.User")

	second := records[1]
	assert.EqualValues(t, 2, second["attempt"])
	assert.EqualValues(t, 200, second["status"])
	assert.Equal(t, rep.RequestID, second["request_id"])
	assert.NotContains(t, second, "retry_in")
	assert.NotContains(t, second, "error")
}

func TestLogsNeverHoldSecrets(t *testing.T) {
	srv := startFake(t, ramtest.WithSTSToken("STS.log", leakSecret, leakToken))
	var buf syncBuffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug - 4}))
	c := fakeClient(t, srv, ram.WithSTSToken("STS.log", leakSecret, leakToken), ram.WithLogger(logger), fastRetries)
	wrong := fakeClient(t, srv, ram.WithSTSToken("STS.log", leakSecret+"x", leakToken), ram.WithLogger(logger))

	srv.FailNext(1, ramtest.Fault{Code: "SignatureNonceUsed"})
	srv.FailNext(1, ramtest.Fault{Status: 502, Body: []byte("<html>proxy</html>")})
	srv.FailNext(1, ramtest.Fault{Reset: true})
	_, err := c.GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
	_, err = wrong.GetAccountSecurityPracticeReport(testContext(t))
	require.Error(t, err)

	out := buf.String()
	require.NotEmpty(t, out)
	assert.Contains(t, out, "SignatureNonceUsed")
	assert.NotContains(t, out, leakSecret)
	assert.NotContains(t, out, leakToken)
}

func TestNothingIsLoggedAboveDebug(t *testing.T) {
	srv := startFake(t)
	var buf syncBuffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
	_, err := fakeClient(t, srv, ram.WithLogger(logger)).GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
	assert.Empty(t, buf.String())
}

// countingMiddleware counts the attempts that pass through it and records
// their order against other middlewares.
func countingMiddleware(name string, order *[]string, mu *sync.Mutex, n *atomic.Int32) func(http.RoundTripper) http.RoundTripper {
	return func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			n.Add(1)
			mu.Lock()
			*order = append(*order, name)
			mu.Unlock()
			return next.RoundTrip(r)
		})
	}
}

func TestMiddlewareSeesEveryAttempt(t *testing.T) {
	srv := startFake(t)
	var mu sync.Mutex
	var order []string
	var outer, inner atomic.Int32
	c := fakeClient(t, srv, fastRetries,
		ram.WithMiddleware(countingMiddleware("outer", &order, &mu, &outer)),
		ram.WithMiddleware(countingMiddleware("inner", &order, &mu, &inner)))
	srv.FailNext(2, ramtest.Fault{Code: "ServiceUnavailable"})
	_, err := c.GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
	assert.Equal(t, int32(3), outer.Load())
	assert.Equal(t, int32(3), inner.Load())
	assert.Equal(t, []string{"outer", "inner", "outer", "inner", "outer", "inner"}, order)

	// It wraps a caller's *http.Client as well.
	var own atomic.Int32
	c2 := fakeClient(t, srv, ram.WithHTTPClient(&http.Client{}), ram.WithMiddleware(countingMiddleware("own", &order, &mu, &own)))
	_, err = c2.GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
	assert.Equal(t, int32(1), own.Load())
}
