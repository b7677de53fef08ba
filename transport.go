package ram

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

// Transport sends one attempt of GetAccountSecurityPracticeReport and
// returns the decoded report, or the attempt's error: an *APIError for an
// error answer of the service (with its RetryAfter when the service asked
// for a wait), a *ResponseError for a body that is not a valid report. The
// Client adds retries, the per-attempt timeout and logging around it.
type Transport interface {
	GetAccountSecurityPracticeReport(ctx context.Context) (*Report, error)
}

// Timeouts bounds the stages of one attempt. A zero field means the default.
type Timeouts struct {
	// Connect bounds the TCP connection set-up. Default 5s.
	Connect time.Duration
	// TLSHandshake bounds the TLS handshake. Default 5s.
	TLSHandshake time.Duration
	// ResponseHeader bounds the wait for the response headers once the
	// request is sent. Default 20s.
	ResponseHeader time.Duration
	// Attempt bounds one whole attempt, from sending to the last byte of the
	// body. Default 30s. The caller's context bounds the whole call.
	Attempt time.Duration
}

// defaultTimeouts are the timeouts of a Client built without WithTimeouts.
var defaultTimeouts = Timeouts{
	Connect:        5 * time.Second,
	TLSHandshake:   5 * time.Second,
	ResponseHeader: 20 * time.Second,
	Attempt:        30 * time.Second,
}

// withDefaults fills the zero fields of t from d.
func (t Timeouts) withDefaults(d Timeouts) Timeouts {
	if t.Connect == 0 {
		t.Connect = d.Connect
	}
	if t.TLSHandshake == 0 {
		t.TLSHandshake = d.TLSHandshake
	}
	if t.ResponseHeader == 0 {
		t.ResponseHeader = d.ResponseHeader
	}
	if t.Attempt == 0 {
		t.Attempt = d.Attempt
	}
	return t
}

// setsTransportTimeouts reports whether t sets a timeout that only the
// client's own transport can apply.
func (t Timeouts) setsTransportTimeouts() bool {
	return t.Connect != 0 || t.TLSHandshake != 0 || t.ResponseHeader != 0
}

// newHTTPClient builds the client's own *http.Client: keep-alive with enough
// idle connections for concurrent callers, TLS 1.2 at least, bounded
// connection stages, and no redirects.
func newHTTPClient(t Timeouts) *http.Client {
	tr := &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   t.Connect,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   32,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   t.TLSHandshake,
		ResponseHeaderTimeout: t.ResponseHeader,
		ExpectContinueTimeout: time.Second,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
	}
	return &http.Client{Transport: tr, CheckRedirect: refuseRedirect}
}

// refuseRedirect makes net/http return a 3xx response as it is; the client
// turns it into an error that names the location.
func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
