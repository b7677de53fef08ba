package ram

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/aliyun/credentials-go/credentials"
)

// The API this client calls.
const (
	// Action is the API action name.
	Action = "GetAccountSecurityPracticeReport"
	// APIVersion is the IMS API version.
	APIVersion = "2019-08-15"
)

// DefaultMaxResponseBytes is the default cap on a response body.
const DefaultMaxResponseBytes = 1 << 20

// drainLimit bounds what is read past the end of a body to reuse the
// connection.
const drainLimit = 4 << 10

// Client calls the IMS API. Build it once with NewClient and share it: it is
// safe for concurrent use and keeps its connections alive between calls.
type Client struct {
	transport      Transport // nil: the client's own transport below
	url            string
	requests       *requestBuilder
	hc             *http.Client
	creds          credentialSource
	maxBody        int64
	attemptTimeout time.Duration
	retry          RetryPolicy
	budget         *tokenBucket
	logger         *slog.Logger
	now            func() time.Time
	nonce          func() string
	clockOffset    *atomic.Int64 // learned server time minus local time, in ns
}

// NewClient returns a Client. Without a credential option it reads the
// default credential chain of credentials-go (environment variables, OIDC,
// the profile files, the ECS RAM role) at each call.
func NewClient(opts ...Option) (*Client, error) {
	s := settings{
		endpoint:  DefaultEndpoint,
		timeouts:  defaultTimeouts,
		userAgent: defaultUserAgent,
		maxBody:   DefaultMaxResponseBytes,
		retry:     DefaultRetryPolicy(),
		budget:    DefaultRetryBudget(),
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&s); err != nil {
			return nil, fmt.Errorf("ram: %w", err)
		}
	}
	u, err := parseEndpoint(s.endpoint)
	if err != nil {
		return nil, fmt.Errorf("ram: %w", err)
	}
	c := &Client{
		transport:      s.transport,
		url:            u.String(),
		creds:          s.creds,
		maxBody:        s.maxBody,
		attemptTimeout: s.timeouts.Attempt,
		retry:          s.retry.withDefaults(),
		budget:         newTokenBucket(s.budget),
		logger:         s.logger,
		now:            time.Now,
		nonce:          newNonce,
		clockOffset:    new(atomic.Int64),
	}
	switch {
	case s.transport != nil && (s.endpointSet || s.creds != nil || s.httpClient != nil || s.transportTimeouts ||
		len(s.middleware) > 0 || s.userAgent != defaultUserAgent || s.maxBody != DefaultMaxResponseBytes):
		return nil, errors.New("ram: WithTransport replaces the client's own transport, which WithEndpoint, the credential options, WithHTTPClient, WithMiddleware, WithUserAgent, WithMaxResponseBytes and the connection timeouts configure; configure the given Transport instead")
	case s.transport != nil:
		return c, nil
	}
	if c.requests, err = newRequestBuilder(u, s.userAgent); err != nil {
		return nil, fmt.Errorf("ram: %w", err)
	}
	switch {
	case s.httpClient != nil && s.transportTimeouts:
		return nil, errors.New("ram: WithTimeouts sets Connect, TLSHandshake or ResponseHeader, which apply to the client's own transport only; set them on the *http.Client given to WithHTTPClient")
	case s.httpClient != nil:
		hc := *s.httpClient
		hc.CheckRedirect = refuseRedirect
		c.hc = &hc
	default:
		c.hc = newHTTPClient(s.timeouts)
	}
	for i := len(s.middleware) - 1; i >= 0; i-- {
		rt := c.hc.Transport
		if rt == nil {
			rt = http.DefaultTransport
		}
		c.hc.Transport = s.middleware[i](rt)
	}
	if c.creds == nil {
		cred, err := credentials.NewCredential(nil)
		if err != nil {
			return nil, fmt.Errorf("ram: default credential chain: %w", err)
		}
		c.creds = &chainSource{cred: cred, defaultChain: true}
	}
	return c, nil
}

// String describes the client by its endpoint; it never prints credentials.
func (c Client) String() string {
	if c.transport != nil {
		return fmt.Sprintf("ram.Client{transport: %T}", c.transport)
	}
	return "ram.Client{endpoint: " + c.url + "}"
}

// Format prints the same as String for every verb, so that no verb walks
// into the client's fields.
func (c Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// CloseIdleConnections closes the connections the client keeps alive for
// later calls; calls made afterwards open new ones. With WithTransport it
// asks the Transport to, if it has a CloseIdleConnections method.
func (c *Client) CloseIdleConnections() {
	if c.hc != nil {
		c.hc.CloseIdleConnections()
	}
	if t, ok := c.transport.(interface{ CloseIdleConnections() }); ok {
		t.CloseIdleConnections()
	}
}
