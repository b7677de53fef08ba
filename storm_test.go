package ram_test

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

// assertNoGoroutineLeak waits for the goroutine count to fall back to
// baseline, and shows the stacks if it does not.
func assertNoGoroutineLeak(t *testing.T, baseline int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > baseline && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > baseline {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines left behind:\n%s", n-baseline, buf[:runtime.Stack(buf, true)])
	}
}

func TestThrottlingStorm(t *testing.T) {
	const (
		goroutines = 20
		calls      = 200
		tokens     = 100
		retryCost  = 5
	)
	baseline := runtime.NumGoroutine()

	srv := ramtest.NewServer()
	srv.FailRandomly(0.7, ramtest.Fault{Code: "Throttling.User"})
	c, err := srv.Client(fastRetries, ram.WithRetryBudget(ram.RetryBudget{Tokens: tokens, RetryCost: retryCost}))
	require.NoError(t, err)

	type outcome struct {
		rep *ram.Report
		err error
	}
	results := make(chan outcome, calls)
	work := make(chan struct{}, calls)
	for range calls {
		work <- struct{}{}
	}
	close(work)
	ctx := testContext(t)
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for range work {
				rep, err := c.GetAccountSecurityPracticeReport(ctx)
				results <- outcome{rep, err}
			}
		})
	}
	wg.Wait()
	close(results)

	var ok, throttled int
	for r := range results {
		if r.err == nil {
			ok++
			assert.NotEmpty(t, r.rep.RequestID)
			continue
		}
		throttled++
		assert.True(t, ram.IsThrottling(r.err), "only throttling errors: %v", r.err)
		var apiErr *ram.APIError
		if assert.ErrorAs(t, r.err, &apiErr) {
			assert.NotEmpty(t, apiErr.RequestID)
		}
	}
	assert.Equal(t, calls, ok+throttled, "every call ended")

	// Retries spend 5 tokens each and only successes earn one back, so
	// retries <= (tokens + successes) / cost.
	attempts := len(srv.Requests())
	bound := calls + (tokens+ok)/retryCost
	assert.LessOrEqual(t, attempts, bound, "the budget bounds the load")
	assert.Greater(t, attempts, calls, "some calls were retried")
	t.Logf("%d calls: %d reports, %d throttled, %d attempts (bound %d, %d without a budget)", calls, ok, throttled, attempts, bound, 3*calls)

	c.CloseIdleConnections()
	srv.Close()
	assertNoGoroutineLeak(t, baseline)
}

func TestNoGoroutineLeftAfterCancelledWaits(t *testing.T) {
	baseline := runtime.NumGoroutine()
	srv := ramtest.NewServer()
	srv.FailRandomly(1, ramtest.Fault{Code: "Throttling.User", RetryAfter: 5 * time.Second})
	c, err := srv.Client()
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			ctx, cancel := contextWithCancelAfter(50 * time.Millisecond)
			defer cancel()
			_, err := c.GetAccountSecurityPracticeReport(ctx)
			assert.Error(t, err)
		})
	}
	wg.Wait()
	c.CloseIdleConnections()
	srv.Close()
	assertNoGoroutineLeak(t, baseline)
}
