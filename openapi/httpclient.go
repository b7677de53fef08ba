package openapi

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
)

// maxBody caps a response body, as the client's own transport does by
// default.
const maxBody = 1 << 20

// exchange is what one call's HTTP response was, kept for the conversion
// of its outcome; the official client hides the status and headers of an
// error, and re-encodes the body.
type exchange struct {
	status int
	header http.Header
	body   []byte
	err    error // the body could not be read, or was too large
}

// exchangeKey carries the *exchange of a call in its context.
type exchangeKey struct{}

// httpClient is the official client's HTTP client: it never follows a
// redirect (the official default would send the credentials along), keeps
// TLS 1.2 at least, caps the body, and records each exchange.
type httpClient struct {
	once sync.Once
	hc   *http.Client
}

// Call sends one request; the first call's transport, which carries the
// configuration's proxy and TLS settings, serves every later call.
func (c *httpClient) Call(req *http.Request, tr *http.Transport) (*http.Response, error) {
	c.once.Do(func() {
		if tr == nil {
			tr = http.DefaultTransport.(*http.Transport)
		}
		tr = tr.Clone()
		if tr.TLSClientConfig == nil {
			tr.TLSClientConfig = &tls.Config{}
		}
		tr.TLSClientConfig.MinVersion = max(tr.TLSClientConfig.MinVersion, tls.VersionTLS12)
		c.hc = &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}}
	})
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	ex, _ := req.Context().Value(exchangeKey{}).(*exchange)
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	_ = resp.Body.Close()
	if err == nil && len(body) > maxBody {
		err = fmt.Errorf("body exceeds the %d-byte limit", maxBody)
	}
	if ex != nil {
		ex.status, ex.header, ex.body, ex.err = resp.StatusCode, resp.Header, body, err
	}
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// CloseIdleConnections closes the kept-alive connections.
func (c *httpClient) CloseIdleConnections() {
	if c.hc != nil {
		c.hc.CloseIdleConnections()
	}
}

// errNoExchange marks a call that failed before any response arrived.
var errNoExchange = errors.New("no response")
