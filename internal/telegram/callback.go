package telegram

import (
	"crypto/hmac"
	"strconv"
	"strings"

	"balasan/internal/comment"
)

// Callback data of a button is "a:ID:SIG": the action's letter, the
// comment id and a signature, so a client that crafts its own callback
// data (any Telegram client can) cannot make the bot act on another
// comment or with another action. It fits Telegram's 64 bytes: at most
// 1+1+19+1+sigLen = 46.

// sigLen is the signature's length in hex digits (96 bits).
const sigLen = 24

// letters maps each chat action to its letter in callback data.
var letters = map[comment.Action]string{comment.ActApprove: "a", comment.ActSpam: "s", comment.ActTrash: "t"}

// callbackPurpose separates these signatures from every other use of the key.
const callbackPurpose = "telegram-button:"

func sign(key []byte, letter string, id int64) string {
	return comment.LinkToken(key, callbackPurpose+letter, id)[:sigLen]
}

// CallbackData is a button's signed data for action a on comment id.
func CallbackData(key []byte, a comment.Action, id int64) string {
	l := letters[a]
	return l + ":" + strconv.FormatInt(id, 10) + ":" + sign(key, l, id)
}

// ParseCallback checks signed callback data; ok is false for anything
// not made by CallbackData with this key.
func ParseCallback(key []byte, data string) (a comment.Action, id int64, ok bool) {
	parts := strings.Split(data, ":")
	if len(parts) != 3 {
		return "", 0, false
	}
	for act, l := range letters {
		if l == parts[0] {
			a = act
		}
	}
	id, err := strconv.ParseInt(parts[1], 10, 64)
	if a == "" || err != nil || id <= 0 || strconv.FormatInt(id, 10) != parts[1] ||
		!hmac.Equal([]byte(parts[2]), []byte(sign(key, parts[0], id))) {
		return "", 0, false
	}
	return a, id, true
}
