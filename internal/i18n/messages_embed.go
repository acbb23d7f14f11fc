package i18n

// Words of the embed widget (web/static/embed.js carries its own copy of
// these and of the form labels; a test keeps the two the same).
var embedMessages = map[string]message{
	"loading":       {"Memuat komentar…", "Loading comments…"},
	"load_failed":   {"Komentar gagal dimuat. Coba muat ulang halaman.", "Comments could not be loaded. Please reload the page."},
	"network_error": {"Koneksi gagal; komentar belum terkirim. Tulisan Anda masih ada, coba lagi.", "Connection failed; your comment was not sent. Your text is still here, please try again."},
}
