package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// bigThreadComments is the size of the scale database's one hot article
// (about 20,000 of them approved, as the seed approves four in five).
const bigThreadComments = 25000

// bigThread reads pages of 50 of the big article (a-0) with 4 concurrent
// readers, gzip accepted, while a moderator approves one of its pending
// comments every half second: each approval drops the cached thread, so
// the next read rebuilds it. It reports p99 of all reads and of the first
// read after each approval. firstID is the id of its first seeded comment.
func bigThread(base, cookie string, firstID int64, d time.Duration) (all, afterApproval []time.Duration, err error) {
	pages, err := pageURLs(base + "/api/articles/a-0/comments?limit=50")
	if err != nil {
		return nil, nil, err
	}
	newest, err := pageURLs(base + "/api/articles/a-0/comments?limit=50&order=newest")
	if err != nil {
		return nil, nil, err
	}
	pages = append(pages, newest...)
	csrf, err := csrfToken(base, cookie)
	if err != nil {
		return nil, nil, err
	}
	var epoch atomic.Int64
	var mu sync.Mutex
	stop := time.Now().Add(d)
	var wg sync.WaitGroup
	client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 8}}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			seen := epoch.Load()
			for time.Now().Before(stop) {
				u := pages[rand.IntN(len(pages))]
				req, _ := http.NewRequest(http.MethodGet, u, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				e := epoch.Load()
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				l := time.Since(t0)
				mu.Lock()
				all = append(all, l)
				if e != seen {
					afterApproval = append(afterApproval, l)
				}
				mu.Unlock()
				seen = e
			}
		}()
	}
	// Pending among the seeded: i % 20 in 16..18.
	form := func(id int64) string { return url.Values{"_csrf": {csrf}}.Encode() }
	for i := int64(16); time.Now().Before(stop); i += 20 {
		time.Sleep(500 * time.Millisecond)
		id := firstID + i
		req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/admin/comments/%d/approve", base, id), strings.NewReader(form(id)))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Cookie", cookie)
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			return nil, nil, err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			return nil, nil, fmt.Errorf("approve %d: %s", id, resp.Status)
		}
		epoch.Add(1)
	}
	wg.Wait()
	return all, afterApproval, nil
}

// pageURLs follows "next" from a first page and lists every page's URL.
func pageURLs(first string) ([]string, error) {
	var out []string
	for u := first; u != ""; {
		out = append(out, u)
		b, err := fetch(u)
		if err != nil {
			return nil, err
		}
		var page struct {
			Next string `json:"next"`
		}
		if err := json.Unmarshal(b, &page); err != nil {
			return nil, err
		}
		u = ""
		if page.Next != "" {
			base, _, _ := strings.Cut(first, "&after=")
			u = base + "&after=" + page.Next
		}
	}
	return out, nil
}

func csrfToken(base, cookie string) (string, error) {
	req, _ := http.NewRequest(http.MethodGet, base+"/admin/comments", nil)
	req.Header.Set("Cookie", cookie)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindSubmatch(b)
	if m == nil {
		return "", fmt.Errorf("no CSRF token on the queue page")
	}
	return string(m[1]), nil
}

func fetch(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return io.ReadAll(resp.Body)
}
