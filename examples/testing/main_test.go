package main

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

func TestRootKeyAlert(t *testing.T) {
	srv := ramtest.NewServer()
	t.Cleanup(srv.Close)
	client, err := srv.Client(ram.WithRetryPolicy(ram.NoRetry()))
	require.NoError(t, err)
	ctx := context.Background()

	// The default report is the API reference's example: one root key.
	msg, err := rootKeyAlert(ctx, client)
	require.NoError(t, err)
	assert.Equal(t, "ALERT: the root account has 1 AccessKey(s)", msg)

	// A clean account.
	clean := ramtest.ExampleReport()
	clean.AccountSecurityPracticeInfo.UserInfo.RootWithAccessKey = 0
	srv.SetReport(clean)
	msg, err = rootKeyAlert(ctx, client)
	require.NoError(t, err)
	assert.Equal(t, "ok: the root account has no AccessKey", msg)

	// The field is missing: no guessing.
	partial := ramtest.ExampleReport()
	partial.SetMissing(ram.FieldRootWithAccessKey)
	srv.SetReport(partial)
	_, err = rootKeyAlert(ctx, client)
	assert.ErrorContains(t, err, "does not say")

	// The service throttles.
	srv.FailNext(1, ramtest.Fault{Code: "Throttling.User"})
	_, err = rootKeyAlert(ctx, client)
	assert.ErrorContains(t, err, "throttled")
}
