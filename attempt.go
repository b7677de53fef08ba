package ram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// attemptResult is what one attempt produced.
type attemptResult struct {
	report   *Report
	err      error
	status   int         // 0 when no response arrived
	header   http.Header // nil when no response arrived
	received time.Time   // when the response headers arrived
}

// attempt sends one signed request and reads its answer.
func (c *Client) attempt(ctx context.Context) attemptResult {
	if err := ctx.Err(); err != nil {
		return attemptResult{err: err}
	}
	parent := ctx
	if c.attemptTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.attemptTimeout)
		defer cancel()
	}
	if c.transport != nil {
		rep, err := c.transport.GetAccountSecurityPracticeReport(ctx)
		res := attemptResult{report: rep}
		if err != nil {
			res.err = c.attemptError(parent, ctx, err)
			if apiErr, ok := asAPIError(err); ok {
				res.status = apiErr.StatusCode
			}
		} else if rep == nil {
			res.err = fmt.Errorf("the transport %T returned neither a report nor an error", c.transport)
		}
		return res
	}
	key, err := c.creds.retrieve(ctx)
	if err != nil {
		return attemptResult{err: err}
	}
	req := c.requests.build(ctx, key, c.signingTime(), c.nonce())
	resp, err := c.hc.Do(req)
	if err != nil {
		return attemptResult{err: redactError(c.attemptError(parent, ctx, fmt.Errorf("sending request: %w", err)), key)}
	}
	cleanRequestIDHeader(resp.Header, key)
	res := attemptResult{status: resp.StatusCode, header: resp.Header, received: c.now()}
	buf := getBuffer()
	defer putBuffer(buf)
	body, err := readBody(resp, c.maxBody, (*buf)[:0])
	*buf = body[:0]
	if err != nil {
		res.err = redactError(c.attemptError(parent, ctx, err), key)
		return res
	}
	body = redactBody(body, key)
	res.report, res.err = handleResponse(resp, body)
	res.err = redactError(res.err, key)
	return res
}

// attemptError marks err as an attempt timeout when a deadline other than
// the caller's ended it: the attempt's own (Timeouts.Attempt) or the
// transport's (the response header timeout, say).
func (c *Client) attemptError(parent, attemptCtx context.Context, err error) error {
	if parent.Err() != nil {
		return err
	}
	switch {
	case errors.Is(attemptCtx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("%w after %s: %w", ErrAttemptTimeout, c.attemptTimeout, err)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w: %w", ErrAttemptTimeout, err)
	}
	return err
}

// errorBodyLimit bounds what is read of an error answer's body; the status
// is what matters, and the body only explains it.
const errorBodyLimit = 64 << 10

// readBody reads at most limit bytes of a success body into buf, then
// drains a bounded remainder and closes it so that the connection can be
// reused. Of an error answer it reads what it can, up to errorBodyLimit.
func readBody(resp *http.Response, limit int64, buf []byte) ([]byte, error) {
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		body, _ := readAtMost(resp.Body, errorBodyLimit, buf)
		_, _ = io.CopyN(io.Discard, resp.Body, drainLimit)
		return body, nil
	}
	body, err := readAtMost(resp.Body, limit+1, buf)
	if err != nil {
		return nil, responseError(resp, fmt.Errorf("reading body: %w", err), nil)
	}
	if int64(len(body)) > limit {
		return nil, responseError(resp, fmt.Errorf("body exceeds the %d-byte limit (see WithMaxResponseBytes)", limit), nil)
	}
	_, _ = io.CopyN(io.Discard, resp.Body, drainLimit)
	return body, nil
}

// handleResponse turns a read response into a report or an error.
func handleResponse(resp *http.Response, body []byte) (*Report, error) {
	if code := resp.StatusCode; code < 200 || code >= 300 {
		return nil, NewAPIError(code, resp.Header, body)
	}
	rep, err := decodeReport(body)
	if err != nil {
		return nil, responseError(resp, err, body)
	}
	return rep, nil
}

// responseError reports what is wrong with a response, with an excerpt of
// body when there is one.
func responseError(resp *http.Response, err error, body []byte) *ResponseError {
	return &ResponseError{StatusCode: resp.StatusCode, RequestID: resp.Header.Get(requestIDHeader),
		Excerpt: excerpt(body), Err: err}
}

// readAtMost appends to buf what r yields until EOF or n bytes.
func readAtMost(r io.Reader, n int64, buf []byte) ([]byte, error) {
	for int64(len(buf)) < n {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		free := buf[len(buf):cap(buf)]
		if rest := n - int64(len(buf)); int64(len(free)) > rest {
			free = free[:rest]
		}
		m, err := r.Read(free)
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// bodyBuffers holds read buffers for response bodies; a buffer that grew
// past maxPooledBuffer is left to the garbage collector.
var bodyBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

const maxPooledBuffer = 64 << 10

func getBuffer() *[]byte { return bodyBuffers.Get().(*[]byte) }

func putBuffer(b *[]byte) {
	if cap(*b) <= maxPooledBuffer {
		bodyBuffers.Put(b)
	}
}
