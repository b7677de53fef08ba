// Command official is the smallest program that calls the API with the
// official OpenAPI client; bench/README.md compares its size with ours's.
package main

import (
	"context"
	"fmt"
	"os"

	openapiclient "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/credentials-go/credentials"
)

func main() {
	cred, err := credentials.NewCredential(nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	client, err := openapiclient.NewClient(&openapiclient.Config{Credential: cred, Endpoint: dara.String("ims.aliyuncs.com")})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	res, err := client.CallApiWithCtx(context.Background(), &openapiclient.Params{
		Action: dara.String("GetAccountSecurityPracticeReport"), Version: dara.String("2019-08-15"),
		Protocol: dara.String("HTTPS"), Pathname: dara.String("/"), Method: dara.String("POST"),
		AuthType: dara.String("AK"), Style: dara.String("RPC"), ReqBodyType: dara.String("formData"),
		BodyType: dara.String("json"),
	}, &openapiclient.OpenApiRequest{}, &dara.RuntimeOptions{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(res["body"])
}
