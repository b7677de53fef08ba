package ram

import "runtime"

// Version is the version of this module, sent in the User-Agent header.
const Version = "0.1.0"

// defaultUserAgent names this SDK, its version, the Go version and platform.
var defaultUserAgent = "ram-go-sdk/" + Version + " (" + runtime.Version() + "; " + runtime.GOOS + "/" + runtime.GOARCH + ")"
