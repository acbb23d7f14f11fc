package dashboard_test

import (
	"io"
	"net/http"
	"strconv"
	"testing"

	"balasan/internal/apptest"
	"balasan/internal/comment"
)

// BenchmarkQueue_Page measures one full queue page of 50 comments (each
// with an email, half of them replies) through the real server on a small
// database: the page's own cost, mostly the template, apart from the
// database's size. BenchmarkQueue_Pending1M measures it at scale.
func BenchmarkQueue_Page(b *testing.B) {
	env := apptest.New(b)
	env.AddModerator(benchUser, benchPass, comment.RoleAdmin)
	c, _ := env.Login(benchUser, benchPass)
	var parent int64
	for i := range 60 {
		v := apptest.Form("berita-" + strconv.Itoa(i/2%7)) // a reply on its parent's article
		v.Set("email", "pembaca"+strconv.Itoa(i%9)+"@example.test")
		v.Set("url", "https://pembaca.example/"+strconv.Itoa(i))
		v.Set("comment", "Komentar nomor "+strconv.Itoa(i)+" tentang harga ikan di pasar yang naik lagi.")
		if i%2 == 1 && parent > 0 {
			v.Set("comment_parent", strconv.FormatInt(parent, 10))
		}
		id := env.Submit(v)
		if i%2 == 0 {
			env.Approve(id)
			parent = id
		}
	}
	for b.Loop() {
		resp, err := c.Get(env.URL + "/admin/comments?status=approved")
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}
