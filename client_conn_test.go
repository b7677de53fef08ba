package ram_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

// hangingServer accepts requests and answers none until the test ends.
func hangingServer(t *testing.T) *httptest.Server {
	t.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	return srv
}

func TestCancelledContextStopsTheCall(t *testing.T) {
	srv := hangingServer(t)
	c, err := ram.NewClient(ram.WithEndpoint(srv.URL), ram.WithAccessKey("id", "secret"))
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err = c.GetAccountSecurityPracticeReport(ctx)
	elapsed := time.Since(start)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, elapsed, 2*time.Second, "returns promptly after the cancel")
	assert.Contains(t, err.Error(), "ram: GetAccountSecurityPracticeReport:")
}

func TestExpiredContextStopsTheCall(t *testing.T) {
	srv := hangingServer(t)
	c, err := ram.NewClient(ram.WithEndpoint(srv.URL), ram.WithAccessKey("id", "secret"))
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.GetAccountSecurityPracticeReport(ctx)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestAlreadyCancelledContextSendsNothing(t *testing.T) {
	srv := startFake(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := fakeClient(t, srv).GetAccountSecurityPracticeReport(ctx)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, srv.Requests())
}

func TestTimeoutsEndAHangingAttempt(t *testing.T) {
	tests := []struct {
		name     string
		timeouts ram.Timeouts
		check    func(t *testing.T, err error)
	}{
		{"attempt", ram.Timeouts{Attempt: 50 * time.Millisecond}, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, context.DeadlineExceeded)
		}},
		{"response header", ram.Timeouts{ResponseHeader: 50 * time.Millisecond}, func(t *testing.T, err error) {
			assert.Contains(t, err.Error(), "timeout awaiting response headers")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := hangingServer(t)
			c, err := ram.NewClient(ram.WithEndpoint(srv.URL), ram.WithAccessKey("id", "secret"), ram.WithTimeouts(tt.timeouts))
			require.NoError(t, err)
			start := time.Now()
			_, err = c.GetAccountSecurityPracticeReport(context.Background())
			require.Error(t, err)
			tt.check(t, err)
			assert.Less(t, time.Since(start), 2*time.Second)
		})
	}
}

func TestConcurrentCallsShareOneClient(t *testing.T) {
	srv := startFake(t)
	c := fakeClient(t, srv)
	ctx := testContext(t)

	const goroutines, calls = 50, 4
	var wg sync.WaitGroup
	var failures atomic.Int32
	for range goroutines {
		wg.Go(func() {
			for range calls {
				rep, err := c.GetAccountSecurityPracticeReport(ctx)
				if err != nil || rep.AccountSecurityPracticeInfo.Score != 63 {
					failures.Add(1)
				}
			}
		})
	}
	wg.Wait()
	assert.Zero(t, failures.Load())
	assert.Len(t, srv.Requests(), goroutines*calls)
}

func TestSequentialCallsReuseOneConnection(t *testing.T) {
	srv := ramtest.NewUnstartedServer()
	var opened atomic.Int32
	srv.Config().ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)

	c := fakeClient(t, srv)
	for i := range 100 {
		_, err := c.GetAccountSecurityPracticeReport(testContext(t))
		require.NoError(t, err, "call %d", i)
	}
	assert.Equal(t, int32(1), opened.Load(), "100 calls over one TCP connection")

	// Error answers leave the connection reusable too.
	srv.FailNext(5, ramtest.Fault{Code: "Throttling.User"})
	for range 5 {
		_, err := c.GetAccountSecurityPracticeReport(testContext(t), ram.CallRetryPolicy(ram.NoRetry()))
		require.True(t, ram.IsThrottling(err))
	}
	assert.Equal(t, int32(1), opened.Load())
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	var followed atomic.Bool
	other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { followed.Store(true) }))
	t.Cleanup(other.Close)
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirector.Close)

	for _, opt := range []ram.Option{nil, ram.WithHTTPClient(&http.Client{})} {
		c, err := ram.NewClient(ram.WithEndpoint(redirector.URL), ram.WithAccessKey("id", "secret"), opt)
		require.NoError(t, err)
		_, err = c.GetAccountSecurityPracticeReport(testContext(t))
		var apiErr *ram.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusTemporaryRedirect, apiErr.StatusCode)
		assert.Contains(t, err.Error(), other.URL+"/steal")
		assert.False(t, followed.Load(), "credentials never reach the other host")
	}
}

func TestWithHTTPClientIsUsedAndNotModified(t *testing.T) {
	srv := startFake(t)
	var calls atomic.Int32
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		return http.DefaultTransport.RoundTrip(r)
	})}
	c := fakeClient(t, srv, ram.WithHTTPClient(hc))
	_, err := c.GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
	assert.Equal(t, int32(1), calls.Load())
	assert.Nil(t, hc.CheckRedirect, "the caller's client is copied, not changed")
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestTransportFailureNamesTheAction(t *testing.T) {
	srv := startFake(t)
	c := fakeClient(t, srv, ram.WithRetryPolicy(ram.NoRetry()))
	srv.Close()
	_, err := c.GetAccountSecurityPracticeReport(testContext(t))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "ram: GetAccountSecurityPracticeReport: sending request: ")
	var opErr *net.OpError
	assert.True(t, errors.As(err, &opErr), "the network error is reachable: %v", err)
}
