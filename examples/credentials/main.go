// Command credentials shows the ways to give the client credentials: the
// default chain, static AccessKeys, STS tokens, and a RAM role assumed
// through credentials-go.
//
//	go run ./examples/credentials -demo            # STS credentials against a fake endpoint
//	go run ./examples/credentials -source chain    # the default chain (environment, profiles, ECS role)
//	go run ./examples/credentials -source role     # assume ALIBABA_CLOUD_ROLE_ARN with the AccessKey in the environment
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/aliyun/credentials-go/credentials"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/ramtest"
)

func main() {
	demo := flag.Bool("demo", false, "sign with STS credentials against a fake endpoint")
	source := flag.String("source", "chain", "where credentials come from: chain, static, sts or role")
	flag.Parse()
	if err := run(*demo, *source); err != nil {
		fmt.Fprintln(os.Stderr, "credentials:", err)
		os.Exit(1)
	}
}

func run(demo bool, source string) error {
	var client *ram.Client
	var err error
	if demo {
		// The fake endpoint accepts these STS credentials, as the service
		// accepts a token from AssumeRole.
		srv := ramtest.NewServer(ramtest.WithSTSToken("STS.demo", "demo-secret", "demo-token"))
		defer srv.Close()
		client, err = srv.Client(ram.WithSTSToken("STS.demo", "demo-secret", "demo-token"))
	} else {
		client, err = clientFor(source)
	}
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rep, err := client.GetAccountSecurityPracticeReport(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("score %d (request %s)\n", rep.AccountSecurityPracticeInfo.Score, rep.RequestID)
	return nil
}

// clientFor builds a client with credentials from the named source.
func clientFor(source string) (*ram.Client, error) {
	env := os.Getenv
	switch source {
	case "chain":
		// ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, OIDC, ~/.aliyun/config.json,
		// ~/.alibabacloud/credentials, the ECS RAM role: asked at every call.
		return ram.NewClient()
	case "static":
		return ram.NewClient(ram.WithAccessKey(env("ALIBABA_CLOUD_ACCESS_KEY_ID"), env("ALIBABA_CLOUD_ACCESS_KEY_SECRET")))
	case "sts":
		return ram.NewClient(ram.WithSTSToken(env("ALIBABA_CLOUD_ACCESS_KEY_ID"), env("ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
			env("ALIBABA_CLOUD_SECURITY_TOKEN")))
	case "role":
		// credentials-go assumes the role and refreshes the STS token before
		// it expires; the client asks it before every attempt.
		cred, err := credentials.NewCredential(new(credentials.Config).
			SetType("ram_role_arn").
			SetAccessKeyId(env("ALIBABA_CLOUD_ACCESS_KEY_ID")).
			SetAccessKeySecret(env("ALIBABA_CLOUD_ACCESS_KEY_SECRET")).
			SetRoleArn(env("ALIBABA_CLOUD_ROLE_ARN")).
			SetRoleSessionName("security-report"))
		if err != nil {
			return nil, err
		}
		return ram.NewClient(ram.WithCredential(cred))
	}
	return nil, fmt.Errorf("unknown -source %q: want chain, static, sts or role", source)
}
