package bench

import (
	"context"
	"net/url"

	openapiclient "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
)

// The pointer models the official generated SDK converts responses into.
type officialUserInfo struct {
	UnusedAkNum                *int32  `json:"UnusedAkNum,omitempty"`
	SubUserWithUnusedAccessKey *int32  `json:"SubUserWithUnusedAccessKey,omitempty"`
	RootWithAccessKey          *int32  `json:"RootWithAccessKey,omitempty"`
	SubUser                    *int32  `json:"SubUser,omitempty"`
	BindMfa                    *bool   `json:"BindMfa,omitempty"`
	OldAkNum                   *int32  `json:"OldAkNum,omitempty"`
	SubUserPwdLevel            *string `json:"SubUserPwdLevel,omitempty"`
	SubUserWithOldAccessKey    *int32  `json:"SubUserWithOldAccessKey,omitempty"`
	SubUserBindMfa             *int32  `json:"SubUserBindMfa,omitempty"`
}

type officialInfo struct {
	AccountSecurityPracticeUserInfo *officialUserInfo `json:"AccountSecurityPracticeUserInfo,omitempty"`
	Score                           *int32            `json:"Score,omitempty"`
}

type officialBody struct {
	AccountSecurityPracticeInfo *officialInfo `json:"AccountSecurityPracticeInfo,omitempty"`
	RequestId                   *string       `json:"RequestId,omitempty"`
}

type officialResponse struct {
	Headers    map[string]*string `json:"headers,omitempty"`
	StatusCode *int32             `json:"statusCode,omitempty"`
	Body       *officialBody      `json:"body,omitempty"`
}

// officialCaller calls the API as the official generated SDK does.
type officialCaller struct {
	client *openapiclient.Client
	params *openapiclient.Params
}

func officialConfig(endpoint string) *openapiclient.Config {
	u, err := url.Parse(endpoint)
	if err != nil {
		panic(err)
	}
	return &openapiclient.Config{
		AccessKeyId:     dara.String(benchKeyID),
		AccessKeySecret: dara.String(benchSecret),
		Endpoint:        dara.String(u.Host),
		Protocol:        dara.String("http"),
	}
}

func newOfficialCaller(endpoint string) *officialCaller {
	client, err := openapiclient.NewClient(officialConfig(endpoint))
	if err != nil {
		panic(err)
	}
	return &officialCaller{client: client, params: &openapiclient.Params{
		Action: dara.String("GetAccountSecurityPracticeReport"), Version: dara.String("2019-08-15"),
		Protocol: dara.String("HTTPS"), Pathname: dara.String("/"), Method: dara.String("POST"),
		AuthType: dara.String("AK"), Style: dara.String("RPC"), ReqBodyType: dara.String("formData"),
		BodyType: dara.String("json"),
	}}
}

func (o *officialCaller) get(ctx context.Context) (*officialResponse, error) {
	body, err := o.client.CallApiWithCtx(ctx, o.params, &openapiclient.OpenApiRequest{}, &dara.RuntimeOptions{})
	if err != nil {
		return nil, err
	}
	var resp officialResponse
	if err := dara.Convert(body, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}
