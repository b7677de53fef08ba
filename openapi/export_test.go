package openapi

// ConvertError exposes the error conversion to the external tests.
var ConvertError = convertError
