// Package web embeds Balasan's templates, styles and scripts into the binary.
package web

import "embed"

// Templates holds the html/template pages: public/ and admin/.
//
//go:embed templates
var Templates embed.FS

// Static holds the files served as they are: styles, the widget, the
// dashboard's script.
//
//go:embed static
var Static embed.FS
