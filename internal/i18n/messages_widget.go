package i18n

// Words of issue 13's reader side: paging, order, the remember-me box
// (WordPress's own wording), the skip link. embed.js carries a copy.
func init() {
	for k, v := range map[string]message{
		"load_more":    {"Muat komentar lainnya", "Load more comments"},
		"order_label":  {"Urutan", "Order"},
		"order_oldest": {"Terlama dulu", "Oldest first"},
		"order_newest": {"Terbaru dulu", "Newest first"},
		"skip_to_form": {"Langsung ke formulir komentar", "Skip to the comment form"},
		"label_cookies": {"Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.",
			"Save my name, email, and website in this browser for the next time I comment."},
	} {
		messages[k] = v
	}
}
