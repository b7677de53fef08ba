package ram

import (
	"net/http"
	"strings"
	"time"
)

// signingTime is the local clock corrected by the offset learned from the
// service, so that a skewed local clock still signs valid requests.
func (c *Client) signingTime() time.Time {
	return c.now().Add(time.Duration(c.clockOffset.Load()))
}

// isClockSkew reports whether the service refused the request's timestamp.
func isClockSkew(err error) bool {
	e, ok := asAPIError(err)
	if !ok {
		return false
	}
	if strings.HasPrefix(e.Code, "InvalidTimeStamp") {
		return true
	}
	msg := strings.ToLower(e.Message)
	return (e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusForbidden) &&
		(strings.Contains(msg, "skew") || strings.Contains(msg, "time stamp") && strings.Contains(msg, "expired"))
}

// learnClockOffset sets the clock offset from the Date header of a response
// received at the given local time. It reports whether the header was there
// to learn from.
func (c *Client) learnClockOffset(h http.Header, received time.Time) bool {
	date, err := http.ParseTime(h.Get("Date"))
	if err != nil {
		return false
	}
	c.clockOffset.Store(int64(date.Sub(received)))
	return true
}
