package openapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/seed-d76936c4/ram"
)

// officialError is what the official client's ClientError, ServerError and
// ThrottlingError have in common.
type officialError interface {
	error
	GetStatusCode() *int
	GetCode() *string
	GetRequestId() *string
	GetData() map[string]interface{}
	GetAccessDeniedDetail() map[string]interface{}
}

// convertError turns the official client's errors into *ram.APIError, with
// the request ID and the service's own message taken from the error body the
// official error keeps as data. Other errors (the network, ctx) are wrapped.
func convertError(err error) error {
	var typed officialError
	var sdk *tea.SDKError
	switch {
	case errors.As(err, &typed) && dara.IntValue(typed.GetStatusCode()) != 0:
		e := fromData(dara.IntValue(typed.GetStatusCode()), typed.GetData())
		fill(&e.Code, dara.StringValue(typed.GetCode()))
		fill(&e.RequestID, dara.StringValue(typed.GetRequestId()))
		if d := typed.GetAccessDeniedDetail(); len(d) > 0 && e.AccessDeniedDetail == nil {
			e.AccessDeniedDetail = accessDeniedDetail(d)
		}
		if ra, ok := typed.(interface{ GetRetryAfter() *int64 }); ok && dara.Int64Value(ra.GetRetryAfter()) > 0 {
			e.RetryAfter = time.Duration(dara.Int64Value(ra.GetRetryAfter())) * time.Millisecond
		}
		return e
	case errors.As(err, &sdk) && dara.IntValue(sdk.StatusCode) != 0:
		var data map[string]interface{}
		_ = json.Unmarshal([]byte(dara.StringValue(sdk.Data)), &data)
		e := fromData(dara.IntValue(sdk.StatusCode), data)
		fill(&e.Code, dara.StringValue(sdk.Code))
		if len(sdk.AccessDeniedDetail) > 0 && e.AccessDeniedDetail == nil {
			e.AccessDeniedDetail = accessDeniedDetail(sdk.AccessDeniedDetail)
		}
		return e
	}
	return fmt.Errorf("official transport: %w", err)
}

// fromData builds an APIError from the service's error body as the
// official client keeps it.
func fromData(status int, data map[string]interface{}) *ram.APIError {
	e := &ram.APIError{StatusCode: status}
	str := func(k string) string {
		s, _ := data[k].(string)
		if s == "<nil>" { // the official client's text for a missing value
			return ""
		}
		return s
	}
	e.Code, e.Message, e.RequestID = str("Code"), str("Message"), str("RequestId")
	e.HostID, e.Recommend = str("HostId"), str("Recommend")
	if d, ok := data["AccessDeniedDetail"].(map[string]interface{}); ok {
		e.AccessDeniedDetail = accessDeniedDetail(d)
	}
	return e
}

// accessDeniedDetail converts the official client's map form.
func accessDeniedDetail(m map[string]interface{}) *ram.AccessDeniedDetail {
	raw, err := json.Marshal(m)
	if err != nil {
		return nil
	}
	var d ram.AccessDeniedDetail
	if json.Unmarshal(raw, &d) != nil || d == (ram.AccessDeniedDetail{}) {
		return nil
	}
	return &d
}

// fill sets *dst to v when *dst is empty and v is a value.
func fill(dst *string, v string) {
	if *dst == "" && v != "<nil>" {
		*dst = v
	}
}
