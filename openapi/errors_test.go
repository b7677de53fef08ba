package openapi_test

import (
	"context"
	"errors"
	"net"
	"syscall"
	"testing"

	openapiclient "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/openapi"
)

func TestConvertsTheOfficialErrorTypes(t *testing.T) {
	data := map[string]interface{}{
		"RequestId": "REQ-DATA", "HostId": "ims.aliyuncs.com", "Code": "NoPermission",
		"Message": "You are not authorized to do this action.", "Recommend": "https://api.aliyun.com/troubleshoot",
		"AccessDeniedDetail": map[string]interface{}{"AuthAction": "ram:GetAccountSecurityPracticeReport", "NoPermissionType": "ImplicitDeny"},
	}
	sdk := tea.NewSDKError(map[string]interface{}{"code": "NoPermission", "statusCode": 403, "message": "code: 403, ...", "data": data})
	tests := map[string]error{
		"ClientError": &openapiclient.ClientError{StatusCode: dara.Int(403), Code: dara.String("NoPermission"),
			Message: dara.String("code: 403, ..."), RequestId: dara.String("REQ-DATA"), Data: data},
		"tea.SDKError": sdk,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			err := openapi.ConvertError(in)
			var apiErr *ram.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 403, apiErr.StatusCode)
			assert.Equal(t, "NoPermission", apiErr.Code)
			assert.Equal(t, "REQ-DATA", apiErr.RequestID, "found in the official error's data")
			assert.Equal(t, "You are not authorized to do this action.", apiErr.Message)
			assert.Equal(t, "ims.aliyuncs.com", apiErr.HostID)
			require.NotNil(t, apiErr.AccessDeniedDetail)
			assert.Equal(t, "ImplicitDeny", apiErr.AccessDeniedDetail.NoPermissionType)
			assert.True(t, ram.IsPermission(err))
		})
	}

	throttled := openapi.ConvertError(&openapiclient.ThrottlingError{StatusCode: dara.Int(400), Code: dara.String("Throttling.User"),
		RequestId: dara.String("REQ-T"), RetryAfter: dara.Int64(1500)})
	var apiErr *ram.APIError
	require.ErrorAs(t, throttled, &apiErr)
	assert.Equal(t, "REQ-T", apiErr.RequestID)
	assert.Equal(t, int64(1500), apiErr.RetryAfter.Milliseconds())
	assert.True(t, ram.IsThrottling(throttled))

	plain := openapi.ConvertError(context.Canceled)
	assert.ErrorIs(t, plain, context.Canceled)
	assert.False(t, errors.As(plain, &apiErr))
}

func TestTransportFailuresStayReachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())

	tr, err := openapi.NewTransport(&openapiclient.Config{AccessKeyId: dara.String("id"), AccessKeySecret: dara.String("secret"),
		Endpoint: dara.String(addr), Protocol: dara.String("http")})
	require.NoError(t, err)
	assert.Equal(t, "openapi.Transport{endpoint: "+addr+"}", tr.String())
	c, err := ram.NewClient(ram.WithTransport(tr), ram.WithRetryPolicy(ram.RetryPolicy{MaxAttempts: 2, BaseDelay: 1}))
	require.NoError(t, err)
	_, err = c.GetAccountSecurityPracticeReport(context.Background())
	require.Error(t, err)
	assert.ErrorIs(t, err, syscall.ECONNREFUSED)
	assert.True(t, ram.IsRetryable(errors.Unwrap(err)))
	var callErr *ram.CallError
	require.ErrorAs(t, err, &callErr)
	assert.Equal(t, 2, callErr.Attempts, "our retry policy drives the official transport")
}

func TestNewTransport(t *testing.T) {
	_, err := openapi.NewTransport(nil)
	assert.Error(t, err)

	// No credential in the config: the default chain, asked per call.
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "")
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	t.Setenv("HOME", t.TempDir())
	cfg := &openapiclient.Config{}
	tr, err := openapi.NewTransport(cfg)
	require.NoError(t, err)
	assert.Nil(t, cfg.Credential, "the caller's config is not changed")
	assert.Nil(t, cfg.Endpoint)
	assert.Equal(t, "openapi.Transport{endpoint: ims.aliyuncs.com}", tr.String())
}
