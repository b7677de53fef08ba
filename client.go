package ram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
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
	url            string
	hc             *http.Client
	creds          credentialSource
	userAgent      string
	maxBody        int64
	attemptTimeout time.Duration
	now            func() time.Time
	nonce          func() string
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
		url:            u.String(),
		creds:          s.creds,
		userAgent:      s.userAgent,
		maxBody:        s.maxBody,
		attemptTimeout: s.timeouts.Attempt,
		now:            time.Now,
		nonce:          newNonce,
	}
	switch {
	case s.httpClient != nil && s.timeouts.transportTimeoutsChanged():
		return nil, errors.New("ram: WithTimeouts sets Connect, TLSHandshake or ResponseHeader, which apply to the client's own transport only; set them on the *http.Client given to WithHTTPClient")
	case s.httpClient != nil:
		hc := *s.httpClient
		hc.CheckRedirect = refuseRedirect
		c.hc = &hc
	default:
		c.hc = newHTTPClient(s.timeouts)
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
func (c Client) String() string { return "ram.Client{endpoint: " + c.url + "}" }

// Format prints the same as String for every verb, so that no verb walks
// into the client's fields.
func (c Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// GetAccountSecurityPracticeReport returns the security report of the
// account whose credentials sign the call.
//
// A non-2xx answer is an *APIError; a body that is not a valid report, a
// transport failure or a cancelled ctx is an error that names the action.
func (c *Client) GetAccountSecurityPracticeReport(ctx context.Context) (*Report, error) {
	rep, err := c.attempt(ctx)
	if err != nil {
		return nil, fmt.Errorf("ram: %s: %w", Action, err)
	}
	return rep, nil
}

// attempt sends one signed request and reads its answer.
func (c *Client) attempt(ctx context.Context) (*Report, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	key, err := c.creds.retrieve(ctx)
	if err != nil {
		return nil, err
	}
	if c.attemptTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.attemptTimeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, http.NoBody)
	if err != nil {
		return nil, err
	}
	signRequest(req, key, c.now(), c.nonce())
	req.Header.Set("User-Agent", c.userAgent)

	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("sending request: %w", err)
	}
	body, err := readBody(resp, c.maxBody)
	if err != nil {
		return nil, err
	}
	return handleResponse(resp, body)
}

// readBody reads at most limit bytes of the body, then drains a bounded
// remainder and closes it so that the connection can be reused.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, &ResponseError{StatusCode: resp.StatusCode, RequestID: resp.Header.Get(requestIDHeader),
			Err: fmt.Errorf("reading body: %w", err)}
	}
	if int64(len(body)) > limit {
		return nil, &ResponseError{StatusCode: resp.StatusCode, RequestID: resp.Header.Get(requestIDHeader),
			Err: fmt.Errorf("body exceeds the %d-byte limit (see WithMaxResponseBytes)", limit)}
	}
	_, _ = io.CopyN(io.Discard, resp.Body, drainLimit)
	return body, nil
}

// handleResponse turns a read response into a report or an error.
func handleResponse(resp *http.Response, body []byte) (*Report, error) {
	switch code := resp.StatusCode; {
	case code >= 300 && code < 400:
		e := newAPIError(code, resp.Header, nil)
		e.Message = fmt.Sprintf("redirect to %q not followed", resp.Header.Get("Location"))
		return nil, e
	case code < 200 || code >= 300:
		return nil, newAPIError(code, resp.Header, body)
	}
	rep, err := decodeReport(body)
	if err != nil {
		return nil, &ResponseError{StatusCode: resp.StatusCode, RequestID: resp.Header.Get(requestIDHeader),
			Excerpt: excerpt(body), Err: err}
	}
	return rep, nil
}
