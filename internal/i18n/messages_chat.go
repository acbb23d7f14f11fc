package i18n

// Words of the newsroom chat (Telegram, Slack) and of linking a Telegram
// user to an account.
var chatMessages = map[string]message{
	"chat_waiting":           {"Komentar menunggu moderasi", "Comment awaiting moderation"},
	"chat_article":           {"Artikel", "Article"},
	"chat_author":            {"Penulis", "Author"},
	"chat_held":              {"Ditahan karena", "Held because"},
	"chat_open":              {"Buka di dasbor", "Open in the dashboard"},
	"chat_btn_approve":       {"Setujui", "Approve"},
	"chat_btn_spam":          {"Spam", "Spam"},
	"chat_btn_trash":         {"Sampah", "Trash"},
	"chat_done_approve":      {"Disetujui oleh %s", "Approved by %s"},
	"chat_done_spam":         {"Ditandai spam oleh %s", "Marked as spam by %s"},
	"chat_done_trash":        {"Dibuang ke sampah oleh %s", "Moved to the trash by %s"},
	"chat_already_moderated": {"Komentar ini sudah dimoderasi di tempat lain.", "This comment was already moderated elsewhere."},
	"chat_gone":              {"Komentar ini sudah dihapus.", "This comment was deleted."},
	"chat_bad_button":        {"Tombol ini tidak sah.", "This button is not valid."},
	"chat_failed":            {"Gagal, coba lagi nanti atau buka dasbor.", "Failed; try again later or open the dashboard."},
	"telegram_unlinked":      {"Akun Telegram Anda belum ditautkan ke akun moderator. Minta admin menautkannya.", "Your Telegram account is not linked to a moderator account. Ask an admin to link it."},
	"telegram_id_invalid":    {"ID Telegram harus berupa angka (ID pengguna, bukan @nama).", "A Telegram ID is a number (the user id, not the @name)."},
	"telegram_taken":         {"ID Telegram ini sudah ditautkan ke akun lain.", "This Telegram ID is linked to another account."},
	"telegram_id":            {"ID Telegram", "Telegram ID"},
	"telegram_link":          {"Tautkan", "Link"},
	"telegram_linked":        {"Tautan Telegram disimpan.", "Telegram link saved."},
}
