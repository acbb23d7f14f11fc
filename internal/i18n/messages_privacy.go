package i18n

var privacyMessages = map[string]message{
	"privacy":                  {"Privasi", "Privacy"},
	"privacy_intro":            {"Hak pembaca, seperti di WordPress: ekspor semua komentar dari satu alamat email, atau hapus data pribadinya. Setiap permintaan dicatat di log audit (tanpa alamatnya).", "Readers' rights, as WordPress offers them: export every comment of one email address, or erase its personal data. Each request is recorded in the audit log (without the address)."},
	"privacy_export":           {"Ekspor data pribadi (JSON)", "Export personal data (JSON)"},
	"privacy_erase":            {"Hapus data pribadi", "Erase personal data"},
	"privacy_erase_how":        {"Nama menjadi “Anonim”; email, situs web, dan alamat IP dihapus; teks komentar tetap ada.", "The name becomes “Anonim”; email, website and IP address are removed; the comment text stays."},
	"privacy_delete":           {"Hapus juga teks komentarnya (komentar dihapus permanen, balasannya tetap ada).", "Also delete the comment text (the comments are deleted for good; replies to them stay)."},
	"privacy_confirm":          {"Saya mengerti bahwa ini tidak dapat dibatalkan.", "I understand this cannot be undone."},
	"privacy_confirm_required": {"Centang konfirmasi untuk menghapus.", "Tick the confirmation to erase."},
	"privacy_erased":           {"komentar dianonimkan.", "comments anonymised."},
	"privacy_deleted":          {"komentar dihapus.", "comments deleted."},
}
