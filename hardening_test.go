package ram_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aliyun/credentials-go/credentials"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

// echoingProxy answers every request with an error page that quotes the
// request's headers, as a careless proxy might.
func echoingProxy(t *testing.T, status int, jsonBody bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := r.Header.Get("x-acs-security-token")
		w.WriteHeader(status)
		if jsonBody {
			// JSON-escaped, so that only decoding reveals it.
			esc := strings.ReplaceAll(token, "T", `\u0054`)
			_, _ = w.Write([]byte(`{"Code":"Bad","Message":"token ` + esc + `","RequestId":"` + esc + `"}`))
			return
		}
		_, _ = w.Write([]byte("<html>" + strings.Repeat("pad ", 10) + "token=" + token + " all headers: " + r.Header.Get("Authorization") + "</html>"))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestEchoedCredentialsAreRedacted(t *testing.T) {
	for _, jsonBody := range []bool{false, true} {
		srv := echoingProxy(t, http.StatusBadGateway, jsonBody)
		c, err := ram.NewClient(ram.WithEndpoint(srv.URL), ram.WithSTSToken("STS.id", leakSecret, leakToken), ram.WithRetryPolicy(ram.NoRetry()))
		require.NoError(t, err)
		_, err = c.GetAccountSecurityPracticeReport(testContext(t))
		require.Error(t, err)
		var apiErr *ram.APIError
		require.ErrorAs(t, err, &apiErr)
		text := err.Error() + apiErr.Excerpt + apiErr.Message + apiErr.RequestID
		assert.NotContains(t, text, leakToken)
		assert.NotContains(t, text, leakToken[:20], "no prefix of the token either")
		assert.Contains(t, text, "<redacted>")
	}
}

func TestMalformedProfileDoesNotLeakItsSecret(t *testing.T) {
	isolateCredentialChain(t)
	home := os.Getenv("HOME")
	dir := filepath.Join(home, ".aliyun")
	require.NoError(t, os.MkdirAll(dir, 0o700))
	config := `{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"LTAIprofile","access_key_secret":"` + leakSecret + `",}]}`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "config.json"), []byte(config), 0o600))

	srv := startFake(t)
	c, err := ram.NewClient(ram.WithEndpoint(srv.URL))
	require.NoError(t, err)
	_, err = c.GetAccountSecurityPracticeReport(testContext(t))
	require.Error(t, err)
	assert.ErrorIs(t, err, ram.ErrNoCredentials)
	assert.NotContains(t, err.Error(), leakSecret)
}

func TestDefaultChainLooksAgainAfterAFailure(t *testing.T) {
	isolateCredentialChain(t)
	srv := startFake(t)
	c, err := ram.NewClient(ram.WithEndpoint(srv.URL))
	require.NoError(t, err)
	_, err = c.GetAccountSecurityPracticeReport(testContext(t))
	require.ErrorIs(t, err, ram.ErrNoCredentials)

	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", ramtest.AccessKeyID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ramtest.AccessKeySecret)
	_, err = c.GetAccountSecurityPracticeReport(testContext(t))
	assert.NoError(t, err, "credentials set after a failure are found")
}

// slowCredential blocks in GetCredential like a provider waiting on the
// network.
type slowCredential struct {
	credentials.Credential
	calls   atomic.Int32
	release chan struct{}
}

func (s *slowCredential) GetCredential() (*credentials.CredentialModel, error) {
	s.calls.Add(1)
	<-s.release
	return new(credentials.CredentialModel).SetAccessKeyId(ramtest.AccessKeyID).SetAccessKeySecret(ramtest.AccessKeySecret), nil
}

func TestSlowCredentialProviderHonoursTheContext(t *testing.T) {
	srv := startFake(t)
	cred := &slowCredential{release: make(chan struct{})}
	c := fakeClient(t, srv, ram.WithCredential(cred))

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetAccountSecurityPracticeReport(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), time.Second)

	// Callers waiting together share one fetch.
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			_, err := c.GetAccountSecurityPracticeReport(testContext(t))
			assert.NoError(t, err)
		})
	}
	require.Eventually(t, func() bool { return ram.CredentialWaiters(c) == 10 }, 10*time.Second, time.Millisecond)
	close(cred.release)
	wg.Wait()
	assert.Equal(t, int32(1), cred.calls.Load(), "one provider call served every waiting caller")
}

func TestErrorAnswersIgnoreTheReportSizeLimit(t *testing.T) {
	srv := startFake(t)
	c := fakeClient(t, srv, ram.WithMaxResponseBytes(64), ram.WithRetryPolicy(ram.NoRetry()))
	srv.FailNext(1, ramtest.Fault{Code: "Throttling.User"})
	_, err := c.GetAccountSecurityPracticeReport(testContext(t))
	assert.True(t, ram.IsThrottling(err), "%v", err)

	huge := append([]byte("<html>"), bytes.Repeat([]byte("x"), 2<<20)...)
	srv.FailNext(1, ramtest.Fault{Status: 502, Body: huge})
	_, err = fakeClient(t, srv, ram.WithRetryPolicy(ram.NoRetry())).GetAccountSecurityPracticeReport(testContext(t))
	var apiErr *ram.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 502, apiErr.StatusCode)
	assert.True(t, strings.HasPrefix(apiErr.Excerpt, "<html>xxx"))
	assert.LessOrEqual(t, len(apiErr.Excerpt), 256)
}

func TestErrorBodiesKeepWhatTheyHave(t *testing.T) {
	tests := []struct {
		name, body             string
		code, message, request string
		detail                 bool
	}{
		{"detail of the wrong type", `{"Code":"NoPermission","Message":"m","RequestId":"R1","AccessDeniedDetail":"oops"}`, "NoPermission", "m", "R1", false},
		{"detail", `{"Code":"NoPermission","Message":"m","RequestId":"R2","AccessDeniedDetail":{"AuthAction":"ram:GetAccountSecurityPracticeReport","NoPermissionType":"ImplicitDeny"}}`, "NoPermission", "m", "R2", true},
		{"no code", `{"Message":"upstream failed","RequestId":"R3"}`, "", "upstream failed", "R3", false},
		{"truncated JSON", `{"Code":"Throttling.User","Mess`, "", "", "HDR", false},
		{"control characters", "{\"Code\":\"X\",\"Message\":\"line1\\nline2\\u0007\",\"RequestId\":\"R4\"}", "X", "line1 line2", "R4", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("x-acs-request-id", "HDR")
				w.WriteHeader(http.StatusForbidden)
				_, _ = w.Write([]byte(tt.body))
			}))
			t.Cleanup(srv.Close)
			c, err := ram.NewClient(ram.WithEndpoint(srv.URL), ram.WithAccessKey("id", "secret"))
			require.NoError(t, err)
			_, err = c.GetAccountSecurityPracticeReport(testContext(t))
			var apiErr *ram.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.code, apiErr.Code)
			assert.Equal(t, tt.message, apiErr.Message)
			assert.Equal(t, tt.request, apiErr.RequestID)
			assert.Equal(t, tt.detail, apiErr.AccessDeniedDetail != nil)
			if tt.detail {
				assert.Equal(t, "ImplicitDeny", apiErr.AccessDeniedDetail.NoPermissionType)
				assert.True(t, ram.IsPermission(err))
			}
			if tt.name == "truncated JSON" {
				assert.Equal(t, `{"Code":"Throttling.User","Mess`, apiErr.Excerpt)
			}
		})
	}
}

func TestCancelWhileReadingTheBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"RequestId":"r",`))
		http.NewResponseController(w).Flush()
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	c, err := ram.NewClient(ram.WithEndpoint(srv.URL), ram.WithAccessKey("id", "secret"))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.GetAccountSecurityPracticeReport(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), time.Second)
}

func TestEachFieldCanBeMissing(t *testing.T) {
	example := readExample(t)
	for _, f := range ram.Fields() {
		t.Run(f.Name(), func(t *testing.T) {
			var doc map[string]any
			require.NoError(t, json.Unmarshal(example, &doc))
			info := doc["AccountSecurityPracticeInfo"].(map[string]any)
			if f == ram.FieldScore {
				delete(info, "Score")
			} else {
				delete(info["AccountSecurityPracticeUserInfo"].(map[string]any), f.Name())
			}
			body, err := json.Marshal(doc)
			require.NoError(t, err)

			var rep ram.Report
			require.NoError(t, json.Unmarshal(body, &rep))
			assert.Equal(t, []ram.Field{f}, rep.Missing())
			assert.False(t, rep.Has(f))

			// SetMissing on a full report zeroes exactly that field.
			full := ram.Report{RequestID: "r", AccountSecurityPracticeInfo: ram.PracticeInfo{Score: 1, UserInfo: ram.UserInfo{
				UnusedAkNum: 1, SubUserWithUnusedAccessKey: 1, RootWithAccessKey: 1, SubUser: 1, BindMFA: true,
				OldAkNum: 1, SubUserPwdLevel: "mid", SubUserWithOldAccessKey: 1, SubUserBindMFA: 1}}}
			full.SetMissing(f)
			out, err := json.Marshal(full)
			require.NoError(t, err)
			var back map[string]any
			require.NoError(t, json.Unmarshal(out, &back))
			backInfo := back["AccountSecurityPracticeInfo"].(map[string]any)
			backUser := backInfo["AccountSecurityPracticeUserInfo"].(map[string]any)
			assert.Len(t, backUser, map[bool]int{true: 9, false: 8}[f == ram.FieldScore])
			var zeroed int
			for _, v := range []any{full.AccountSecurityPracticeInfo.Score, full.AccountSecurityPracticeInfo.UserInfo.UnusedAkNum,
				full.AccountSecurityPracticeInfo.UserInfo.SubUserWithUnusedAccessKey, full.AccountSecurityPracticeInfo.UserInfo.RootWithAccessKey,
				full.AccountSecurityPracticeInfo.UserInfo.SubUser, full.AccountSecurityPracticeInfo.UserInfo.BindMFA,
				full.AccountSecurityPracticeInfo.UserInfo.OldAkNum, full.AccountSecurityPracticeInfo.UserInfo.SubUserPwdLevel,
				full.AccountSecurityPracticeInfo.UserInfo.SubUserWithOldAccessKey, full.AccountSecurityPracticeInfo.UserInfo.SubUserBindMFA} {
				switch x := v.(type) {
				case int:
					if x == 0 {
						zeroed++
					}
				case bool:
					if !x {
						zeroed++
					}
				case ram.PasswordLevel:
					if x == "" {
						zeroed++
					}
				}
			}
			assert.Equal(t, 1, zeroed, "exactly one value zeroed")
			var again ram.Report
			require.NoError(t, json.Unmarshal(out, &again))
			assert.Equal(t, []ram.Field{f}, again.Missing())
		})
	}
}
