// Package balasan holds what must sit at the module root: the embedded schema.
package balasan

import _ "embed"

// Schema is the SQL that creates an empty Balasan database.
//
//go:embed schema.sql
var Schema string
