package ramtest

import (
	"net/http"
	"time"
)

// Fault is an error answer the server gives instead of the report.
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
	// Body, when set, is sent as it is instead of a JSON error body, with
	// ContentType (default text/html): a proxy's error page, say.
	Body        []byte
	ContentType string
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
	if f.Status == 0 {
		f.Status = http.StatusBadRequest
		if ok {
			f.Status = known.status
		}
	}
	if f.Message == "" && ok {
		f.Message = known.message
	}
	return f
}
