package ram_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

// startFake starts a fake endpoint that is closed when the test ends.
func startFake(t testing.TB, opts ...ramtest.Option) *ramtest.Server {
	t.Helper()
	srv := ramtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// fakeClient returns a client of srv built with opts.
func fakeClient(t testing.TB, srv *ramtest.Server, opts ...ram.Option) *ram.Client {
	t.Helper()
	c, err := srv.Client(opts...)
	require.NoError(t, err)
	return c
}

// testContext returns a context that ends with the test, bounded so that a
// hanging call fails the test instead of the run.
func testContext(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// contextWithCancelAfter returns a context cancelled after d.
func contextWithCancelAfter(d time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(d, cancel)
	return ctx, cancel
}
