package comment

import "strconv"

// IDMark stands for a new comment's id in a job payload: jobs of a "new"
// event are built before the insert assigns the id, and the store writes
// it in. A control character cannot come out of JSON encoding of user
// text, so the mark only appears where a payload builder put it.
const IDMark = "\x01comment_id\x01"

// IDText is the comment's id for a payload: the id, or IDMark while the
// comment is not stored yet.
func IDText(c Comment) string {
	if c.ID == 0 {
		return IDMark
	}
	return strconv.FormatInt(c.ID, 10)
}
