package ram

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/aliyun/credentials-go/credentials"
)

// Option configures a Client at NewClient. An option with a bad value makes
// NewClient fail with an error that says why.
type Option func(*settings) error

// settings collects the options before NewClient builds the Client.
type settings struct {
	endpoint    string
	endpointSet bool
	transport   Transport
	creds       credentialSource
	httpClient  *http.Client
	timeouts    Timeouts
	// transportTimeouts records that WithTimeouts set a timeout of the
	// client's own transport.
	transportTimeouts bool
	userAgent         string
	maxBody           int64
	retry             RetryPolicy
	budget            RetryBudget
	logger            *slog.Logger
	middleware        []func(http.RoundTripper) http.RoundTripper
}

// WithAccessKey signs requests with a static AccessKey pair.
func WithAccessKey(accessKeyID, accessKeySecret string) Option {
	return func(s *settings) error {
		if accessKeyID == "" || accessKeySecret == "" {
			return errors.New("WithAccessKey: AccessKey ID and secret must not be empty")
		}
		s.creds = staticSource{key: &accessKey{id: accessKeyID, secret: accessKeySecret}}
		return nil
	}
}

// WithSTSToken signs requests with temporary STS credentials.
func WithSTSToken(accessKeyID, accessKeySecret, securityToken string) Option {
	return func(s *settings) error {
		if accessKeyID == "" || accessKeySecret == "" || securityToken == "" {
			return errors.New("WithSTSToken: AccessKey ID, secret and security token must not be empty")
		}
		s.creds = staticSource{key: &accessKey{id: accessKeyID, secret: accessKeySecret, token: securityToken}}
		return nil
	}
}

// WithCredential takes credentials from any credentials-go Credential (a RAM
// role, OIDC, a profile, ...). It is asked before every attempt, so rotating
// credentials are picked up.
func WithCredential(cred credentials.Credential) Option {
	return func(s *settings) error {
		if cred == nil {
			return errors.New("WithCredential: credential is nil")
		}
		s.creds = &chainSource{cred: cred}
		return nil
	}
}

// WithEndpoint sends requests to another endpoint than DefaultEndpoint: a
// host, host:port or URL. Plain http:// is accepted only for loopback hosts,
// such as a ramtest server.
func WithEndpoint(endpoint string) Option {
	return func(s *settings) error {
		s.endpoint, s.endpointSet = endpoint, true
		return nil
	}
}

// WithTransport sends each attempt through t instead of the client's own
// signed net/http transport; retries, timeouts per attempt and logging
// still apply. Package openapi provides a Transport over the official
// OpenAPI client. The options that configure the client's own transport
// (WithEndpoint, credentials, WithHTTPClient, WithMiddleware, connection
// timeouts) cannot be combined with it.
func WithTransport(t Transport) Option {
	return func(s *settings) error {
		if t == nil {
			return errors.New("WithTransport: transport is nil")
		}
		s.transport = t
		return nil
	}
}

// WithHTTPClient sends requests with hc instead of the client's own tuned
// *http.Client. The Client uses a copy of hc that never follows redirects,
// so that credentials are never sent to another host.
func WithHTTPClient(hc *http.Client) Option {
	return func(s *settings) error {
		if hc == nil {
			return errors.New("WithHTTPClient: client is nil")
		}
		s.httpClient = hc
		return nil
	}
}

// WithTimeouts changes the timeouts. Zero fields keep their defaults (see
// Timeouts). Connect, TLSHandshake and ResponseHeader apply to the client's
// own transport, and cannot be combined with WithHTTPClient.
func WithTimeouts(t Timeouts) Option {
	return func(s *settings) error {
		if t.Connect < 0 || t.TLSHandshake < 0 || t.ResponseHeader < 0 || t.Attempt < 0 {
			return errors.New("WithTimeouts: timeouts must not be negative")
		}
		s.timeouts = t.withDefaults(s.timeouts)
		s.transportTimeouts = s.transportTimeouts || t.setsTransportTimeouts()
		return nil
	}
}

// WithUserAgent appends a product token, such as "my-scanner/1.2", to the
// User-Agent header.
func WithUserAgent(product string) Option {
	return func(s *settings) error {
		if strings.ContainsFunc(product, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return errors.New("WithUserAgent: product must not contain control characters")
		}
		if product != "" {
			s.userAgent += " " + product
		}
		return nil
	}
}

// maxResponseCap is the largest cap WithMaxResponseBytes takes (1 GiB).
const maxResponseCap = 1 << 30

// WithMaxResponseBytes caps the size of a response body the client reads
// (default 1 MiB); a larger body fails the call.
func WithMaxResponseBytes(n int64) Option {
	return func(s *settings) error {
		if n <= 0 || n > maxResponseCap {
			return fmt.Errorf("WithMaxResponseBytes: %d is not a size between 1 and %d", n, int64(maxResponseCap))
		}
		s.maxBody = n
		return nil
	}
}

// WithRetryPolicy replaces the default retry policy; zero fields take the
// defaults of DefaultRetryPolicy. Use NoRetry() to turn retries off.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(s *settings) error {
		s.retry = p
		return nil
	}
}

// WithRetryBudget replaces the default client-wide retry budget.
func WithRetryBudget(b RetryBudget) Option {
	return func(s *settings) error {
		if err := b.validate(); err != nil {
			return err
		}
		s.budget = b
		return nil
	}
}

// WithLogger logs every attempt at debug level: action, attempt, HTTP
// status, error code, request ID, duration and the wait before a retry.
// Credentials are never logged.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error {
		s.logger = l
		return nil
	}
}

// WithMiddleware wraps the client's http.RoundTripper, so that each attempt
// passes through mw: for tracing, metrics or extra logging. Several
// middlewares wrap in the order given, the first outermost. As the
// http.RoundTripper contract says, a middleware must not modify the request
// it is given (requests share their URL and header values): clone it first.
func WithMiddleware(mw func(http.RoundTripper) http.RoundTripper) Option {
	return func(s *settings) error {
		if mw == nil {
			return errors.New("WithMiddleware: middleware is nil")
		}
		s.middleware = append(s.middleware, mw)
		return nil
	}
}
