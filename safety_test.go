package ram_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/credentials-go/credentials"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

const (
	leakSecret = "SECRET-must-never-print-7c1f"
	leakToken  = "TOKEN-must-never-print-93ab"
)

// TestSecretsNeverPrinted gathers every error and printed form the
// scenarios produce and requires that none holds the secret or the token.
func TestSecretsNeverPrinted(t *testing.T) {
	srv := startFake(t, ramtest.WithSTSToken("STS.leak", leakSecret, leakToken), ramtest.WithAccessKey("LTAIleak", leakSecret))
	var texts []string
	add := func(vs ...any) {
		for _, v := range vs {
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
				texts = append(texts, fmt.Sprintf(verb, v))
			}
		}
	}

	staticOpt := ram.WithAccessKey("LTAIleak", leakSecret)
	stsOpt := ram.WithSTSToken("STS.leak", leakSecret, leakToken)
	add(staticOpt, stsOpt)

	for _, opt := range []ram.Option{staticOpt, stsOpt} {
		c := fakeClient(t, srv, opt, ram.WithRetryPolicy(ram.NoRetry()))
		add(c, *c)

		// Errors of every kind: refused signature or key, throttling,
		// an HTML body, a bad report, a transport failure, cancellation.
		srv.FailNext(1, ramtest.Fault{Code: "Throttling.User"})
		srv.FailNext(1, ramtest.Fault{Status: 502, Body: []byte("<html>proxy</html>")})
		for range 2 {
			_, err := c.GetAccountSecurityPracticeReport(testContext(t))
			require.Error(t, err)
			add(err)
		}
		srv.SetReportBody([]byte(`{"RequestId":`))
		_, err := c.GetAccountSecurityPracticeReport(testContext(t))
		require.Error(t, err)
		add(err)
		srv.SetReport(ramtest.ExampleReport())

		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err = c.GetAccountSecurityPracticeReport(ctx)
		add(err)
	}
	wrong := fakeClient(t, srv, ram.WithSTSToken("STS.leak", leakSecret+"x", leakToken))
	_, err := wrong.GetAccountSecurityPracticeReport(testContext(t))
	require.Error(t, err)
	add(err)

	dead := startFake(t)
	deadClient := fakeClient(t, dead, stsOpt, ram.WithRetryPolicy(ram.NoRetry()))
	dead.Close()
	_, err = deadClient.GetAccountSecurityPracticeReport(testContext(t))
	require.Error(t, err)
	add(err, deadClient)

	cred, err := credentials.NewCredential(new(credentials.Config).SetType("sts").
		SetAccessKeyId("STS.leak").SetAccessKeySecret(leakSecret).SetSecurityToken(leakToken))
	require.NoError(t, err)
	credClient := fakeClient(t, srv, ram.WithCredential(cred))
	_, err = credClient.GetAccountSecurityPracticeReport(testContext(t))
	require.NoError(t, err, "credentials-go credentials sign correctly")
	add(credClient)

	_, err = ram.NewClient(ram.WithEndpoint("http://user:"+leakSecret+"@example.com"), staticOpt)
	require.Error(t, err)
	add(err)

	require.NotEmpty(t, texts)
	for _, s := range texts {
		assert.NotContains(t, s, leakSecret)
		assert.NotContains(t, s, leakToken)
	}
}

func TestEndpoints(t *testing.T) {
	tests := []struct {
		endpoint string
		wantErr  string
	}{
		{"ims.aliyuncs.com", ""},
		{"ims.aliyuncs.com:443", ""},
		{"https://ims.aliyuncs.com", ""},
		{"https://ims.aliyuncs.com/", ""},
		{"HTTPS://ims.aliyuncs.com", ""},
		{"http://127.0.0.1:8080", ""},
		{"http://[::1]:8080", ""},
		{"http://localhost:8080", ""},
		{"127.0.0.1:8080", ""},
		{"http://ims.aliyuncs.com", "plain http is allowed only for loopback hosts"},
		{"http://10.0.0.1:8080", "plain http is allowed only for loopback hosts"},
		{"http://127.0.0.1.example.com", "plain http is allowed only for loopback hosts"},
		{"ftp://ims.aliyuncs.com", "scheme must be https"},
		{"", "endpoint is empty"},
		{"https://", "has no host"},
		{"https://ims.aliyuncs.com/v1", "must be a bare host"},
		{"https://ims.aliyuncs.com/?a=b", "must be a bare host"},
		{"https://u:p@ims.aliyuncs.com", "must not carry user information"},
		{"https://ims aliyuncs.com", "not a host or URL"},
		{"https://bücher.example", "ASCII (punycode)"},
		{"http://[fe80::1%25eth0]:8080", "without an IPv6 zone"},
	}
	for _, tt := range tests {
		t.Run(tt.endpoint, func(t *testing.T) {
			c, err := ram.NewClient(ram.WithEndpoint(tt.endpoint), ram.WithAccessKey("id", "secret"))
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.NotNil(t, c)
				return
			}
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.True(t, strings.HasPrefix(err.Error(), "ram: "))
		})
	}
}

func TestDefaultEndpointIsGlobalHTTPS(t *testing.T) {
	var seen *http.Request
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen = r
		return nil, fmt.Errorf("stop here")
	})}
	c, err := ram.NewClient(ram.WithAccessKey("id", "secret"), ram.WithHTTPClient(hc))
	require.NoError(t, err)
	_, err = c.GetAccountSecurityPracticeReport(testContext(t))
	require.Error(t, err)
	require.NotNil(t, seen)
	assert.Equal(t, "https://ims.aliyuncs.com/", seen.URL.String())
	assert.Equal(t, "ims.aliyuncs.com", seen.Host)
	assert.Contains(t, fmt.Sprint(c), "https://ims.aliyuncs.com")
}

func TestOptionErrors(t *testing.T) {
	tests := []struct {
		name    string
		opts    []ram.Option
		wantErr string
	}{
		{"empty key", []ram.Option{ram.WithAccessKey("", "s")}, "must not be empty"},
		{"empty token", []ram.Option{ram.WithSTSToken("i", "s", "")}, "must not be empty"},
		{"nil credential", []ram.Option{ram.WithCredential(nil)}, "credential is nil"},
		{"nil http client", []ram.Option{ram.WithHTTPClient(nil)}, "client is nil"},
		{"negative timeout", []ram.Option{ram.WithTimeouts(ram.Timeouts{Connect: -1})}, "must not be negative"},
		{"bad body cap", []ram.Option{ram.WithMaxResponseBytes(0)}, "not a size between"},
		{"transport timeouts with own client", []ram.Option{ram.WithAccessKey("i", "s"), ram.WithHTTPClient(&http.Client{}),
			ram.WithTimeouts(ram.Timeouts{Connect: 1})}, "apply to the client's own transport only"},
		{"default-valued transport timeout with own client", []ram.Option{ram.WithAccessKey("i", "s"),
			ram.WithTimeouts(ram.Timeouts{Connect: 5 * time.Second}), ram.WithHTTPClient(&http.Client{})}, "apply to the client's own transport only"},
		{"user agent with a newline", []ram.Option{ram.WithUserAgent("x\r\nInjected: 1")}, "control characters"},
		{"nil middleware", []ram.Option{ram.WithMiddleware(nil)}, "middleware is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ram.NewClient(tt.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
	_, err := ram.NewClient(ram.WithAccessKey("i", "s"), ram.WithHTTPClient(&http.Client{}),
		ram.WithTimeouts(ram.Timeouts{Attempt: 1}))
	assert.NoError(t, err, "the attempt timeout works with any *http.Client")
}
