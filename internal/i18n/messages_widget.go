package i18n

// Words of the widget for issue 13: the skip link and WordPress's own
// remember-me box. embed.js carries a copy (a test keeps them equal).
func init() {
	for k, v := range map[string]message{
		"skip_to_form": {"Langsung ke formulir komentar", "Skip to the comment form"},
		"label_cookies": {"Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.",
			"Save my name, email, and website in this browser for the next time I comment."},
		// The paging words below are also defined, with the same text, by
		// branch readers (messages_readers.go): drop this block when merging it.
		"load_more":    {"Muat komentar lainnya", "Load more comments"},
		"order_label":  {"Urutkan", "Sort"},
		"order_oldest": {"Terlama dulu", "Oldest first"},
		"order_newest": {"Terbaru dulu", "Newest first"},
	} {
		messages[k] = v
	}
}
