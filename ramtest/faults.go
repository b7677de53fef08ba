package ramtest

import (
	"net/http"
	"time"
)

// Fault is what the server does instead of answering with the report. The
// fields combine: Delay comes first, then the connection is reset, cut
// short or redirected if asked, else the error answer is sent. A Fault with
// only Delay answers with the report, late.
type Fault struct {
	// Code is the error code, such as "Throttling.User".
	Code string
	// Status is the HTTP status; zero takes the status the real service
	// uses for Code (400 for an unknown code).
	Status int
	// Message is the error message; empty takes the service's usual one.
	Message string
	// RetryAfter, when positive, is sent as x-acs-retry-after in
	// milliseconds.
	RetryAfter time.Duration
	// RetryAfterHeader, when set, is sent as the standard Retry-After
	// header as it is (seconds or an HTTP date).
	RetryAfterHeader string
	// Body, when not nil, is sent as it is instead of a JSON error body,
	// with ContentType (default text/html): a proxy's error page, a body
	// that is not JSON, an oversized body.
	Body        []byte
	ContentType string

	// Delay holds the answer back this long, or until the client gives up.
	Delay time.Duration
	// Reset drops the connection with a TCP reset instead of answering.
	Reset bool
	// Truncate sends the headers of a successful answer and half of the
	// report, then drops the connection.
	Truncate bool
	// Redirect answers with a redirect to this location (status 302 unless
	// Status says otherwise).
	Redirect string
}

// onlyDelay reports whether f only holds the answer back.
func (f Fault) onlyDelay() bool {
	return f.Code == "" && f.Status == 0 && f.Body == nil && !f.Reset && !f.Truncate && f.Redirect == ""
}

// knownCodes gives the HTTP status and message of the error codes this API
// answers with.
var knownCodes = map[string]struct {
	status  int
	message string
}{
	"Throttling":                                 {http.StatusBadRequest, "Request was denied due to request throttling."},
	"Throttling.User":                            {http.StatusBadRequest, "Request was denied due to user flow control."},
	"Throttling.Api":                             {http.StatusBadRequest, "Request was denied due to api flow control."},
	"ServiceUnavailable":                         {http.StatusServiceUnavailable, "The request has failed due to a temporary failure of the server."},
	"InternalError":                              {http.StatusInternalServerError, "The request processing has failed due to some unknown error."},
	"InvalidAccessKeyId.NotFound":                {http.StatusNotFound, "Specified access key is not found."},
	"InvalidAccessKeyId.Inactive":                {http.StatusBadRequest, "Specified access key is disabled."},
	"SignatureDoesNotMatch":                      {http.StatusForbidden, "Specified signature does not match our calculation."},
	"SignatureNonceUsed":                         {http.StatusBadRequest, "Specified signature nonce was used already."},
	"InvalidTimeStamp.Expired":                   {http.StatusBadRequest, "Specified time stamp or date value is expired."},
	"InvalidTimeStamp.Format":                    {http.StatusBadRequest, "Specified time stamp or date value is not well formatted."},
	"IncompleteSignature":                        {http.StatusBadRequest, "The request signature does not conform to Aliyun standards."},
	"InvalidSecurityToken.MismatchWithAccessKey": {http.StatusBadRequest, "Specified security token does not match the access key."},
	"Forbidden.RAM":                              {http.StatusForbidden, "User not authorized to operate on the specified resource, or this API doesn't support RAM."},
	"NoPermission":                               {http.StatusForbidden, "You are not authorized to do this action."},
	"InvalidAction.NotFound":                     {http.StatusNotFound, "Specified api is not found, please check your url and method."},
	"InvalidVersion":                             {http.StatusBadRequest, "Specified parameter Version is not valid."},
}

// resolved fills the status and message of f from the known codes.
func (f Fault) resolved() Fault {
	known, ok := knownCodes[f.Code]
	switch {
	case f.Status != 0:
	case f.Redirect != "":
		f.Status = http.StatusFound
	case ok:
		f.Status = known.status
	default:
		f.Status = http.StatusBadRequest
	}
	if f.Message == "" && ok {
		f.Message = known.message
	}
	return f
}
