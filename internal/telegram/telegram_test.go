package telegram_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"balasan/internal/apptest"
	"balasan/internal/comment"
	"balasan/internal/telegram"
)

// chatID is the desk's chat in these tests.
const chatID = "-100123"

// start runs the whole application with the bot pointed at bot.
func start(t *testing.T, bot *apptest.BotAPI, db string) *apptest.Env {
	t.Helper()
	return apptest.New(t, "-db", db, "-telegram-token", bot.Token, "-telegram-chat", chatID, "-telegram-api", bot.URL())
}

// posted submits a comment and returns its id and the message the bot
// posted for it, as Telegram would hand it back in a button press.
func posted(t *testing.T, env *apptest.Env, bot *apptest.BotAPI, n int) (int64, map[string]any, telegram.Message) {
	t.Helper()
	f := apptest.Form("artikel-1")
	f.Set("comment", fmt.Sprintf("Komentar nomor %d <b>tebal</b> & seterusnya", n))
	id := env.Submit(f)
	sent := bot.WaitCalls(t, "sendMessage", n)[n-1]
	text, _ := sent["text"].(string)
	return id, sent, telegram.Message{MessageID: int64(n), Chat: telegram.Chat{ID: -100123}, Text: text}
}

// buttons returns the callback data of the sent message's buttons by label.
func buttons(t *testing.T, sent map[string]any) map[string]string {
	t.Helper()
	out := map[string]string{}
	kb, _ := sent["reply_markup"].(map[string]any)
	rows, _ := kb["inline_keyboard"].([]any)
	for _, row := range rows {
		for _, b := range row.([]any) {
			b := b.(map[string]any)
			out[b["text"].(string)] = b["callback_data"].(string)
		}
	}
	return out
}

func link(t *testing.T, env *apptest.Env, m comment.Moderator, telegramID int64) {
	t.Helper()
	admin := comment.Moderator{ID: 0, Username: "admin", Role: comment.RoleAdmin}
	if err := env.App.Service.LinkTelegram(context.Background(), admin, m, telegramID); err != nil {
		t.Fatal(err)
	}
}

func status(t *testing.T, env *apptest.Env, id int64) comment.Status {
	t.Helper()
	c, err := env.App.Store.Comment(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Status
}

// audited returns the audit entries of action on comment id.
func audited(t *testing.T, env *apptest.Env, action string, id int64) []comment.AuditEntry {
	t.Helper()
	all, err := env.App.Store.Audit(context.Background(), "", 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []comment.AuditEntry
	for _, a := range all {
		if a.Action == action && a.CommentID == id {
			out = append(out, a)
		}
	}
	return out
}

// TestTelegram_WaitingCommentPosted: a waiting comment is posted to the
// chat as plain text with three signed buttons, and no email or IP.
func TestTelegram_WaitingCommentPosted(t *testing.T) {
	bot := apptest.NewBotAPI(t)
	env := start(t, bot, t.TempDir()+"/b.db")
	id, sent, _ := posted(t, env, bot, 1)
	if sent["chat_id"] != chatID {
		t.Errorf("chat_id %v, want %s", sent["chat_id"], chatID)
	}
	if _, ok := sent["parse_mode"]; ok {
		t.Errorf("parse_mode %v: a comment could format the message", sent["parse_mode"])
	}
	text := sent["text"].(string)
	for _, want := range []string{"Budi Santoso", "Komentar nomor 1", "& seterusnya", "artikel-1",
		fmt.Sprintf("%s/admin/comments?status=pending#c-%d", env.URL, id)} {
		if !strings.Contains(text, want) {
			t.Errorf("message lacks %q:\n%s", want, text)
		}
	}
	// The commenter's IP is the test's loopback, as is the dashboard's host.
	withoutLink := strings.ReplaceAll(text, env.URL, "")
	for _, secret := range []string{"budi@example.test", "127.0.0.1", "<b>"} {
		if strings.Contains(withoutLink, secret) {
			t.Errorf("message holds %q:\n%s", secret, text)
		}
	}
	bs := buttons(t, sent)
	if len(bs) != 3 || bs["Setujui"] == "" || bs["Spam"] == "" || bs["Sampah"] == "" {
		t.Fatalf("buttons %v, want Setujui, Spam, Sampah", bs)
	}
	for label, data := range bs {
		if len(data) > 64 {
			t.Errorf("%s: callback_data of %d bytes, Telegram takes 64", label, len(data))
		}
	}
}

// TestTelegram_Presses: a linked user's press moderates as the linked
// account (audited under it, the message shows who); an unlinked user's
// press, a forged button and a press on a comment already moderated
// change nothing.
func TestTelegram_Presses(t *testing.T) {
	bot := apptest.NewBotAPI(t)
	env := start(t, bot, t.TempDir()+"/b.db")
	budi := env.AddModerator("budi", "rahasia-panjang-1", comment.RoleModerator)
	link(t, env, budi, 555)

	id, sent, msg := posted(t, env, bot, 1)
	bs := buttons(t, sent)
	other, _, msg2 := posted(t, env, bot, 2)
	forged := fmt.Sprintf("a:%d:%s", other, strings.Repeat("0", 24))
	// Another comment's valid signature on this id: the signature binds both.
	stolen := fmt.Sprintf("a:%d:%s", other, strings.Split(bs["Setujui"], ":")[2])

	answers := 0
	press := func(from int64, data string, m telegram.Message) map[string]any {
		t.Helper()
		qid := bot.Press(from, data, m)
		answers++
		got := bot.WaitCalls(t, "answerCallbackQuery", answers)[answers-1]
		if got["callback_query_id"] != qid {
			t.Fatalf("answered %v, want %s", got["callback_query_id"], qid)
		}
		return got
	}
	for _, tc := range []struct {
		name, data string
		from       int64
		msg        telegram.Message
		answer     string
	}{
		{"unlinked user", bs["Setujui"], 999, msg, "belum ditautkan"},
		{"forged signature", forged, 555, msg2, "tidak sah"},
		{"signature of another comment", stolen, 555, msg2, "tidak sah"},
		{"not our data at all", "approve 1", 555, msg2, "tidak sah"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := press(tc.from, tc.data, tc.msg)
			if text, _ := got["text"].(string); !strings.Contains(text, tc.answer) {
				t.Errorf("answer %q, want it to say %q", text, tc.answer)
			}
			if status(t, env, id) != comment.Pending || status(t, env, other) != comment.Pending {
				t.Fatalf("a refused press changed a comment")
			}
			if n := len(bot.Calls("editMessageText")); n != 0 {
				t.Fatalf("a refused press edited %d messages", n)
			}
		})
	}

	got := press(555, bs["Setujui"], msg)
	if st := status(t, env, id); st != comment.Approved {
		t.Fatalf("after budi's press: %s", st)
	}
	if text := got["text"].(string); text != "Disetujui oleh budi" {
		t.Errorf("answer %q", text)
	}
	entries := audited(t, env, "approve", id)
	if len(entries) != 1 || entries[0].Moderator != "budi" || entries[0].ModeratorID != budi.ID {
		t.Fatalf("audit entries %+v, want one approve by budi", entries)
	}
	edit := bot.WaitCalls(t, "editMessageText", 1)[0]
	if edit["message_id"] != float64(1) || !strings.HasSuffix(edit["text"].(string), "Disetujui oleh budi") ||
		!strings.HasPrefix(edit["text"].(string), msg.Text) {
		t.Errorf("edit %v", edit)
	}
	if _, ok := edit["reply_markup"]; ok {
		t.Errorf("the edited message keeps its buttons")
	}

	// The same button again, or Sampah on a comment already decided.
	press(555, bs["Sampah"], msg)
	if st := status(t, env, id); st != comment.Approved || len(audited(t, env, "trash", id)) != 0 {
		t.Fatalf("a press on a moderated comment acted: %s", st)
	}

	// A disabled account's link acts no more.
	budi.Disabled = true
	if err := env.App.Store.UpdateModerator(context.Background(), budi, true); err != nil {
		t.Fatal(err)
	}
	spam := buttons(t, bot.Calls("sendMessage")[1])["Spam"]
	if text := press(555, spam, msg2)["text"].(string); !strings.Contains(text, "belum ditautkan") || status(t, env, other) != comment.Pending {
		t.Fatalf("a disabled account's press: %q, %s", text, status(t, env, other))
	}
}

// TestTelegram_RestartNoReplay: after a restart the bot asks Telegram
// from after the last handled update, so a press is never acted on twice
// (the test's server, unlike Telegram, would hand it over again).
func TestTelegram_RestartNoReplay(t *testing.T) {
	bot := apptest.NewBotAPI(t)
	db := t.TempDir() + "/b.db"
	env := start(t, bot, db)
	budi := env.AddModerator("budi", "rahasia-panjang-1", comment.RoleModerator)
	link(t, env, budi, 555)
	id, sent, msg := posted(t, env, bot, 1)
	qid := bot.Press(555, buttons(t, sent)["Setujui"], msg)
	bot.WaitCalls(t, "answerCallbackQuery", 1)
	if status(t, env, id) != comment.Approved {
		t.Fatal("not approved")
	}
	// Put it back in the queue, so a replayed press would approve it again.
	if _, err := env.App.Service.Moderate(context.Background(), id, comment.ActUnapprove, budi); err != nil {
		t.Fatal(err)
	}
	env.App.Close()
	before := len(bot.Calls("getUpdates"))

	env2 := start(t, bot, db)
	polls := bot.WaitCalls(t, "getUpdates", before+1)
	if off := polls[before]["offset"]; off != float64(2) {
		t.Fatalf("first getUpdates after the restart asks from %v, want 2", off)
	}
	// A new press is still handled, the old one is not.
	_, sent2, msg2 := posted(t, env2, bot, 2)
	bot.Press(555, buttons(t, sent2)["Sampah"], msg2)
	answers := bot.WaitCalls(t, "answerCallbackQuery", 2)
	if len(answers) != 2 || answers[1]["callback_query_id"] == qid {
		t.Fatalf("answers after the restart: %v", answers)
	}
	if st := status(t, env2, id); st != comment.Pending || len(audited(t, env2, "approve", id)) != 1 {
		t.Fatalf("the old press was replayed: %s", st)
	}
}
