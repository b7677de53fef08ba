package ram

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// DefaultEndpoint is the global IMS endpoint; the API has no regional hosts.
const DefaultEndpoint = "https://ims.aliyuncs.com"

// parseEndpoint accepts a host, host:port or URL and returns the URL to send
// requests to. Plain http is accepted for loopback hosts only.
func parseEndpoint(s string) (*url.URL, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, fmt.Errorf("endpoint is empty")
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("endpoint is not a host or URL: %w", unwrapURLError(err))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch {
	case u.User != nil:
		return nil, fmt.Errorf("endpoint %q must not carry user information", u.Redacted())
	case u.Host == "" || u.Hostname() == "":
		return nil, fmt.Errorf("endpoint %q has no host", u.Redacted())
	case !printableASCII(u.Host) || strings.Contains(u.Host, "%"):
		// net/http would send another form of such a host (punycode, no
		// zone) than the one signed.
		return nil, fmt.Errorf("endpoint %q: write the host in ASCII (punycode), without an IPv6 zone", u.Redacted())
	case u.Path != "" && u.Path != "/", u.RawQuery != "", u.Fragment != "":
		return nil, fmt.Errorf("endpoint %q must be a bare host: the API is served at /", u.Redacted())
	case u.Scheme == "http" && !isLoopback(u.Hostname()):
		return nil, fmt.Errorf("endpoint %q: plain http is allowed only for loopback hosts (127.0.0.1, ::1, localhost); use https", u.Redacted())
	case u.Scheme != "https" && u.Scheme != "http":
		return nil, fmt.Errorf("endpoint %q: scheme must be https", u.Redacted())
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}, nil
}

// isLoopback reports whether host is localhost or a loopback IP address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// unwrapURLError drops the quoted input from a url.Parse error.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// printableASCII reports whether s holds only printable ASCII.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}
