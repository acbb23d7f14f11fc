package server

import (
	"net/url"
	"strings"
)

// OnSites returns the check an article's page URL must pass: an absolute
// http(s) URL, without credentials, on one of the article sites
// (BALASAN_ALLOWED_ORIGINS) or the service itself (base). Every surface
// that lets a moderator set an article's URL uses it.
func OnSites(base *url.URL, origins []string) func(raw string) bool {
	self := base.Scheme + "://" + base.Host
	return func(raw string) bool {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
			return false
		}
		origin := u.Scheme + "://" + u.Host
		if strings.EqualFold(origin, self) {
			return true
		}
		for _, o := range origins {
			if strings.EqualFold(o, origin) {
				return true
			}
		}
		return false
	}
}
