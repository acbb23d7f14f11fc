package i18n

// Words of the spam filter's "Mungkin spam" lane (issue 15).
var spamMessages = map[string]message{
	"likely_spam":     {"Mungkin spam", "Probably spam"},
	"likely_spam_all": {"Semua yang menunggu", "All pending"},
	"likely_spam_why": {"Disaring: komentar yang menunggu dengan skor spam di pita tengah; alasan di tiap baris. Pilih semua lalu tandai sebagai spam untuk membersihkannya.", "Filtered: pending comments whose spam score is in the middle band; the reasons are on each row. Select all and mark as spam to clear them."},
}
