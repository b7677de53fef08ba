package openapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	openapiclient "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/credentials-go/credentials"

	"github.com/seed-d76936c4/ram"
)

// defaultEndpoint is the host the official client calls when the
// configuration names none.
const defaultEndpoint = "ims.aliyuncs.com"

// Transport sends each attempt through the official OpenAPI client. It is
// safe for concurrent use.
type Transport struct {
	client *openapiclient.Client
	params *openapiclient.Params
}

// NewTransport builds the official client from a copy of cfg. With no
// credential in cfg (no AccessKey, bearer token or Credential) it uses the
// default chain of credentials-go; with no endpoint, ims.aliyuncs.com.
// The official client is told to return its typed errors (DisableSDKError)
// so that the request ID and the requested wait reach *ram.APIError.
func NewTransport(cfg *openapiclient.Config) (*Transport, error) {
	if cfg == nil {
		return nil, errors.New("openapi: NewTransport: config is nil")
	}
	c := *cfg
	if dara.StringValue(c.AccessKeyId) == "" && dara.StringValue(c.BearerToken) == "" && c.Credential == nil {
		cred, err := credentials.NewCredential(nil)
		if err != nil {
			return nil, fmt.Errorf("openapi: default credential chain: %w", err)
		}
		c.Credential = cred
	}
	if dara.StringValue(c.Endpoint) == "" {
		c.Endpoint = dara.String(defaultEndpoint)
	}
	client, err := openapiclient.NewClient(&c)
	if err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	client.DisableSDKError = dara.Bool(true)
	return &Transport{client: client, params: &openapiclient.Params{
		Action:      dara.String(ram.Action),
		Version:     dara.String(ram.APIVersion),
		Protocol:    dara.String("HTTPS"),
		Pathname:    dara.String("/"),
		Method:      dara.String("POST"),
		AuthType:    dara.String("AK"),
		Style:       dara.String("RPC"),
		ReqBodyType: dara.String("formData"),
		BodyType:    dara.String("json"),
	}}, nil
}

// String names the transport and its endpoint.
func (t *Transport) String() string {
	return "openapi.Transport{endpoint: " + dara.StringValue(t.client.Endpoint) + "}"
}

// GetAccountSecurityPracticeReport sends one attempt with CallApiWithCtx and
// decodes the answer with the same checks as the client's own transport.
func (t *Transport) GetAccountSecurityPracticeReport(ctx context.Context) (*ram.Report, error) {
	res, err := t.client.CallApiWithCtx(ctx, t.params, &openapiclient.OpenApiRequest{}, &dara.RuntimeOptions{})
	if err != nil {
		return nil, convertError(err)
	}
	status, _ := res["statusCode"].(int)
	headers, _ := res["headers"].(map[string]*string)
	requestID := dara.StringValue(headers["x-acs-request-id"])
	raw, err := json.Marshal(res["body"])
	if err != nil {
		return nil, &ram.ResponseError{StatusCode: status, RequestID: requestID, Err: fmt.Errorf("re-encoding the official client's body: %w", err)}
	}
	var rep ram.Report
	if err := json.Unmarshal(raw, &rep); err != nil {
		return nil, &ram.ResponseError{StatusCode: status, RequestID: requestID, Err: err}
	}
	return &rep, nil
}
