package dashboard

import "net/url"

// Every URL a page builds from data goes through these helpers: each value
// is escaped for the exact place it takes, so "../", "?" or "&" in it stay
// characters of that one segment or address. (html/template escapes a
// query value, but leaves "/", "?" and "." of a path alone.)

// articleAction is the form action that opens or closes an article's
// comments.
func articleAction(key, state string) string {
	return "/admin/articles/" + url.PathEscape(key) + "/" + url.PathEscape(state)
}

// mailtoURL is a link that writes to exactly one address: "?" (which
// would start headers such as bcc=), "%", "#", "," and ";" are escaped,
// so no address, whatever got stored, adds a recipient, subject or body.
func mailtoURL(addr string) string {
	return "mailto:" + url.PathEscape(addr)
}
