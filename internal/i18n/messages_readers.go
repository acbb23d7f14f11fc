package i18n

import "fmt"

// Words of the read path's pages and its paging parameters (issue 13).
var readersMessages = map[string]message{
	"load_more":       {"Muat komentar lainnya", "Load more comments"},
	"order_label":     {"Urutkan", "Sort"},
	"order_oldest":    {"Terlama dulu", "Oldest first"},
	"order_newest":    {"Terbaru dulu", "Newest first"},
	"page_invalid":    {"Parameter halaman tidak sah.", "Invalid page parameters."},
	"page_limit":      {"limit harus bilangan bulat 1–200 (dan wajib bila after diberikan).", "limit must be a whole number from 1 to 200 (and is required with after)."},
	"page_order":      {"order harus oldest atau newest.", "order must be oldest or newest."},
	"page_cursor":     {"Kursor after tidak dikenali; mulai lagi dari halaman pertama.", "The after cursor is not recognised; start again from the first page."},
	"back_to_article": {"Kembali ke artikel", "Back to the article"},
	"error_prefix":    {"Galat", "Error"},
}

// Flood is the flood refusal with the wait in words, matching the
// Retry-After header's seconds: "Tunggu 12 detik lagi", "Wait 12 more
// seconds"; waits of two minutes or more in whole minutes, rounded up.
func Flood(l Lang, seconds int) string {
	n, id, en := seconds, "detik", "second"
	if seconds >= 120 {
		n, id, en = (seconds+59)/60, "menit", "minute"
	}
	if l == EN {
		if n != 1 {
			en += "s"
		}
		return fmt.Sprintf("You are posting comments too quickly. Wait %d more %s.", n, en)
	}
	return fmt.Sprintf("Anda mengirim komentar terlalu cepat. Tunggu %d %s lagi.", n, id)
}
