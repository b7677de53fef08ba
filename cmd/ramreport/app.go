package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/aliyun/credentials-go/credentials"
	"github.com/aliyun/credentials-go/credentials/providers"

	"github.com/seed-d76936c4/ram"
	"github.com/seed-d76936c4/ram/findings"
	"github.com/seed-d76936c4/ram/ramtest"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitGate  = 2
)

// app is the command with its surroundings, so that tests run it in
// process.
type app struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	terminal       bool // stdout is a terminal
}

// options are the parsed flags.
type options struct {
	demo         bool
	endpoint     string
	profile      string
	output       string
	minScore     int
	failOn       string
	allowUnknown bool
	timeout      time.Duration
	version      bool
}

func (a *app) run(ctx context.Context, args []string) int {
	if len(args) > 0 && args[0] == "policy" {
		return a.policy(args[1:])
	}
	opts, err := a.parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(a.stderr, "ramreport:", err)
		return exitError
	}
	if opts.version {
		fmt.Fprintln(a.stdout, "ramreport", ram.Version)
		return exitOK
	}
	g, err := newGate(opts)
	if err != nil {
		fmt.Fprintln(a.stderr, "ramreport:", err)
		return exitError
	}
	rep, err := a.fetch(ctx, opts)
	if err != nil {
		fmt.Fprintln(a.stderr, "ramreport:", err)
		if hint := hintFor(err, opts); hint != "" {
			fmt.Fprintln(a.stderr, "ramreport:", hint)
		}
		return exitError
	}
	res := result{report: rep, findings: findings.Evaluate(rep), at: a.now().UTC()}
	res.gate = g.judge(rep, res.findings)
	if err := a.write(opts.output, res); err != nil {
		fmt.Fprintln(a.stderr, "ramreport:", err)
		return exitError
	}
	if !res.gate.Passed {
		return exitGate
	}
	return exitOK
}

// fetch calls the API: the fake endpoint with -demo, else the real one.
func (a *app) fetch(ctx context.Context, opts options) (*ram.Report, error) {
	ctx, cancel := context.WithTimeout(ctx, opts.timeout)
	defer cancel()
	var client *ram.Client
	var err error
	if opts.demo {
		srv := ramtest.NewServer()
		defer srv.Close()
		client, err = srv.Client()
	} else {
		client, err = newClient(opts)
	}
	if err != nil {
		return nil, err
	}
	return client.GetAccountSecurityPracticeReport(ctx)
}

// newClient builds the client for the real endpoint or -endpoint.
func newClient(opts options) (*ram.Client, error) {
	var o []ram.Option
	if opts.endpoint != "" {
		o = append(o, ram.WithEndpoint(opts.endpoint))
	}
	if opts.profile != "" {
		p, err := providers.NewCLIProfileCredentialsProviderBuilder().WithProfileName(opts.profile).Build()
		if err != nil {
			return nil, fmt.Errorf("profile %q: %w", opts.profile, err)
		}
		o = append(o, ram.WithCredential(credentials.FromCredentialsProvider("cli_profile", p)))
	}
	o = append(o, ram.WithUserAgent("ramreport/"+ram.Version))
	return ram.NewClient(o...)
}

// hintFor suggests what to do about an error, when there is something.
func hintFor(err error, opts options) string {
	switch {
	case opts.profile != "" && errors.Is(err, ram.ErrCredentialProvider):
		return fmt.Sprintf("could not use profile %q: check that ~/.aliyun/config.json (or ALIBABA_CLOUD_CONFIG_FILE) defines it, e.g. with `aliyun configure --profile %s`", opts.profile, opts.profile)
	case ram.IsPermission(err):
		return "the caller needs ram:GetAccountSecurityPracticeReport on \"*\"; `ramreport policy` prints a policy that grants it"
	case ram.IsAuthentication(err):
		return "check the AccessKey ID and secret (or the STS token) the credential chain found"
	case ram.IsThrottling(err):
		return "the service is throttling this account; try again later"
	}
	return ""
}
