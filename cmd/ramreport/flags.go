package main

import (
	"flag"
	"fmt"
	"time"
)

// usage is printed by -h, above the flags.
const usage = `Usage: ramreport [flags]
       ramreport policy

Prints the security report of an Alibaba Cloud account (the
GetAccountSecurityPracticeReport API of RAM/IMS) with findings that say what
to fix, and exits 0 when the account passes the gate, 2 when it fails it and
1 on an error.

Credentials come from the default chain: ALIBABA_CLOUD_ACCESS_KEY_ID and
ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN), OIDC,
~/.aliyun/config.json, ~/.alibabacloud/credentials, the ECS RAM role.

Examples:
  ramreport -demo                         the built-in fake endpoint; no credentials needed
  ramreport -profile prod                 the "prod" profile of ~/.aliyun/config.json
  ramreport -o json | jq .findings        JSON for scripts
  ramreport -o prometheus > ram.prom      for the node exporter's textfile collector
  ramreport -min-score 80 -fail-on high   a CI gate
  ramreport policy                        the RAM policy that allows this call

Flags:
`

// parse reads the flags.
func (a *app) parse(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("ramreport", flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	fs.BoolVar(&o.demo, "demo", false, "call a fake endpoint started in process, which serves the API reference's example report, instead of Alibaba Cloud\n(example: -demo)")
	fs.StringVar(&o.endpoint, "endpoint", "", "the IMS `endpoint`: a host, host:port or URL (default ims.aliyuncs.com)\n(example: -endpoint ims.aliyuncs.com)")
	fs.StringVar(&o.profile, "profile", "", "take credentials from this `profile` of the aliyun CLI's ~/.aliyun/config.json instead of the default chain\n(example: -profile prod)")
	fs.StringVar(&o.output, "o", "table", "output `format`: table, json or prometheus\n(example: -o json)")
	fs.IntVar(&o.minScore, "min-score", -1, "fail the gate (exit 2) when the score is below `N`; -1 turns it off\n(example: -min-score 80)")
	fs.StringVar(&o.failOn, "fail-on", "", "fail the gate (exit 2) when a check fails at this `severity` or above: low, medium, high or critical\n(example: -fail-on high)")
	fs.BoolVar(&o.allowUnknown, "allow-unknown", false, "let the gate pass checks and a score the response did not include (by default they fail it)\n(example: -fail-on high -allow-unknown)")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "give up after this `duration`, retries included\n(example: -timeout 1m)")
	fs.BoolVar(&o.version, "version", false, "print the version and exit\n(example: -version)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (see -h)", fs.Arg(0))
	}
	switch o.output {
	case "table", "json", "prometheus":
	default:
		return o, fmt.Errorf("-o %q: want table, json or prometheus", o.output)
	}
	if o.demo && (o.endpoint != "" || o.profile != "") {
		return o, fmt.Errorf("-demo cannot be combined with -endpoint or -profile")
	}
	if o.timeout <= 0 {
		return o, fmt.Errorf("-timeout %s: want a positive duration", o.timeout)
	}
	return o, nil
}
