package ram

import (
	"bytes"
	"net/http"
	"strings"
)

// redacted replaces a credential echoed by the other side.
const redacted = "<redacted>"

// redactBody replaces the secret and the token of key wherever a body
// quotes them, before any of it reaches an error: a proxy or a fake that
// echoes request headers must not put them into error text.
func redactBody(body []byte, key accessKey) []byte {
	for _, s := range [...]string{key.secret, key.token} {
		if s != "" && bytes.Contains(body, []byte(s)) {
			body = bytes.ReplaceAll(body, []byte(s), []byte(redacted))
		}
	}
	return body
}

// redactError does the same for the text fields of an *APIError, which
// JSON escapes may have hidden from redactBody, and for the text of any
// other error: net/http quotes a malformed header line it received, say.
func redactError(err error, key accessKey) error {
	if err == nil {
		return nil
	}
	e, ok := asAPIError(err)
	if !ok {
		if msg := err.Error(); redactString(msg, key) != msg {
			return &redactedError{msg: redactString(msg, key), err: err}
		}
		return err
	}
	for _, f := range []*string{&e.Code, &e.Message, &e.RequestID, &e.HostID, &e.Recommend, &e.Excerpt} {
		*f = redactString(*f, key)
	}
	if d := e.AccessDeniedDetail; d != nil {
		for _, f := range []*string{&d.AuthAction, &d.AuthPrincipalType, &d.AuthPrincipalOwnerID,
			&d.AuthPrincipalDisplayName, &d.PolicyType, &d.NoPermissionType, &d.EncodedDiagnosticMessage} {
			*f = redactString(*f, key)
		}
	}
	return err
}

func redactString(s string, key accessKey) string {
	for _, secret := range [...]string{key.secret, key.token} {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, redacted)
		}
	}
	return s
}

// cleanRequestIDHeader makes the request ID header of a response safe to
// print: a proxy may echo anything into it.
func cleanRequestIDHeader(h http.Header, key accessKey) {
	v := h.Get(requestIDHeader)
	if clean := printable(redactString(v, key), maxExcerpt); clean != v {
		h.Set(requestIDHeader, clean)
	}
}

// redactedError shows a redacted text of err; errors.Is and errors.As still
// see err.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
