package ram

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOwnTransportRefusesTLSBelow12(t *testing.T) {
	old := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	old.TLS = &tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11}
	old.StartTLS()
	t.Cleanup(old.Close)
	modern := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	t.Cleanup(modern.Close)

	for _, tt := range []struct {
		srv     *httptest.Server
		wantTLS bool
	}{{old, false}, {modern, true}} {
		c, err := NewClient(WithEndpoint(tt.srv.URL), WithAccessKey("id", "secret"), WithRetryPolicy(NoRetry()))
		require.NoError(t, err)
		tr := c.hc.Transport.(*http.Transport)
		assert.Equal(t, uint16(tls.VersionTLS12), tr.TLSClientConfig.MinVersion)
		tr.TLSClientConfig.RootCAs = tt.srv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs

		_, err = c.GetAccountSecurityPracticeReport(context.Background())
		require.Error(t, err)
		var apiErr *APIError
		if tt.wantTLS {
			require.ErrorAs(t, err, &apiErr, "TLS 1.2+ works")
			assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
		} else {
			assert.NotErrorAs(t, err, &apiErr)
			assert.Contains(t, err.Error(), "protocol version")
		}
	}
}
