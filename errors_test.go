package ram_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seed-d76936c4/ram"
)

func TestErrorClassification(t *testing.T) {
	tests := []struct {
		status                               int
		code                                 string
		detail                               bool
		throttling, auth, permission, server bool
	}{
		{400, "Throttling", false, true, false, false, false},
		{400, "Throttling.User", false, true, false, false, false},
		{400, "Throttling.Api", false, true, false, false, false},
		{429, "", false, true, false, false, false},
		{503, "ServiceUnavailable", false, false, false, false, true},
		{500, "InternalError", false, false, false, false, true},
		{502, "", false, false, false, false, true},
		{404, "InvalidAccessKeyId.NotFound", false, false, true, false, false},
		{400, "InvalidAccessKeyId.Inactive", false, false, true, false, false},
		{403, "SignatureDoesNotMatch", false, false, true, false, false},
		{400, "SignatureNonceUsed", false, false, true, false, false},
		{400, "InvalidTimeStamp.Expired", false, false, true, false, false},
		{400, "IncompleteSignature", false, false, true, false, false},
		{400, "InvalidSecurityToken.Expired", false, false, true, false, false},
		{401, "", false, false, true, false, false},
		{403, "Forbidden.RAM", false, false, false, true, false},
		{403, "NoPermission", false, false, false, true, false},
		{403, "SomethingElse", true, false, false, true, false},
		{400, "InvalidParameter", false, false, false, false, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d %s", tt.status, tt.code), func(t *testing.T) {
			e := &ram.APIError{StatusCode: tt.status, Code: tt.code}
			if tt.detail {
				e.AccessDeniedDetail = &ram.AccessDeniedDetail{AuthAction: "ram:GetAccountSecurityPracticeReport"}
			}
			err := fmt.Errorf("ram: wrapped: %w", e)
			assert.Equal(t, tt.throttling, ram.IsThrottling(err), "IsThrottling")
			assert.Equal(t, tt.auth, ram.IsAuthentication(err), "IsAuthentication")
			assert.Equal(t, tt.permission, ram.IsPermission(err), "IsPermission")
			assert.Equal(t, tt.server, ram.IsServerError(err), "IsServerError")
		})
	}
	for _, err := range []error{nil, errors.New("plain")} {
		assert.False(t, ram.IsThrottling(err) || ram.IsAuthentication(err) || ram.IsPermission(err) || ram.IsServerError(err))
	}
}

func TestAPIErrorMessage(t *testing.T) {
	e := &ram.APIError{StatusCode: 400, Code: "Throttling.User", Message: "Request was denied due to user flow control.", RequestID: "REQ-1"}
	assert.Equal(t, "HTTP 400 Throttling.User: Request was denied due to user flow control. (RequestId: REQ-1)", e.Error())

	html := &ram.APIError{StatusCode: 502, Excerpt: "<html>bad gateway</html>"}
	assert.Equal(t, `HTTP 502: body is not an API error: "<html>bad gateway</html>"`, html.Error())

	r := &ram.ResponseError{StatusCode: 200, RequestID: "REQ-2", Excerpt: "{", Err: errors.New("report is not valid JSON")}
	assert.Equal(t, `HTTP 200: report is not valid JSON: body starts "{" (RequestId: REQ-2)`, r.Error())
	assert.Equal(t, r.Err, errors.Unwrap(r))
}
