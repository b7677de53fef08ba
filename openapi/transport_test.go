package openapi_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	openapiclient "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/openapi"
	"github.com/seed-d76936c4/ram/ramtest"
)

// keys are the credentials a scenario signs with.
type keys struct{ id, secret, token string }

var (
	goodKeys = keys{ramtest.AccessKeyID, ramtest.AccessKeySecret, ""}
	stsKeys  = keys{"STS.differential", "sts-secret", "sts-token"}
)

// ours and official build the two clients under comparison for srv.
func ours(t *testing.T, srv *ramtest.Server, k keys) *ram.Client {
	t.Helper()
	cred := ram.WithAccessKey(k.id, k.secret)
	if k.token != "" {
		cred = ram.WithSTSToken(k.id, k.secret, k.token)
	}
	c, err := ram.NewClient(ram.WithEndpoint(srv.URL), cred, ram.WithRetryPolicy(ram.NoRetry()))
	require.NoError(t, err)
	return c
}

func official(t *testing.T, srv *ramtest.Server, k keys) *ram.Client {
	t.Helper()
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	cfg := &openapiclient.Config{
		AccessKeyId:     dara.String(k.id),
		AccessKeySecret: dara.String(k.secret),
		Endpoint:        dara.String(u.Host),
		Protocol:        dara.String("http"),
	}
	if k.token != "" {
		cfg.SecurityToken = dara.String(k.token)
	}
	tr, err := openapi.NewTransport(cfg)
	require.NoError(t, err)
	c, err := ram.NewClient(ram.WithTransport(tr), ram.WithRetryPolicy(ram.NoRetry()))
	require.NoError(t, err)
	return c
}

// outcome is what a scenario compares between the transports.
type outcome struct {
	Report                                         *ram.Report
	Missing                                        []ram.Field
	APIError                                       *ram.APIError
	ResponseError                                  bool
	ResponseStatus                                 int
	Throttling, Authentication, Permission, Server bool
	Retryable                                      bool
}

func run(t *testing.T, c *ram.Client) outcome {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rep, err := c.GetAccountSecurityPracticeReport(ctx)
	o := outcome{Report: rep}
	if rep != nil {
		o.Missing = rep.Missing()
	}
	if err != nil {
		var apiErr *ram.APIError
		if errors.As(err, &apiErr) {
			o.APIError = apiErr
		}
		var respErr *ram.ResponseError
		if errors.As(err, &respErr) {
			o.ResponseError, o.ResponseStatus = true, respErr.StatusCode
		}
		o.Throttling, o.Authentication = ram.IsThrottling(err), ram.IsAuthentication(err)
		o.Permission, o.Server, o.Retryable = ram.IsPermission(err), ram.IsServerError(err), ram.IsRetryable(err)
	}
	return o
}

func TestBothTransportsAgree(t *testing.T) {
	full := &ram.Report{RequestID: "FULL-REPORT", AccountSecurityPracticeInfo: ram.PracticeInfo{Score: 88,
		UserInfo: ram.UserInfo{UnusedAkNum: 1, SubUserWithUnusedAccessKey: 2, RootWithAccessKey: 0, SubUser: 12,
			BindMFA: true, OldAkNum: 3, SubUserPwdLevel: ram.PasswordLevelHigh, SubUserWithOldAccessKey: 4, SubUserBindMFA: 11}}}
	partial := ramtest.ExampleReport()
	partial.SetMissing(ram.FieldRootWithAccessKey, ram.FieldScore)

	tests := []struct {
		name    string
		keys    keys
		report  *ram.Report
		body    string
		fault   *ramtest.Fault
		success bool
		check   func(t *testing.T, o outcome)
	}{
		{name: "the API reference's example", keys: goodKeys, success: true},
		{name: "every field set", keys: goodKeys, report: full, success: true},
		{name: "missing fields", keys: goodKeys, report: partial, success: true, check: func(t *testing.T, o outcome) {
			assert.Equal(t, []ram.Field{ram.FieldRootWithAccessKey, ram.FieldScore}, o.Missing)
		}},
		{name: "STS token", keys: stsKeys, success: true},
		{name: "wrong secret", keys: keys{ramtest.AccessKeyID, "wrong", ""}, check: func(t *testing.T, o outcome) {
			assert.Equal(t, "SignatureDoesNotMatch", o.APIError.Code)
			assert.True(t, o.Authentication)
		}},
		{name: "unknown key", keys: keys{"LTAInobody", "x", ""}, check: func(t *testing.T, o outcome) {
			assert.Equal(t, 404, o.APIError.StatusCode)
			assert.True(t, o.Authentication)
		}},
		{name: "wrong STS token", keys: keys{stsKeys.id, stsKeys.secret, "other"}, check: func(t *testing.T, o outcome) {
			assert.True(t, o.Authentication)
		}},
		{name: "throttling", keys: goodKeys, fault: &ramtest.Fault{Code: "Throttling.User"}, check: func(t *testing.T, o outcome) {
			assert.True(t, o.Throttling)
			assert.True(t, o.Retryable)
		}},
		{name: "service unavailable", keys: goodKeys, fault: &ramtest.Fault{Code: "ServiceUnavailable"}, check: func(t *testing.T, o outcome) {
			assert.True(t, o.Server)
			assert.Equal(t, 503, o.APIError.StatusCode)
		}},
		{name: "internal error", keys: goodKeys, fault: &ramtest.Fault{Code: "InternalError"}, check: func(t *testing.T, o outcome) {
			assert.True(t, o.Server)
		}},
		{name: "no permission", keys: goodKeys, fault: &ramtest.Fault{Code: "NoPermission"}, check: func(t *testing.T, o outcome) {
			assert.True(t, o.Permission)
		}},
		{name: "forbidden by RAM", keys: goodKeys, fault: &ramtest.Fault{Code: "Forbidden.RAM"}, check: func(t *testing.T, o outcome) {
			assert.True(t, o.Permission)
		}},
		{name: "a counter of the wrong type", keys: goodKeys, body: `{"RequestId":"R","AccountSecurityPracticeInfo":{"Score":"63"}}`, check: func(t *testing.T, o outcome) {
			assert.True(t, o.ResponseError)
		}},
		{name: "no RequestId", keys: goodKeys, body: `{"AccountSecurityPracticeInfo":{"Score":63}}`, check: func(t *testing.T, o outcome) {
			assert.True(t, o.ResponseError)
		}},
		{name: "no AccountSecurityPracticeInfo", keys: goodKeys, body: `{"RequestId":"R"}`, check: func(t *testing.T, o outcome) {
			assert.True(t, o.ResponseError)
			assert.Equal(t, 200, o.ResponseStatus)
		}},
		{name: "trailing data after the report", keys: goodKeys, body: `{"RequestId":"R","AccountSecurityPracticeInfo":{}} {}`, check: func(t *testing.T, o outcome) {
			assert.True(t, o.ResponseError)
		}},
		{name: "throttling with x-acs-retry-after", keys: goodKeys, fault: &ramtest.Fault{Code: "Throttling.Api", RetryAfter: 1500 * time.Millisecond}, check: func(t *testing.T, o outcome) {
			assert.Equal(t, 1500*time.Millisecond, o.APIError.RetryAfter)
		}},
		{name: "HTML from a proxy", keys: goodKeys, fault: &ramtest.Fault{Status: 502, Body: []byte("<html>bad gateway</html>")}, check: func(t *testing.T, o outcome) {
			assert.True(t, o.Server)
			assert.True(t, o.Retryable)
			assert.Equal(t, "<html>bad gateway</html>", o.APIError.Excerpt)
		}},
		{name: "JSON error without a code", keys: goodKeys, fault: &ramtest.Fault{Status: 503, Body: []byte(`{}`), ContentType: "application/json"}, check: func(t *testing.T, o outcome) {
			assert.Equal(t, "", o.APIError.Code)
			assert.True(t, o.Server)
		}},
		{name: "oversized body", keys: goodKeys, fault: &ramtest.Fault{Status: 200, ContentType: "application/json",
			Body: []byte(`{"RequestId":"` + strings.Repeat("x", 2<<20) + `"}`)}, check: func(t *testing.T, o outcome) {
			assert.True(t, o.ResponseError)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [2]outcome
			for i, build := range []func(*testing.T, *ramtest.Server, keys) *ram.Client{ours, official} {
				srv := ramtest.NewServer(ramtest.WithSTSToken(stsKeys.id, stsKeys.secret, stsKeys.token))
				t.Cleanup(srv.Close)
				if tt.report != nil {
					srv.SetReport(tt.report)
				}
				if tt.body != "" {
					srv.SetReportBody([]byte(tt.body))
				}
				if tt.fault != nil {
					srv.FailNext(1, *tt.fault)
				}
				got[i] = run(t, build(t, srv, tt.keys))
				reqs := srv.Requests()
				require.Len(t, reqs, 1, "one request each")
				if i == 1 {
					assert.NotContains(t, reqs[0].Header.Get("User-Agent"), "ram-go-sdk", "the official stack sent it")
					assert.Contains(t, reqs[0].SignedHeaders, "x-acs-credentials-provider")
				}
				if got[i].APIError != nil {
					assert.Equal(t, reqs[0].RequestID, got[i].APIError.RequestID, "the request ID is found")
				}
			}
			ourOutcome, theirOutcome := got[0], got[1]
			if tt.success {
				require.NotNil(t, ourOutcome.Report)
				require.NotNil(t, theirOutcome.Report)
			} else {
				assert.Nil(t, ourOutcome.Report)
			}
			if ourOutcome.APIError != nil && theirOutcome.APIError != nil {
				// The fake gives each request its own ID; everything else matches.
				assert.NotEmpty(t, theirOutcome.APIError.RequestID)
				ourOutcome.APIError.RequestID, theirOutcome.APIError.RequestID = "", ""
				ourOutcome.APIError.Recommend, theirOutcome.APIError.Recommend = "", ""
			}
			assert.Equal(t, ourOutcome, theirOutcome, "both transports give the same typed result")
			if tt.check != nil {
				tt.check(t, theirOutcome)
			}
		})
	}
}

func TestNeitherTransportFollowsRedirects(t *testing.T) {
	var leaked atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-acs-security-token") != "" || r.Header.Get("Authorization") != "" {
			leaked.Add(1)
		}
	}))
	t.Cleanup(other.Close)
	for i, build := range []func(*testing.T, *ramtest.Server, keys) *ram.Client{ours, official} {
		srv := ramtest.NewServer(ramtest.WithSTSToken(stsKeys.id, stsKeys.secret, stsKeys.token))
		t.Cleanup(srv.Close)
		srv.FailNext(1, ramtest.Fault{Status: http.StatusTemporaryRedirect, Redirect: other.URL + "/collect"})
		o := run(t, build(t, srv, stsKeys))
		require.NotNil(t, o.APIError, "transport %d", i)
		assert.Equal(t, http.StatusTemporaryRedirect, o.APIError.StatusCode)
		assert.Contains(t, o.APIError.Message, other.URL+"/collect")
	}
	assert.Zero(t, leaked.Load(), "no credential reached the other host")
}

func TestCloseIdleConnections(t *testing.T) {
	srv := ramtest.NewServer()
	t.Cleanup(srv.Close)
	c := official(t, srv, goodKeys)
	_ = run(t, c)
	c.CloseIdleConnections() // forwarded to the adapter; must not panic
}
