package i18n

// Messages of the HTTP layer's own refusals (slow bodies, cross-origin
// requests), kept apart so other work on messages.go merges cleanly.
var httpMessages = map[string]message{
	"slow_body": {"Kiriman datang terlalu lambat. Coba kirim lagi; tulisan Anda masih ada di formulir.",
		"The submission arrived too slowly. Please send it again; your text is still in the form."},
	"cross_origin": {"Permintaan dari situs lain ditolak.", "Requests from another site are refused."},
}
