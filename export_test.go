package ram

// DecodeReport exposes the client's body decoder to the external tests.
var DecodeReport = decodeReport
