package i18n

// Words of the read path's pages and its paging parameters (issue 13).
func init() {
	for k, v := range map[string]message{
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
	} {
		messages[k] = v
	}
}
