package ram

import (
	"bytes"
	"errors"
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
// JSON escapes may have hidden from redactBody.
func redactError(err error, key accessKey) error {
	if err == nil {
		return nil
	}
	var e *APIError
	if !errors.As(err, &e) {
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
	return string(redactBody([]byte(s), key))
}
