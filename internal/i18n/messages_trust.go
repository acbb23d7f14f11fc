package i18n

// Words of the trust rules: verified articles, the confirmation mail to an
// unconfirmed address, the confirm button.
var trustMessages = map[string]message{
	"mail_confirm_intro_plain": {"Seseorang meminta pemberitahuan email ke alamat ini untuk komentar yang dikirim ke situs kami. Konfirmasi hanya jika itu Anda.", "Someone asked for email notifications to this address about a comment sent to our site. Confirm only if it was you."},
	"notify_confirm_title":     {"Konfirmasi pemberitahuan", "Confirm notifications"},
	"notify_confirm_ask":       {"Kirimi saya email saat komentar saya disetujui dan saat ada balasan untuknya?", "Email me when my comment is approved and when someone replies to it?"},
	"notify_confirm_button":    {"Ya, konfirmasi", "Yes, confirm"},
	"title_too_long":           {"Judul terlalu panjang (paling banyak 300 karakter).", "The title is too long (at most 300 characters)."},
	"page_url_invalid":         {"Masukkan alamat http(s) di salah satu situs yang diizinkan.", "Enter an http(s) address on one of the allowed sites."},
	"article_unverified":       {"belum diverifikasi", "unverified"},
	"article_edit":             {"Ubah judul dan URL artikel", "Edit the article's title and URL"},
	"article_title":            {"Judul", "Title"},
	"article_saved":            {"Simpan artikel", "Save article"},
}
