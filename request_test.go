package ram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
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
