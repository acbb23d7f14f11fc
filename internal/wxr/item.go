package wxr

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dateLayout is the layout of wp:comment_date and wp:comment_date_gmt.
const dateLayout = "2006-01-02 15:04:05"

// zeroDate is what WordPress writes for a missing date.
const zeroDate = "0000-00-00 00:00:00"

// xmlItem is the decoded form of one <item>. Tags carry no namespace so any
// WXR version's wp namespace matches; the post body and other children are
// skipped by the decoder without being stored.
type xmlItem struct {
	Title         string       `xml:"title"`
	Link          string       `xml:"link"`
	PostID        string       `xml:"post_id"`
	Status        string       `xml:"status"`
	CommentStatus string       `xml:"comment_status"`
	Comments      []xmlComment `xml:"comment"`
}

// xmlComment is the decoded form of one <wp:comment>.
type xmlComment struct {
	ID          string `xml:"comment_id"`
	Author      string `xml:"comment_author"`
	AuthorEmail string `xml:"comment_author_email"`
	AuthorURL   string `xml:"comment_author_url"`
	AuthorIP    string `xml:"comment_author_IP"`
	Date        string `xml:"comment_date"`
	DateGMT     string `xml:"comment_date_gmt"`
	Content     string `xml:"comment_content"`
	Approved    string `xml:"comment_approved"`
	Type        string `xml:"comment_type"`
	Parent      string `xml:"comment_parent"`
	UserID      string `xml:"comment_user_id"`
}

// convert checks and converts a decoded item.
func (it *xmlItem) convert() (Post, []Comment, error) {
	p := Post{
		ID:            strings.TrimSpace(it.PostID),
		Title:         it.Title,
		Link:          strings.TrimSpace(it.Link),
		Status:        strings.TrimSpace(it.Status),
		CommentStatus: strings.TrimSpace(it.CommentStatus),
	}
	cs := make([]Comment, 0, len(it.Comments))
	for i := range it.Comments {
		c, err := it.Comments[i].convert()
		if err != nil {
			return Post{}, nil, fmt.Errorf("post %q, comment %d: %w", p.ID, i+1, err)
		}
		cs = append(cs, c)
	}
	return p, cs, nil
}

func (x *xmlComment) convert() (Comment, error) {
	c := Comment{
		Author:      x.Author,
		AuthorEmail: strings.TrimSpace(x.AuthorEmail),
		AuthorURL:   strings.TrimSpace(x.AuthorURL),
		AuthorIP:    strings.TrimSpace(x.AuthorIP),
		Content:     x.Content,
		Approved:    strings.TrimSpace(x.Approved),
		Type:        strings.TrimSpace(x.Type),
	}
	var err error
	if c.ID, err = parseInt("comment_id", x.ID); err != nil {
		return Comment{}, err
	}
	if c.ParentID, err = parseInt("comment_parent", x.Parent); err != nil {
		return Comment{}, err
	}
	if c.UserID, err = parseInt("comment_user_id", x.UserID); err != nil {
		return Comment{}, err
	}
	if c.DateGMT, err = parseDates(x.DateGMT, x.Date); err != nil {
		return Comment{}, err
	}
	return c, nil
}

// parseInt parses an integer field; empty means 0.
func parseInt(field, s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("wp:%s %q is not an integer", field, s)
	}
	return n, nil
}

// parseDates returns the GMT date, falling back to the local date when the
// GMT one is missing, zero or unreadable. Both missing gives the zero time;
// an unreadable local date is an error.
func parseDates(gmt, local string) (time.Time, error) {
	gmt = strings.TrimSpace(gmt)
	if gmt != "" && gmt != zeroDate {
		if t, err := time.Parse(dateLayout, gmt); err == nil {
			return t, nil
		}
	}
	local = strings.TrimSpace(local)
	if local == "" || local == zeroDate {
		if gmt != "" && gmt != zeroDate {
			return time.Time{}, fmt.Errorf("wp:comment_date_gmt %q is not a date", gmt)
		}
		return time.Time{}, nil
	}
	t, err := time.Parse(dateLayout, local)
	if err != nil {
		return time.Time{}, fmt.Errorf("wp:comment_date %q is not a date", local)
	}
	return t, nil
}
