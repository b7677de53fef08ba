package ram

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// APIError is an error answer of the service: a non-2xx HTTP status, with
// the fields of the service's JSON error body when it sent one.
//
// Find it in any error this package returns with errors.As.
type APIError struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Code is the service's error code, such as "Throttling.User"; it is
	// empty when the body was not an API error (an HTML page from a proxy).
	Code string
	// Message is the service's description of the error.
	Message string
	// RequestID identifies the request on the service side.
	RequestID string
	// HostID is the host that answered, such as "ims.aliyuncs.com".
	HostID string
	// Recommend is the service's link to diagnosis of the error.
	Recommend string
	// AccessDeniedDetail explains a permission error; nil when the service
	// sent none.
	AccessDeniedDetail *AccessDeniedDetail
	// Excerpt is the start of a body that was not an API error, with
	// control characters removed; empty otherwise.
	Excerpt string
	// RetryAfter is the wait the service asked for before another attempt
	// (x-acs-retry-after or Retry-After); zero when it asked for none.
	RetryAfter time.Duration
}

// AccessDeniedDetail is the service's explanation of a permission error.
type AccessDeniedDetail struct {
	AuthAction               string `json:"AuthAction"`
	AuthPrincipalType        string `json:"AuthPrincipalType"`
	AuthPrincipalOwnerID     string `json:"AuthPrincipalOwnerId"`
	AuthPrincipalDisplayName string `json:"AuthPrincipalDisplayName"`
	PolicyType               string `json:"PolicyType"`
	NoPermissionType         string `json:"NoPermissionType"`
	EncodedDiagnosticMessage string `json:"EncodedDiagnosticMessage"`
}

// Error describes the error with its status, code and request ID.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.Code != "" {
		b.WriteString(" ")
		b.WriteString(e.Code)
	}
	switch {
	case e.Message != "":
		b.WriteString(": ")
		b.WriteString(e.Message)
	case e.Excerpt != "":
		b.WriteString(": body is not an API error: ")
		b.WriteString(strconv.Quote(e.Excerpt))
	}
	if e.RequestID != "" {
		b.WriteString(" (RequestId: ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	return b.String()
}

// maxExcerpt bounds the part of an unexpected body kept in an error, and
// maxMessage the service's message.
const (
	maxExcerpt = 256
	maxMessage = 1024
)

// requestIDHeader carries the request ID on every answer of the service.
const requestIDHeader = "X-Acs-Request-Id"

// NewAPIError builds the error for a non-2xx response from its status,
// headers and body, as the client's own transport does; a Transport of
// another kind can use it so that its errors classify the same. Whatever
// fields the body has are kept; a body that is not a JSON object is kept as
// an excerpt; a 3xx names its location. Text from the service is cleaned of
// control characters and bounded.
func NewAPIError(status int, header http.Header, body []byte) *APIError {
	var w struct {
		RequestID          string          `json:"RequestId"`
		HostID             string          `json:"HostId"`
		Code               string          `json:"Code"`
		Message            string          `json:"Message"`
		Recommend          string          `json:"Recommend"`
		AccessDeniedDetail json.RawMessage `json:"AccessDeniedDetail"`
	}
	e := &APIError{StatusCode: status}
	if status >= 300 && status < 400 {
		e.Message = "redirect to " + strconv.Quote(printable(header.Get("Location"), maxMessage)) + " not followed"
	} else if json.Unmarshal(body, &w) == nil && (w.Code != "" || w.Message != "" || w.RequestID != "") {
		e.Code = printable(w.Code, maxExcerpt)
		e.Message = printable(w.Message, maxMessage)
		e.RequestID = printable(w.RequestID, maxExcerpt)
		e.HostID = printable(w.HostID, maxExcerpt)
		e.Recommend = printable(w.Recommend, maxMessage)
		var detail AccessDeniedDetail
		if len(w.AccessDeniedDetail) > 0 && json.Unmarshal(w.AccessDeniedDetail, &detail) == nil && detail != (AccessDeniedDetail{}) {
			e.AccessDeniedDetail = &detail
		}
	} else {
		e.Excerpt = excerpt(body)
	}
	if e.Message == "" && e.Excerpt == "" {
		e.Message = http.StatusText(status)
	}
	if e.RequestID == "" {
		e.RequestID = printable(header.Get(requestIDHeader), maxExcerpt)
	}
	// An HTTP-date Retry-After is measured against the service's clock.
	now, err := http.ParseTime(header.Get("Date"))
	if err != nil {
		now = time.Now()
	}
	if d, ok := retryAfter(header, now); ok {
		e.RetryAfter = d
	}
	return e
}

// excerpt returns the start of body as printable text.
func excerpt(body []byte) string {
	if len(body) > maxExcerpt {
		body = body[:maxExcerpt]
	}
	return printable(string(body), maxExcerpt)
}

// printable returns s without invalid UTF-8 and control characters
// (newlines and tabs become spaces), trimmed and cut to at most max bytes.
func printable(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case r < ' ' || r == utf8.RuneError || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return -1
		}
		return r
	}, s)
	if len(s) > max {
		s = strings.ToValidUTF8(s[:max], "")
	}
	return strings.TrimSpace(s)
}

// IsThrottling reports whether err is a throttling answer of the service
// (a Throttling code or HTTP 429): the call may succeed later.
func IsThrottling(err error) bool {
	e, ok := asAPIError(err)
	return ok && (e.StatusCode == http.StatusTooManyRequests || e.Code == "Throttling" ||
		strings.HasPrefix(e.Code, "Throttling."))
}

// IsAuthentication reports whether the service refused the credentials or
// the signature: an unknown or disabled AccessKey, a bad STS token, a
// signature or timestamp error. Retrying with the same credentials fails
// again (a clock skew aside).
func IsAuthentication(err error) bool {
	e, ok := asAPIError(err)
	if !ok {
		return false
	}
	switch {
	case e.StatusCode == http.StatusUnauthorized,
		strings.HasPrefix(e.Code, "InvalidAccessKeyId"),
		strings.HasPrefix(e.Code, "InvalidSecurityToken"),
		strings.HasPrefix(e.Code, "InvalidTimeStamp"),
		strings.HasPrefix(e.Code, "Signature"),
		e.Code == "IncompleteSignature":
		return true
	}
	return false
}

// IsPermission reports whether the caller is authenticated but not allowed
// to call the API (Forbidden.RAM, NoPermission and the like): grant
// ram:GetAccountSecurityPracticeReport on "*".
func IsPermission(err error) bool {
	e, ok := asAPIError(err)
	if !ok || IsAuthentication(err) {
		return false
	}
	return e.AccessDeniedDetail != nil || e.Code == "NoPermission" ||
		strings.HasPrefix(e.Code, "Forbidden") || strings.HasPrefix(e.Code, "NoPermission.")
}

// IsServerError reports whether the service failed on its side (HTTP 5xx,
// InternalError, ServiceUnavailable): the call may succeed later.
func IsServerError(err error) bool {
	e, ok := asAPIError(err)
	return ok && (e.StatusCode >= 500 || e.Code == "InternalError" || e.Code == "ServiceUnavailable")
}

func asAPIError(err error) (*APIError, bool) {
	var e *APIError
	ok := errors.As(err, &e)
	return e, ok
}

// ResponseError reports an answer that could not be read or is not a valid
// report: a truncated or oversized body, non-JSON, a missing or mistyped
// field.
type ResponseError struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// RequestID is the x-acs-request-id of the response, when it had one.
	RequestID string
	// Excerpt is the start of the body, with control characters removed.
	Excerpt string
	// Err says what is wrong.
	Err error
}

// Error describes the problem with the status and request ID.
func (e *ResponseError) Error() string {
	s := "HTTP " + strconv.Itoa(e.StatusCode)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	if e.Excerpt != "" {
		s += ": body starts " + strconv.Quote(e.Excerpt)
	}
	if e.RequestID != "" {
		s += " (RequestId: " + e.RequestID + ")"
	}
	return s
}

// Unwrap returns the underlying problem.
func (e *ResponseError) Unwrap() error { return e.Err }
