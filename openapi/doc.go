// Package openapi runs GetAccountSecurityPracticeReport through the official
// Alibaba Cloud OpenAPI client (github.com/alibabacloud-go/darabonba-openapi/v2),
// behind the same ram.Client:
//
//	t, err := openapi.NewTransport(cfg) // the *openapi.Config you already have
//	if err != nil { ... }
//	client, err := ram.NewClient(ram.WithTransport(t))
//
// The client keeps its typed report, its errors and its retries; only the
// signing and sending of each attempt is the official stack's. Only programs
// that import this package link the official client and its dependencies.
package openapi
