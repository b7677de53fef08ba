package ram_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

func TestGetReportDecodesEveryField(t *testing.T) {
	srv := startFake(t)
	want := &ram.Report{
		RequestID: "0C1CB646-1DE4-4AD0-B4A4-7D47DD52E931",
		AccountSecurityPracticeInfo: ram.PracticeInfo{
			Score: 71,
			UserInfo: ram.UserInfo{
				UnusedAkNum:                3,
				SubUserWithUnusedAccessKey: 2,
				RootWithAccessKey:          1,
				SubUser:                    17,
				BindMFA:                    true,
				OldAkNum:                   4,
				SubUserPwdLevel:            ram.PasswordLevelMid,
				SubUserWithOldAccessKey:    5,
				SubUserBindMFA:             6,
			},
		},
	}
	srv.SetReport(want)

	got, err := fakeClient(t, srv).GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
	assert.Equal(t, want.RequestID, got.RequestID)
	info := got.AccountSecurityPracticeInfo
	assert.Equal(t, 71, info.Score)
	assert.Equal(t, 3, info.UserInfo.UnusedAkNum)
	assert.Equal(t, 2, info.UserInfo.SubUserWithUnusedAccessKey)
	assert.Equal(t, 1, info.UserInfo.RootWithAccessKey)
	assert.Equal(t, 17, info.UserInfo.SubUser)
	assert.True(t, info.UserInfo.BindMFA)
	assert.Equal(t, 4, info.UserInfo.OldAkNum)
	assert.Equal(t, ram.PasswordLevelMid, info.UserInfo.SubUserPwdLevel)
	assert.Equal(t, 5, info.UserInfo.SubUserWithOldAccessKey)
	assert.Equal(t, 6, info.UserInfo.SubUserBindMFA)
	assert.Empty(t, got.Missing())
	assert.Equal(t, want, got)
}

func TestGetReportDefaultIsTheAPIReferenceExample(t *testing.T) {
	srv := startFake(t)
	got, err := fakeClient(t, srv).GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
	assert.Equal(t, ramtest.ExampleReport(), got)
	assert.Equal(t, 63, got.AccountSecurityPracticeInfo.Score)
}

func TestGetReportMissingFields(t *testing.T) {
	srv := startFake(t)
	rep := ramtest.ExampleReport()
	rep.SetMissing(ram.FieldRootWithAccessKey, ram.FieldBindMFA)
	srv.SetReport(rep)

	got, err := fakeClient(t, srv).GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
	assert.Equal(t, []ram.Field{ram.FieldRootWithAccessKey, ram.FieldBindMFA}, got.Missing())
	assert.False(t, got.Has(ram.FieldRootWithAccessKey), "absent, not zero")
	assert.True(t, got.Has(ram.FieldSubUser))
	assert.Equal(t, 9, got.AccountSecurityPracticeInfo.UserInfo.SubUser)
}

func TestGetReportErrorClasses(t *testing.T) {
	tests := []struct {
		name       string
		client     []ram.Option
		fault      *ramtest.Fault
		body       *string
		status     int
		code       string
		check      func(error) bool
		errContain string
	}{
		{name: "wrong secret", client: []ram.Option{ram.WithAccessKey(ramtest.AccessKeyID, "wrong-secret")},
			status: 403, code: "SignatureDoesNotMatch", check: ram.IsAuthentication},
		{name: "unknown key", client: []ram.Option{ram.WithAccessKey("LTAIunknown", "whatever")},
			status: 404, code: "InvalidAccessKeyId.NotFound", check: ram.IsAuthentication},
		{name: "throttling", fault: &ramtest.Fault{Code: "Throttling.User"},
			status: 400, code: "Throttling.User", check: ram.IsThrottling},
		{name: "service unavailable", fault: &ramtest.Fault{Code: "ServiceUnavailable"},
			status: 503, code: "ServiceUnavailable", check: ram.IsServerError},
		{name: "permission", fault: &ramtest.Fault{Code: "NoPermission"},
			status: 403, code: "NoPermission", check: ram.IsPermission},
		{name: "html from a proxy", fault: &ramtest.Fault{Status: 502, Body: []byte("<html>\n<h1>502 Bad Gateway</h1>" + strings.Repeat("x", 5000) + "</html>")},
			status: 502, check: ram.IsServerError, errContain: `body is not an API error: "<html> <h1>502 Bad Gateway</h1>`},
		{name: "empty error body", fault: &ramtest.Fault{Status: 500, Body: []byte{}},
			status: 500, check: ram.IsServerError, errContain: "HTTP 500: Internal Server Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startFake(t)
			if tt.fault != nil {
				srv.FailNext(1, *tt.fault)
			}
			rep, err := fakeClient(t, srv, tt.client...).GetAccountSecurityPracticeReport(testContext(t), ram.CallRetryPolicy(ram.NoRetry()))
			require.Error(t, err)
			assert.Nil(t, rep)

			var apiErr *ram.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.Equal(t, tt.code, apiErr.Code)
			assert.True(t, tt.check(err), "classified")
			reqs := srv.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, reqs[0].RequestID, apiErr.RequestID, "request ID from the body or the header")
			assert.NotEmpty(t, apiErr.RequestID)
			assert.Contains(t, err.Error(), "ram: GetAccountSecurityPracticeReport: HTTP ")
			assert.Contains(t, err.Error(), apiErr.RequestID)
			if tt.code != "" {
				assert.NotEmpty(t, apiErr.Message)
				assert.Equal(t, "ims.aliyuncs.com", apiErr.HostID)
				assert.Contains(t, apiErr.Recommend, tt.code)
			}
			if tt.errContain != "" {
				assert.Contains(t, err.Error(), tt.errContain)
				assert.LessOrEqual(t, len(apiErr.Excerpt), 256, "excerpt is bounded")
			}
		})
	}
}

func TestGetReportBadSuccessBodies(t *testing.T) {
	tests := []struct {
		name, body, errContain string
	}{
		{"empty body", ``, "report is not valid JSON"},
		{"truncated JSON", `{"RequestId":"r","AccountSecurityPracticeInfo":{"AccountSecurityPracticeUserInfo":{"Unus`, "report is not valid JSON"},
		{"html", `<html>oops</html>`, `body starts "<html>oops</html>"`},
		{"no RequestId", `{"AccountSecurityPracticeInfo":{"Score":1}}`, "report has no RequestId"},
		{"no info", `{"RequestId":"r"}`, "report has no AccountSecurityPracticeInfo"},
		{"wrong type", `{"RequestId":"r","AccountSecurityPracticeInfo":{"Score":"high"}}`, "Score: want integer, got string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startFake(t)
			srv.SetReportBody([]byte(tt.body))
			rep, err := fakeClient(t, srv).GetAccountSecurityPracticeReport(testContext(t))
			require.Error(t, err)
			assert.Nil(t, rep)
			assert.Contains(t, err.Error(), tt.errContain)

			var respErr *ram.ResponseError
			require.ErrorAs(t, err, &respErr)
			assert.Equal(t, http.StatusOK, respErr.StatusCode)
			reqs := srv.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, reqs[0].RequestID, respErr.RequestID, "the request ID comes from the header")
			assert.False(t, errors.As(err, new(*ram.APIError)), "a 200 is not an API error")
		})
	}
}

func TestGetReportBodyLimit(t *testing.T) {
	srv := startFake(t)
	c := fakeClient(t, srv, ram.WithMaxResponseBytes(64))
	_, err := c.GetAccountSecurityPracticeReport(testContext(t))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "body exceeds the 64-byte limit")

	_, err = fakeClient(t, srv).GetAccountSecurityPracticeReport(testContext(t))
	assert.NoError(t, err, "the default limit fits a report")
}

func TestRequestCarriesExactlyTheDocumentedSignedHeaders(t *testing.T) {
	t.Run("AccessKey", func(t *testing.T) {
		srv := startFake(t)
		_, err := fakeClient(t, srv).GetAccountSecurityPracticeReport(testContext(t))
		require.NoError(t, err)
		req := onlyRequest(t, srv)
		assert.Equal(t, []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"}, req.SignedHeaders)
		assertHeaders(t, req)
		assert.Empty(t, req.Header.Get("x-acs-security-token"))
	})
	t.Run("STS", func(t *testing.T) {
		srv := startFake(t, ramtest.WithSTSToken("STS.id", "sts-secret", "sts-token"))
		_, err := fakeClient(t, srv, ram.WithSTSToken("STS.id", "sts-secret", "sts-token")).GetAccountSecurityPracticeReport(testContext(t))
		require.NoError(t, err)
		req := onlyRequest(t, srv)
		assert.Equal(t, []string{"host", "x-acs-accesskey-id", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-security-token", "x-acs-signature-nonce", "x-acs-version"}, req.SignedHeaders)
		assert.Equal(t, "sts-token", req.Header.Get("x-acs-security-token"))
		assert.Equal(t, "STS.id", req.Header.Get("x-acs-accesskey-id"))
		assertHeaders(t, req)
	})
	t.Run("STS with a wrong token", func(t *testing.T) {
		srv := startFake(t, ramtest.WithSTSToken("STS.id", "sts-secret", "sts-token"))
		_, err := fakeClient(t, srv, ram.WithSTSToken("STS.id", "sts-secret", "other-token")).GetAccountSecurityPracticeReport(testContext(t))
		assert.True(t, ram.IsAuthentication(err), "%v", err)
	})
}

func onlyRequest(t *testing.T, srv *ramtest.Server) ramtest.Request {
	t.Helper()
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	return reqs[0]
}

// assertHeaders checks the values of the signed headers and that no other
// x-acs header is sent.
func assertHeaders(t *testing.T, req ramtest.Request) {
	t.Helper()
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "GetAccountSecurityPracticeReport", req.Header.Get("x-acs-action"))
	assert.Equal(t, "2019-08-15", req.Header.Get("x-acs-version"))
	assert.Equal(t, ram.EmptyPayloadHash, req.Header.Get("x-acs-content-sha256"))
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`, req.Header.Get("x-acs-date"))
	assert.Regexp(t, `^[0-9a-f]{32}$`, req.Header.Get("x-acs-signature-nonce"))
	assert.Regexp(t, `^ACS3-HMAC-SHA256 Credential=[^,]+,SignedHeaders=[a-z0-9;-]+,Signature=[0-9a-f]{64}$`, req.Header.Get("Authorization"))
	assert.Regexp(t, `^ram-go-sdk/\d+\.\d+\.\d+ \(go`, req.Header.Get("User-Agent"))
	for name := range req.Header {
		lower := strings.ToLower(name)
		if strings.HasPrefix(lower, "x-acs-") {
			assert.Contains(t, req.SignedHeaders, lower, "every x-acs header is signed")
		}
	}
}

func TestNoncesAreUniquePerRequest(t *testing.T) {
	srv := startFake(t)
	c := fakeClient(t, srv)
	for range 20 {
		_, err := c.GetAccountSecurityPracticeReport(testContext(t))
		require.NoError(t, err)
	}
	seen := map[string]bool{}
	for _, r := range srv.Requests() {
		n := r.Header.Get("x-acs-signature-nonce")
		assert.False(t, seen[n], "nonce %s reused", n)
		seen[n] = true
	}
}

func TestUserAgentSuffix(t *testing.T) {
	srv := startFake(t)
	_, err := fakeClient(t, srv, ram.WithUserAgent("scanner/2.0")).GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err)
	ua := onlyRequest(t, srv).Header.Get("User-Agent")
	assert.True(t, strings.HasPrefix(ua, "ram-go-sdk/"+ram.Version+" "), ua)
	assert.True(t, strings.HasSuffix(ua, " scanner/2.0"), ua)
}
