package ram_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

// scriptedTransport answers attempts from a script of errors, then with the
// example report.
type scriptedTransport struct {
	calls  atomic.Int32
	script []error
	block  bool
}

func (s *scriptedTransport) GetAccountSecurityPracticeReport(ctx context.Context) (*ram.Report, error) {
	n := int(s.calls.Add(1)) - 1
	if s.block {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	if n < len(s.script) {
		return nil, s.script[n]
	}
	if len(s.script) > 0 && s.script[len(s.script)-1] == nil {
		return nil, nil
	}
	return ramtest.ExampleReport(), nil
}

func TestWithTransportGetsRetriesAndTimeouts(t *testing.T) {
	tr := &scriptedTransport{script: []error{
		&ram.APIError{StatusCode: 503, Code: "ServiceUnavailable"},
		&ram.APIError{StatusCode: 400, Code: "Throttling.User", RetryAfter: time.Millisecond},
	}}
	c, err := ram.NewClient(ram.WithTransport(tr), fastRetries)
	require.NoError(t, err)
	rep, err := c.GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
	assert.Equal(t, 63, rep.AccountSecurityPracticeInfo.Score)
	assert.Equal(t, int32(3), tr.calls.Load())
	assert.Contains(t, c.String(), "scriptedTransport")

	slow := &scriptedTransport{block: true}
	c, err = ram.NewClient(ram.WithTransport(slow), ram.WithTimeouts(ram.Timeouts{Attempt: 20 * time.Millisecond}), fastRetries)
	require.NoError(t, err)
	_, err = c.GetAccountSecurityPracticeReport(testContext(t))
	assert.ErrorIs(t, err, ram.ErrAttemptTimeout)
	assert.Equal(t, int32(3), slow.calls.Load(), "attempt timeouts are retried")

	empty := &scriptedTransport{script: []error{nil}}
	c, err = ram.NewClient(ram.WithTransport(empty))
	require.NoError(t, err)
	_, err = c.GetAccountSecurityPracticeReport(testContext(t))
	assert.ErrorContains(t, err, "neither a report nor an error")
}

func TestWithTransportConflicts(t *testing.T) {
	tr := &scriptedTransport{}
	for name, opt := range map[string]ram.Option{
		"endpoint":    ram.WithEndpoint("https://ims.aliyuncs.com"),
		"credentials": ram.WithAccessKey("id", "secret"),
		"http client": ram.WithHTTPClient(&http.Client{}),
		"middleware":  ram.WithMiddleware(func(rt http.RoundTripper) http.RoundTripper { return rt }),
		"timeouts":    ram.WithTimeouts(ram.Timeouts{Connect: time.Second}),
		"user agent":  ram.WithUserAgent("x/1"),
		"body cap":    ram.WithMaxResponseBytes(10),
	} {
		_, err := ram.NewClient(ram.WithTransport(tr), opt)
		assert.ErrorContains(t, err, "WithTransport replaces the client's own transport", name)
	}
	_, err := ram.NewClient(ram.WithTransport(nil))
	assert.ErrorContains(t, err, "transport is nil")
}
