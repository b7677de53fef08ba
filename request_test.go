package ram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type captureTransport struct{ req *http.Request }

func (c *captureTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.req = r
	return nil, errors.New("captured")
}

// TestClientSignsTheRegressionVector runs a whole call with the clock and
// nonce of the "ims-get-account-security-practice-report" vector and
// requires the vector's signature in the Authorization header.
func TestClientSignsTheRegressionVectors(t *testing.T) {
	v := loadSignatureVectors(t)
	signatures := map[string]string{}
	for _, vec := range v.Vectors {
		signatures[vec.Name] = vec.Signature
	}
	tests := []struct {
		vector string
		opt    Option
		signed string
	}{
		{"ims-get-account-security-practice-report", WithAccessKey("YourAccessKeyId", "YourAccessKeySecret"),
			"host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"},
		{"ims-with-sts-token", WithSTSToken("YourAccessKeyId", "YourAccessKeySecret", "YourSecurityToken"),
			"host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version"},
	}
	for _, tt := range tests {
		t.Run(tt.vector, func(t *testing.T) {
			want := signatures[tt.vector]
			require.NotEmpty(t, want)
			capture := &captureTransport{}
			c, err := NewClient(tt.opt, WithHTTPClient(&http.Client{Transport: capture}), WithRetryPolicy(NoRetry()))
			require.NoError(t, err)
			c.now = func() time.Time { return time.Date(2023, 10, 26, 18, 22, 32, 0, time.FixedZone("CST", 8*3600)) }
			c.nonce = func() string { return "3156853299f313e23d1673dc12e1703d" }

			_, err = c.GetAccountSecurityPracticeReport(context.Background())
			require.Error(t, err)
			require.NotNil(t, capture.req)
			h := capture.req.Header
			assert.Equal(t, "2023-10-26T10:22:32Z", h.Get("x-acs-date"), "the date is sent in UTC")
			assert.Equal(t, "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders="+tt.signed+",Signature="+want,
				h.Get("Authorization"))
		})
	}
}

func TestAccessKeyNeverPrintsSecrets(t *testing.T) {
	k := accessKey{id: "id", secret: "the-secret", token: "the-token"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d"} {
		for _, v := range []any{k, &k} {
			s := fmt.Sprintf(verb, v)
			assert.Contains(t, s, "id")
			assert.NotContains(t, s, "the-secret")
			assert.NotContains(t, s, "the-token")
		}
	}
}

// TestBuilderAgreesWithCanonicalRequest requires the client's fast signer
// and the pure signing functions to give the same Authorization for the
// same request.
func TestBuilderAgreesWithCanonicalRequest(t *testing.T) {
	keys := []accessKey{
		{id: "LTAI1", secret: "s1"},
		{id: "STS.2", secret: "s2", token: "tok/with+odd=chars"},
		{id: " spaced ", secret: "s3", token: " padded token "},
	}
	for _, host := range []string{"https://ims.aliyuncs.com/", "http://127.0.0.1:8080/", "http://[::1]:9/"} {
		u, err := url.Parse(host)
		require.NoError(t, err)
		rb, err := newRequestBuilder(u, "ua")
		require.NoError(t, err)
		for _, key := range keys {
			now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
			req := rb.build(context.Background(), key, now, "nonce-1")

			signed := http.Header{"Host": {req.Host}}
			for name, vs := range req.Header {
				if strings.HasPrefix(strings.ToLower(name), "x-acs-") {
					signed[name] = vs
				}
			}
			canonical, names := CanonicalRequest(http.MethodPost, "/", nil, signed, EmptyPayloadHash)
			want := Authorization(key.id, names, Signature(key.secret, StringToSign(canonical)))
			assert.Equal(t, want, req.Header.Get("Authorization"), "%s %s", host, key.id)
			assert.Equal(t, "2026-01-02T03:04:05Z", req.Header.Get("X-Acs-Date"))
		}
	}
}
