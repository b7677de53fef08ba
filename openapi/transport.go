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
	http   *httpClient
	params *openapiclient.Params
}

// NewTransport builds the official client from a copy of cfg. With no
// credential in cfg (no AccessKey, bearer token or Credential) it uses the
// default chain of credentials-go; with no endpoint, ims.aliyuncs.com.
//
// The copy differs from cfg where the client's behaviour requires it: the
// official retries are off (the ram.Client retries, within its budget), and
// the HTTP client is one that never follows redirects, keeps TLS 1.2 at
// least, caps bodies at 1 MiB and lets errors be read as the client's own
// transport reads them.
func NewTransport(cfg *openapiclient.Config) (*Transport, error) {
	if cfg == nil {
		return nil, errors.New("openapi: NewTransport: config is nil")
	}
	if (dara.StringValue(cfg.AccessKeyId) == "") != (dara.StringValue(cfg.AccessKeySecret) == "") {
		return nil, errors.New("openapi: NewTransport: the config sets only one of AccessKeyId and AccessKeySecret")
	}
	c := *cfg
	hc := &httpClient{}
	c.HttpClient = hc
	c.RetryOptions = nil
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
	return &Transport{client: client, http: hc, params: &openapiclient.Params{
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

// CloseIdleConnections closes the connections kept alive for later calls.
func (t *Transport) CloseIdleConnections() { t.http.CloseIdleConnections() }

// GetAccountSecurityPracticeReport sends one attempt with CallApiWithCtx.
// The answer is read from the HTTP exchange itself, as the client's own
// transport reads it: an error answer becomes the same *ram.APIError, a
// success body goes through the same decoder.
func (t *Transport) GetAccountSecurityPracticeReport(ctx context.Context) (*ram.Report, error) {
	ex := &exchange{}
	_, err := t.client.CallApiWithCtx(context.WithValue(ctx, exchangeKey{}, ex), t.params,
		&openapiclient.OpenApiRequest{}, &dara.RuntimeOptions{})
	requestID := ex.header.Get("X-Acs-Request-Id")
	switch {
	case ex.status == 0 && err != nil:
		return nil, convertError(err)
	case ex.status == 0:
		return nil, fmt.Errorf("official transport: %w", errNoExchange)
	case ex.err != nil:
		return nil, &ram.ResponseError{StatusCode: ex.status, RequestID: requestID, Err: ex.err}
	case ex.status < 200 || ex.status >= 300:
		return nil, ram.NewAPIError(ex.status, ex.header, ex.body)
	}
	var rep ram.Report
	if err := json.Unmarshal(ex.body, &rep); err != nil {
		return nil, &ram.ResponseError{StatusCode: ex.status, RequestID: requestID, Err: err}
	}
	return &rep, nil
}
