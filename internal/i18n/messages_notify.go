package i18n

// Words of reply mail, moderator mail and their signed links.
var notifyMessages = map[string]message{
	"link_invalid":           {"Tautan ini tidak sah atau sudah tidak berlaku.", "This link is invalid or no longer valid."},
	"notify_confirmed_title": {"Langganan dikonfirmasi", "Subscription confirmed"},
	"notify_confirmed":       {"Terima kasih! Kami akan mengirim email saat komentar Anda disetujui dan saat ada balasan untuknya.", "Thank you! We will email you when your comment is approved and when someone replies to it."},
	"unsubscribe_title":      {"Berhenti berlangganan", "Unsubscribe"},
	"unsubscribe_ask":        {"Berhenti menerima email tentang komentar Anda dan balasannya?", "Stop receiving email about your comments and their replies?"},
	"unsubscribe_button":     {"Ya, berhenti berlangganan", "Yes, unsubscribe"},
	"unsubscribed":           {"Selesai. Anda tidak akan menerima email balasan lagi dari kami.", "Done. You will get no more reply mail from us."},

	"mail_mod_subject":      {"[Balasan] Komentar menunggu moderasi: %s", "[Balasan] Comment awaiting moderation: %s"},
	"mail_mod_intro":        {"Komentar baru menunggu persetujuan Anda.", "A new comment is waiting for your approval."},
	"mail_mod_open":         {"Buka di dasbor", "Open in the dashboard"},
	"mail_confirm_subject":  {"Konfirmasi email pemberitahuan komentar Anda", "Confirm email notifications for your comment"},
	"mail_confirm_intro":    {"Anda (atau seseorang memakai alamat ini) meminta pemberitahuan email untuk komentar di artikel berikut.", "You (or someone using this address) asked for email notifications about a comment on this article."},
	"mail_confirm_action":   {"Konfirmasi pemberitahuan", "Confirm notifications"},
	"mail_confirm_ignore":   {"Jika bukan Anda yang meminta, abaikan email ini; Anda tidak akan menerima email lain.", "If this was not you, ignore this email; you will get no further mail."},
	"mail_approved_subject": {"Komentar Anda sudah tampil: %s", "Your comment is published: %s"},
	"mail_approved_intro":   {"Komentar Anda telah disetujui dan kini tampil di artikel.", "Your comment was approved and now appears on the article."},
	"mail_reply_subject":    {"Balasan baru untuk komentar Anda: %s", "New reply to your comment: %s"},
	"mail_reply_intro":      {"%s membalas komentar Anda.", "%s replied to your comment."},
	"mail_your_comment":     {"Komentar Anda", "Your comment"},
	"mail_their_reply":      {"Balasan", "Reply"},
	"mail_view":             {"Lihat di artikel", "View on the article"},
	"mail_unsubscribe":      {"Berhenti berlangganan email ini", "Unsubscribe from these emails"},
	"mail_why":              {"Anda menerima email ini karena meminta pemberitahuan saat mengirim komentar.", "You get this email because you asked for notifications when you posted a comment."},
	"mail_author":           {"Penulis", "Author"},
	"mail_text":             {"Komentar", "Comment"},
	"mail_article":          {"Artikel", "Article"},
}
