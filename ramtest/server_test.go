package ramtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

func start(t *testing.T, opts ...ramtest.Option) *ramtest.Server {
	t.Helper()
	srv := ramtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// signedRequest builds a request signed like the client's, with edit
// applied to the headers before signing.
func signedRequest(t *testing.T, url, id, secret string, date time.Time, edit func(http.Header)) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+"/", nil)
	require.NoError(t, err)
	h := http.Header{
		"Host":                  {req.Host},
		"X-Acs-Action":          {ram.Action},
		"X-Acs-Version":         {ram.APIVersion},
		"X-Acs-Date":            {date.UTC().Format("2006-01-02T15:04:05Z")},
		"X-Acs-Signature-Nonce": {strconv.FormatInt(nonceCounter.Add(1), 10)},
		"X-Acs-Content-Sha256":  {ram.EmptyPayloadHash},
	}
	if edit != nil {
		edit(h)
	}
	canonical, signed := ram.CanonicalRequest(http.MethodPost, "/", nil, h, ram.EmptyPayloadHash)
	h.Set("Authorization", ram.Authorization(id, signed, ram.Signature(secret, ram.StringToSign(canonical))))
	h.Del("Host")
	req.Header = h
	return req
}

// nonceCounter makes the nonces of signedRequest unique.
var nonceCounter atomic.Int64

type errorBody struct {
	RequestID, HostID, Code, Message, Recommend string
}

func send(t *testing.T, req *http.Request) (*http.Response, errorBody) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var body errorBody
	if resp.StatusCode != http.StatusOK {
		require.NoError(t, json.Unmarshal(raw, &body), string(raw))
	}
	return resp, body
}

func TestVerifiesRequestsLikeTheService(t *testing.T) {
	srv := start(t)
	now := time.Now()
	tests := []struct {
		name   string
		req    *http.Request
		status int
		code   string
	}{
		{"valid", signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, now, nil), 200, ""},
		{"wrong secret", signedRequest(t, srv.URL, ramtest.AccessKeyID, "wrong", now, nil), 403, "SignatureDoesNotMatch"},
		{"unknown key", signedRequest(t, srv.URL, "LTAInobody", "x", now, nil), 404, "InvalidAccessKeyId.NotFound"},
		{"other action", signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, now,
			func(h http.Header) { h.Set("X-Acs-Action", "ListUsers") }), 404, "InvalidAction.NotFound"},
		{"other version", signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, now,
			func(h http.Header) { h.Set("X-Acs-Version", "2015-05-01") }), 400, "InvalidVersion"},
		{"nonce not signed", signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, now,
			func(h http.Header) { h.Del("X-Acs-Signature-Nonce") }), 400, "IncompleteSignature"},
		{"stale date", signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, now.Add(-20*time.Minute), nil), 400, "InvalidTimeStamp.Expired"},
		{"extra signed header", signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, now,
			func(h http.Header) { h.Set("X-Acs-Credentials-Provider", "ak") }), 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := send(t, tt.req)
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.Equal(t, tt.code, body.Code)
			assert.NotEmpty(t, resp.Header.Get("x-acs-request-id"))
			if tt.code != "" {
				assert.Equal(t, resp.Header.Get("x-acs-request-id"), body.RequestID)
				assert.Equal(t, "ims.aliyuncs.com", body.HostID)
				assert.NotEmpty(t, body.Message)
			}
		})
	}

	t.Run("tampered after signing", func(t *testing.T) {
		req := signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, now, nil)
		req.Header.Set("X-Acs-Date", now.Add(time.Second).UTC().Format("2006-01-02T15:04:05Z"))
		resp, body := send(t, req)
		assert.Equal(t, 403, resp.StatusCode)
		assert.Equal(t, "SignatureDoesNotMatch", body.Code)
	})
	t.Run("no authorization", func(t *testing.T) {
		req, err := http.NewRequest(http.MethodPost, srv.URL+"/", nil)
		require.NoError(t, err)
		resp, body := send(t, req)
		assert.Equal(t, 400, resp.StatusCode)
		assert.Equal(t, "IncompleteSignature", body.Code)
	})
	t.Run("body not matching its hash", func(t *testing.T) {
		req := signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, now, nil)
		req.Body = io.NopCloser(strings.NewReader("unexpected"))
		req.ContentLength = int64(len("unexpected"))
		resp, body := send(t, req)
		assert.Equal(t, 403, resp.StatusCode)
		assert.Equal(t, "SignatureDoesNotMatch", body.Code)
	})
}

func TestSTSTokenIsRequired(t *testing.T) {
	srv := start(t, ramtest.WithSTSToken("STS.x", "s", "tok"))
	now := time.Now()
	resp, body := send(t, signedRequest(t, srv.URL, "STS.x", "s", now, nil))
	assert.Equal(t, 400, resp.StatusCode)
	assert.Equal(t, "InvalidSecurityToken.MismatchWithAccessKey", body.Code)

	resp, _ = send(t, signedRequest(t, srv.URL, "STS.x", "s", now, func(h http.Header) { h.Set("X-Acs-Security-Token", "tok") }))
	assert.Equal(t, 200, resp.StatusCode)
}

func TestFailNextAndRecording(t *testing.T) {
	srv := start(t)
	c, err := srv.Client(ram.WithRetryPolicy(ram.NoRetry()))
	require.NoError(t, err)
	ctx := context.Background()

	srv.FailNext(2, ramtest.Fault{Code: "Throttling.User", RetryAfter: 1500 * time.Millisecond})
	for range 2 {
		_, err := c.GetAccountSecurityPracticeReport(ctx)
		assert.True(t, ram.IsThrottling(err), "%v", err)
	}
	rep, err := c.GetAccountSecurityPracticeReport(ctx)
	require.NoError(t, err, "only the next 2 fail")
	assert.Equal(t, ramtest.ExampleReport(), rep)

	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, []int{400, 400, 200}, []int{reqs[0].Status, reqs[1].Status, reqs[2].Status})
	assert.Equal(t, []string{"Throttling.User", "Throttling.User", ""}, []string{reqs[0].Code, reqs[1].Code, reqs[2].Code})
	assert.Equal(t, ramtest.AccessKeyID, reqs[0].AccessKeyID)
	assert.Equal(t, "ABA822EE-85C2-4418-9577-A1831FC8466D", reqs[2].RequestID)
	assert.NotEqual(t, reqs[0].RequestID, reqs[1].RequestID)

	// The retry-after header, as the real service sends it.
	srv.FailNext(1, ramtest.Fault{Code: "Throttling.Api", RetryAfter: 1500 * time.Millisecond})
	resp, body := send(t, signedRequest(t, srv.URL, ramtest.AccessKeyID, ramtest.AccessKeySecret, time.Now(), nil))
	assert.Equal(t, "1500", resp.Header.Get("x-acs-retry-after"))
	assert.Equal(t, "Throttling.Api", body.Code)
	assert.Contains(t, body.Recommend, "Throttling.Api")
}

func TestFaultStatusDefaults(t *testing.T) {
	srv := start(t)
	c, err := srv.Client(ram.WithRetryPolicy(ram.NoRetry()))
	require.NoError(t, err)
	for code, status := range map[string]int{"InternalError": 500, "ServiceUnavailable": 503, "Forbidden.RAM": 403, "SomethingNew": 400} {
		srv.FailNext(1, ramtest.Fault{Code: code})
		_, err := c.GetAccountSecurityPracticeReport(context.Background())
		var apiErr *ram.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, status, apiErr.StatusCode, code)
		assert.Equal(t, code, apiErr.Code)
	}
	srv.FailNext(1, ramtest.Fault{Code: "Throttling", Status: 429, Message: "slow down"})
	_, err = c.GetAccountSecurityPracticeReport(context.Background())
	var apiErr *ram.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 429, apiErr.StatusCode)
	assert.Equal(t, "slow down", apiErr.Message)
}

func TestReportWithoutRequestIDGetsAFreshOne(t *testing.T) {
	srv := start(t)
	rep := ramtest.ExampleReport()
	rep.RequestID = ""
	srv.SetReport(rep)
	c, err := srv.Client()
	require.NoError(t, err)
	a, err := c.GetAccountSecurityPracticeReport(context.Background())
	require.NoError(t, err)
	b, err := c.GetAccountSecurityPracticeReport(context.Background())
	require.NoError(t, err)
	assert.Regexp(t, `^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`, a.RequestID)
	assert.NotEqual(t, a.RequestID, b.RequestID)
	rep.RequestID = "changed-after-set"
	c2, err := c.GetAccountSecurityPracticeReport(context.Background())
	require.NoError(t, err)
	assert.NotEqual(t, "changed-after-set", c2.RequestID, "SetReport keeps its own copy")
}

func TestClientOptionsOverrideTheDefaults(t *testing.T) {
	srv := start(t, ramtest.WithAccessKey("LTAIother", "other-secret"))
	c, err := srv.Client(ram.WithAccessKey("LTAIother", "other-secret"))
	require.NoError(t, err)
	_, err = c.GetAccountSecurityPracticeReport(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "LTAIother", srv.Requests()[0].AccessKeyID)
}

func ExampleNewServer() {
	srv := ramtest.NewServer()
	defer srv.Close()
	srv.FailNext(1, ramtest.Fault{Code: "Throttling.User"}) // retried by the client

	client, err := srv.Client()
	if err != nil {
		panic(err)
	}
	rep, err := client.GetAccountSecurityPracticeReport(context.Background())
	if err != nil {
		panic(err)
	}
	fmt.Println(rep.AccountSecurityPracticeInfo.Score, len(srv.Requests()))
	// Output: 63 2
}
